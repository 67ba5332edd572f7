package org.arcoforge.codec;

import java.nio.ByteOrder;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/** Elements as little-endian bytes (Zarr v3 "bytes", endian little; Zarr v2 says it in the dtype). */
public record LittleEndianCodec(DType dtype) implements ArrayBytesCodec {
    public LittleEndianCodec {
        if (dtype == null || dtype == DType.STRING) {
            throw new IllegalArgumentException("little-endian bytes need a fixed-size dtype, got " + dtype);
        }
    }

    @Override
    public byte[] encode(Object chunk) {
        return ElementBytes.toLittleEndian(chunk);
    }

    @Override
    public Object decode(byte[] raw, int elements) {
        int expected = encodedLength(elements);
        if (raw.length != expected) {
            throw new IllegalArgumentException("chunk decodes to " + raw.length + " bytes, expected " + expected);
        }
        Object out = dtype.newArray(elements);
        ElementValues.decode(raw, expected, dtype.size(), ByteOrder.LITTLE_ENDIAN, false, out, 0);
        return out;
    }

    @Override
    public int encodedLength(int elements) {
        return Math.multiplyExact(elements, dtype.size());
    }

    @Override
    public Map<String, Object> zarrV2Filter() {
        return null;
    }

    @Override
    public ZarrV3Codec zarrV3() {
        // v3 asks for endian only where the bytes have an order.
        return new ZarrV3Codec("bytes", dtype.size() == 1 ? Map.of() : Map.of("endian", "little"));
    }
}
