package org.arcoforge.codec;

/**
 * HDF5's Fletcher-32 checksum filter (id 3), as H5_checksum_fletcher32 computes it: sums of 16-bit
 * big-endian words (a trailing odd byte as the high byte of a last word), folded every 360 words;
 * the filter appends it to the chunk as a little-endian 32-bit value. HDF5 before 1.6.3 stored it
 * with the bytes of each half swapped, which HDF5 still accepts, and so does this.
 */
public final class Fletcher32 {
    private Fletcher32() {}

    static int checksum(byte[] b, int off, int len) {
        long sum1 = 0;
        long sum2 = 0;
        int words = len / 2;
        int i = off;
        while (words > 0) {
            int t = Math.min(words, 360);
            words -= t;
            for (; t > 0; t--) {
                sum1 += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
                i += 2;
                sum2 += sum1;
            }
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        if (len % 2 != 0) {
            sum1 += (b[i] & 0xff) << 8;
            sum2 += sum1;
            sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
            sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        }
        sum1 = (sum1 & 0xffff) + (sum1 >>> 16);
        sum2 = (sum2 & 0xffff) + (sum2 >>> 16);
        return (int) ((sum2 << 16) | sum1);
    }

    /** Whether {@code b[off, off + len)} ends in the checksum of the bytes before it. */
    public static boolean verify(byte[] b, int off, int len) {
        if (len < 4) {
            return false;
        }
        int data = len - 4;
        int p = off + data;
        int stored = (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
        int sum = checksum(b, off, data);
        int reversed = (sum & 0xff00ff00) >>> 8 | (sum & 0x00ff00ff) << 8;
        return stored == sum || stored == reversed;
    }
}
