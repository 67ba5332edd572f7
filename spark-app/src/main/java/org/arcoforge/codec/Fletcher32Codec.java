package org.arcoforge.codec;

import java.util.Map;

/**
 * HDF5's Fletcher-32 filter (3): a 4-byte little-endian checksum after the bytes, as numcodecs'
 * Fletcher32 (numcodecs 0.12+). Found in HDF5 sources only; a recipe cannot ask for it.
 */
public record Fletcher32Codec() implements BytesCodec {
    @Override
    public byte[] encode(byte[] raw) {
        int sum = Fletcher32.checksum(raw, 0, raw.length);
        byte[] out = java.util.Arrays.copyOf(raw, raw.length + 4);
        for (int i = 0; i < 4; i++) {
            out[raw.length + i] = (byte) (sum >>> (8 * i));
        }
        return out;
    }

    @Override
    public byte[] decode(byte[] stored, int expected) {
        if (!Fletcher32.verify(stored, 0, stored.length)) {
            throw new IllegalArgumentException("fletcher32 checksum mismatch: the chunk is corrupt");
        }
        return java.util.Arrays.copyOf(stored, stored.length - 4);
    }

    @Override
    public Map<String, Object> zarrV2() {
        return new java.util.LinkedHashMap<>(Map.of("id", "fletcher32"));
    }

    @Override
    public ZarrV3Codec zarrV3() {
        return new ZarrV3Codec("numcodecs.fletcher32", Map.of());
    }
}
