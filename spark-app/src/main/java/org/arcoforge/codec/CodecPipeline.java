package org.arcoforge.codec;

import java.io.Serializable;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * A chunk's codecs in the order they encode: one array-to-bytes codec, then bytes-to-bytes codecs
 * (filters, then usually one compressor, last). It describes itself as Zarr v2 ("filters" and
 * "compressor") and as a Zarr v3 "codecs" list.
 */
public record CodecPipeline(ArrayBytesCodec array, List<BytesCodec> bytes) implements Serializable {
    public CodecPipeline {
        bytes = List.copyOf(bytes);
    }

    public DType dtype() {
        return array.dtype();
    }

    /** The last codec when it is a compressor (Zarr v2's "compressor"), or null. */
    public BytesCodec compressor() {
        return !bytes.isEmpty() && bytes.get(bytes.size() - 1).compressor() ? bytes.get(bytes.size() - 1) : null;
    }

    /** Whether it starts with a shuffle of whole little-endian elements (fused into one pass). */
    public boolean shufflesElements() {
        return array instanceof LittleEndianCodec && !bytes.isEmpty()
                && bytes.get(0) instanceof ShuffleCodec s && s.elementSize() == array.dtype().size();
    }

    public byte[] encode(Object chunk) {
        if (!ElementBytes.matches(dtype(), chunk)) {
            throw new IllegalArgumentException("chunk of " + dtype() + " must be a " + dtype().newArray(0).getClass().getSimpleName()
                    + ", got " + (chunk == null ? "null" : chunk.getClass().getSimpleName()));
        }
        boolean fused = shufflesElements();
        byte[] b = fused ? ElementBytes.shuffledLittleEndian(chunk) : array.encode(chunk);
        return encodeFrom(fused ? 1 : 0, b);
    }

    /** Bytes already through the codecs before {@code from}, through the rest. */
    byte[] encodeFrom(int from, byte[] b) {
        for (int i = from; i < bytes.size(); i++) {
            b = bytes.get(i).encode(b);
        }
        return b;
    }

    /** Decodes stored bytes to an array of {@code elements} elements of the dtype's Java type. */
    public Object decode(byte[] stored, int elements) {
        int expected = array.encodedLength(elements);
        byte[] b = stored;
        boolean fused = shufflesElements();
        for (int i = bytes.size() - 1; i >= (fused ? 1 : 0); i--) {
            b = bytes.get(i).decode(b, expected);
        }
        if (!fused) {
            return array.decode(b, elements);
        }
        if (b.length != expected) {
            throw new IllegalArgumentException("chunk decodes to " + b.length + " bytes, expected " + expected);
        }
        Object out = dtype().newArray(elements);
        ElementValues.decode(b, expected, dtype().size(), ByteOrder.LITTLE_ENDIAN, true, out, 0);
        return out;
    }

    /** Zarr v2 "compressor": the compressor's numcodecs config, or null. */
    public Map<String, Object> zarrV2Compressor() {
        BytesCodec c = compressor();
        return c == null ? null : c.zarrV2();
    }

    /** Zarr v2 "filters": the array codec's (vlen-utf8), then every bytes codec but the compressor; null for none. */
    public List<Map<String, Object>> zarrV2Filters() {
        List<Map<String, Object>> f = new ArrayList<>();
        if (array.zarrV2Filter() != null) {
            f.add(array.zarrV2Filter());
        }
        int n = compressor() == null ? bytes.size() : bytes.size() - 1;
        for (BytesCodec c : bytes.subList(0, n)) {
            f.add(c.zarrV2());
        }
        return f.isEmpty() ? null : f;
    }

    /** The Zarr v3 "codecs" list. */
    public List<ZarrV3Codec> zarrV3() {
        List<ZarrV3Codec> out = new ArrayList<>();
        out.add(array.zarrV3());
        bytes.forEach(c -> out.add(c.zarrV3()));
        return out;
    }
}
