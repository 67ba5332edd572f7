package org.arcoforge.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * numcodecs' {@code vlen-utf8} filter, as zarr-python 2 writes object arrays of str: a uint32
 * little-endian item count, then per item a uint32 little-endian byte length and its UTF-8 bytes.
 * A null item is written as "" (numcodecs does the same with None).
 */
public final class VlenUtf8 {
    private VlenUtf8() {
    }

    /** The filter's config in {@code .zarray} "filters". */
    public static final String ID = "vlen-utf8";

    public static byte[] encode(String[] values) {
        byte[][] utf8 = new byte[values.length][];
        long total = 4;
        for (int i = 0; i < values.length; i++) {
            utf8[i] = values[i] == null ? new byte[0] : values[i].getBytes(StandardCharsets.UTF_8);
            total += 4 + utf8[i].length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("chunk of " + values.length + " strings holds more than 2 GiB of text");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(values.length);
        for (byte[] u : utf8) {
            b.putInt(u.length);
            b.put(u);
        }
        return b.array();
    }

    /** Decodes a chunk that must hold {@code elements} items. */
    public static String[] decode(byte[] raw, int elements) {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (raw.length < 4) {
            throw new IllegalArgumentException("vlen-utf8 chunk of " + raw.length + " bytes has no item count");
        }
        int n = b.getInt();
        if (n != elements) {
            throw new IllegalArgumentException("vlen-utf8 chunk holds " + Integer.toUnsignedString(n) + " items, expected "
                    + elements);
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            if (b.remaining() < 4) {
                throw new IllegalArgumentException("truncated vlen-utf8 chunk at item " + i);
            }
            int len = b.getInt();
            if (len < 0 || len > b.remaining()) {
                throw new IllegalArgumentException("vlen-utf8 item " + i + " of " + Integer.toUnsignedString(len)
                        + " bytes overruns the chunk");
            }
            out[i] = new String(raw, b.position(), len, StandardCharsets.UTF_8);
            b.position(b.position() + len);
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("vlen-utf8 chunk has " + b.remaining() + " bytes after its last item");
        }
        return out;
    }
}
