package org.arcoforge.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Element bytes (in either byte order, plain or in shuffle-filter planes) to values, in one pass. */
public final class ElementValues {
    private ElementValues() {
    }

    /**
     * Writes the {@code len / k} elements of {@code k} bytes held in {@code b[0, len)} to the
     * primitive array {@code dst} from element {@code off} on. Shuffled bytes sit in planes (plane
     * j holds byte j of every element); o[s] is the plane of the byte of significance s, which is
     * where byte order enters.
     */
    public static void decode(byte[] b, int len, int k, ByteOrder order, boolean shuffled, Object dst, int off) {
        int n = len / k;
        if (!shuffled || k == 1) {
            ByteBuffer bb = ByteBuffer.wrap(b, 0, len).order(order);
            if (dst instanceof byte[] a) {
                System.arraycopy(b, 0, a, off, n);
            } else if (dst instanceof short[] a) {
                bb.asShortBuffer().get(a, off, n);
            } else if (dst instanceof int[] a) {
                bb.asIntBuffer().get(a, off, n);
            } else if (dst instanceof long[] a) {
                bb.asLongBuffer().get(a, off, n);
            } else if (dst instanceof float[] a) {
                bb.asFloatBuffer().get(a, off, n);
            } else {
                bb.asDoubleBuffer().get((double[]) dst, off, n);
            }
            return;
        }
        int[] o = new int[k];
        for (int s = 0; s < k; s++) {
            o[s] = (order == ByteOrder.LITTLE_ENDIAN ? s : k - 1 - s) * n;
        }
        if (dst instanceof short[] a) {
            int o0 = o[0], o1 = o[1];
            for (int i = 0; i < n; i++) {
                a[off + i] = (short) ((b[o0 + i] & 0xff) | (b[o1 + i] << 8));
            }
        } else if (dst instanceof int[] a) {
            int o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3];
            for (int i = 0; i < n; i++) {
                a[off + i] = (b[o0 + i] & 0xff) | (b[o1 + i] & 0xff) << 8 | (b[o2 + i] & 0xff) << 16 | b[o3 + i] << 24;
            }
        } else if (dst instanceof float[] a) {
            // plane offsets in locals, not read from o[] per element: 1.9x under C1 (bench/kinds.sh large,
            // where this loop was 65% of a store task)
            int o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3];
            for (int i = 0; i < n; i++) {
                a[off + i] = Float.intBitsToFloat(
                        (b[o0 + i] & 0xff) | (b[o1 + i] & 0xff) << 8 | (b[o2 + i] & 0xff) << 16 | b[o3 + i] << 24);
            }
        } else if (dst instanceof long[] a) {
            for (int i = 0; i < n; i++) {
                a[off + i] = int64(b, o, i);
            }
        } else {
            double[] a = (double[]) dst;
            for (int i = 0; i < n; i++) {
                a[off + i] = Double.longBitsToDouble(int64(b, o, i));
            }
        }
    }

    /**
     * Undoes the shuffle filter: element bytes of {@code in[0, len)} in planes of {@code k} back to
     * element order in {@code out}; trailing bytes that do not fill an element stay in place.
     */
    public static void unshuffle(byte[] in, int len, int k, byte[] out) {
        int count = len / k;
        for (int j = 0; j < k; j++) {
            int plane = j * count;
            for (int i = 0; i < count; i++) {
                out[i * k + j] = in[plane + i];
            }
        }
        int tail = count * k;
        System.arraycopy(in, tail, out, tail, len - tail);
    }

    private static long int64(byte[] b, int[] o, int i) {
        long v = 0;
        for (int s = 7; s >= 0; s--) {
            v = v << 8 | (b[o[s] + i] & 0xff);
        }
        return v;
    }
}
