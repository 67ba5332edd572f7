package org.arcoforge.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/** numcodecs' Shuffle (HDF5 filter 2): byte k of every element, then byte k+1 ... */
public record ShuffleCodec(int elementSize) implements BytesCodec {
    public ShuffleCodec {
        if (elementSize < 1) {
            throw new IllegalArgumentException("shuffle element size must be positive, got " + elementSize);
        }
    }

    @Override
    public byte[] encode(byte[] raw) {
        return ElementBytes.shuffle(raw, elementSize);
    }

    @Override
    public byte[] decode(byte[] stored, int expected) {
        byte[] out = new byte[stored.length];
        ElementValues.unshuffle(stored, stored.length, elementSize, out);
        return out;
    }

    @Override
    public Map<String, Object> zarrV2() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "shuffle");
        m.put("elementsize", elementSize);
        return m;
    }

    @Override
    public ZarrV3Codec zarrV3() {
        return new ZarrV3Codec("numcodecs.shuffle", Map.of("elementsize", elementSize));
    }
}
