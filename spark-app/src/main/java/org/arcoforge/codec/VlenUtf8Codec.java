package org.arcoforge.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/** Strings as numcodecs' vlen-utf8 (Zarr v3: "vlen-utf8", as zarr-python 3 writes it). */
public record VlenUtf8Codec() implements ArrayBytesCodec {
    @Override
    public DType dtype() {
        return DType.STRING;
    }

    @Override
    public byte[] encode(Object chunk) {
        return VlenUtf8.encode((String[]) chunk);
    }

    @Override
    public Object decode(byte[] raw, int elements) {
        return VlenUtf8.decode(raw, elements);
    }

    @Override
    public int encodedLength(int elements) {
        return -1;
    }

    @Override
    public Map<String, Object> zarrV2Filter() {
        return new LinkedHashMap<>(Map.of("id", VlenUtf8.ID));
    }

    @Override
    public ZarrV3Codec zarrV3() {
        return new ZarrV3Codec(VlenUtf8.ID, Map.of());
    }
}
