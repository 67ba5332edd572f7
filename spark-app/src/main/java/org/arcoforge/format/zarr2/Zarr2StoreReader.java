package org.arcoforge.format.zarr2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.codec.Compression;
import org.arcoforge.format.FormatException;
import org.arcoforge.format.StoredArray;
import org.arcoforge.format.StoredSchema;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.store.KeyValueStore;

/**
 * Reads an existing Zarr v2 store for an append: its schema from the consolidated
 * {@code .zmetadata} only (what readers see; array metadata an unfinished append already rewrote
 * is not looked at), its chunks, and rewrites an array's shape in its {@code .zarray}.
 */
final class Zarr2StoreReader {
    private Zarr2StoreReader() {
    }

    static StoredSchema readSchema(KeyValueStore store) {
        byte[] bytes = store.get(ZarrGroupWriter.ZMETADATA);
        if (bytes == null) {
            return null;
        }
        JsonNode meta = ZarrJson.read(bytes, store.uri() + " " + ZarrGroupWriter.ZMETADATA).path("metadata");
        Map<String, Object> attrs = map(meta.get(ZarrGroupWriter.ZATTRS));
        Map<String, StoredArray> arrays = new LinkedHashMap<>();
        for (Iterator<String> it = meta.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String suffix = "/" + ZarrGroupWriter.ZARRAY;
            if (!key.endsWith(suffix) || key.substring(0, key.length() - suffix.length()).contains("/")) {
                continue; // root arrays only: groups: all stores are not appended to
            }
            String name = key.substring(0, key.length() - suffix.length());
            arrays.put(name, array(store, name, meta.get(key), meta.get(name + "/" + ZarrGroupWriter.ZATTRS)));
        }
        return new StoredSchema(attrs, arrays);
    }

    private static StoredArray array(KeyValueStore store, String name, JsonNode z, JsonNode zattrs) {
        String where = store.uri() + " " + name + "/" + ZarrGroupWriter.ZARRAY;
        if (z.path("zarr_format").asInt() != 2 || !"C".equals(z.path("order").asText())
                || !".".equals(z.path("dimension_separator").asText("."))) {
            throw new FormatException(where + ": only zarr_format 2, order C, dimension_separator '.' can be appended to");
        }
        DType dtype = ZarrDTypes.parse(z.path("dtype").asText());
        long[] shape = new long[z.path("shape").size()];
        int[] chunks = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = z.path("shape").get(i).asLong();
            chunks[i] = z.path("chunks").get(i).asInt();
        }
        Map<String, Object> attrs = map(zattrs);
        Object dims = attrs.remove(ZarrGroupWriter.DIMENSIONS_ATTR);
        List<String> dimNames = new ArrayList<>();
        if (dims instanceof List<?> l) {
            l.forEach(d -> dimNames.add(String.valueOf(d)));
        }
        if (dimNames.size() != shape.length) {
            throw new FormatException(where + ": no " + ZarrGroupWriter.DIMENSIONS_ATTR + " of rank " + shape.length
                    + " in its attributes; not a store xarray wrote or ARCO Forge made");
        }
        return new StoredArray(name, dimNames, shape, chunks, dtype,
                FillValueJson.fromJson(dtype, z.get("fill_value")), ZarrGroupWriter.compression(z.get("compressor"), z.get("filters")), attrs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return node == null || node.isNull() ? new LinkedHashMap<>()
                : new LinkedHashMap<>(ZarrJson.MAPPER.convertValue(node, Map.class));
    }

    static Object readChunk(KeyValueStore store, StoredArray a, long[] chunkIndex, int elements) {
        String key = ChunkKeys.key(a.name(), chunkIndex);
        byte[] stored = store.get(key);
        if (stored == null) {
            return null;
        }
        return new ChunkCodec(a.compression(), a.dtype()).decode(stored, elements);
    }

    /**
     * Rewrites {@code name/.zarray} with another shape and chunks, the rest as read: the document
     * this project writes for that metadata (keys sorted as zarr-python sorts them).
     */
    static void writeShape(KeyValueStore store, StoredArray a, long[] shape, int[] chunks) {
        ObjectNode z = ZarrGroupWriter.zarrayJson(new ArrayMeta(shape, chunks, a.dtype(), a.fillValue(), a.compression()));
        store.putMetadata(a.name() + "/" + ZarrGroupWriter.ZARRAY, ZarrJson.write(z));
    }
}
