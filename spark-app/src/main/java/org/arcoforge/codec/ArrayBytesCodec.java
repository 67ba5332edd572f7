package org.arcoforge.codec;

import java.io.Serializable;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/** The array-to-bytes codec: how a chunk's values (a Java array in C order) become bytes. */
public sealed interface ArrayBytesCodec extends Serializable permits LittleEndianCodec, VlenUtf8Codec {
    DType dtype();

    byte[] encode(Object chunk);

    Object decode(byte[] raw, int elements);

    /** Bytes of {@code elements} values, or -1 when only the content tells. */
    int encodedLength(int elements);

    /** Its Zarr v2 "filters" entry, or null when the dtype alone says it (plain little-endian bytes). */
    Map<String, Object> zarrV2Filter();

    ZarrV3Codec zarrV3();

    /** The array-to-bytes codec of a dtype: vlen-utf8 for strings, else little-endian elements. */
    static ArrayBytesCodec of(DType dtype) {
        return dtype == DType.STRING ? new VlenUtf8Codec() : new LittleEndianCodec(dtype);
    }
}
