package org.arcoforge.format.zarr2;

import org.arcoforge.codec.FillValues;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.ElementBytes;
import org.arcoforge.grid.GridIndex;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.codec.Compression;
import org.arcoforge.recipe.data.DType;

/**
 * Writes and reads a Zarr v2 hierarchy as xarray lays it out: {@code .zgroup}/{@code .zattrs}
 * for groups, {@code .zarray} plus {@code .zattrs} with {@code _ARRAY_DIMENSIONS} for arrays,
 * chunks under "name/i.j", and consolidated metadata in {@code .zmetadata}. Serializable, so a
 * Spark task can write chunks with it; array metadata is cached per JVM.
 */
public final class ZarrGroupWriter implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String ZGROUP = ".zgroup";
    public static final String ZATTRS = ".zattrs";
    public static final String ZARRAY = ".zarray";
    public static final String ZMETADATA = ".zmetadata";
    /** xarray's attribute naming an array's dimensions. */
    public static final String DIMENSIONS_ATTR = "_ARRAY_DIMENSIONS";

    private final KeyValueStore store;
    private transient volatile Map<String, ArrayMeta> metaCache;

    public ZarrGroupWriter(KeyValueStore store) {
        this.store = store;
    }

    public KeyValueStore store() {
        return store;
    }

    private Map<String, ArrayMeta> cache() {
        if (metaCache == null) {
            synchronized (this) {
                if (metaCache == null) {
                    metaCache = new ConcurrentHashMap<>();
                }
            }
        }
        return metaCache;
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + "/";
    }

    private static void checkName(String name, boolean rootAllowed) {
        if (name == null || name.isEmpty() && !rootAllowed) {
            throw new IllegalArgumentException("array name is empty");
        }
        if (!name.isEmpty()) {
            HadoopStore.checkKey(name);
            for (String seg : name.split("/")) {
                if (seg.startsWith(".z")) {
                    throw new IllegalArgumentException("name '" + name + "' clashes with Zarr metadata keys");
                }
            }
        }
    }

    /** Writes the root group ({@code .zgroup} and {@code .zattrs}). */
    public void writeGroup(Map<String, ?> attrs) {
        writeGroup("", attrs);
    }

    /** Writes the group at {@code path} ("" for the root). */
    public void writeGroup(String path, Map<String, ?> attrs) {
        checkName(path, true);
        ObjectNode g = ZarrJson.NODES.objectNode();
        g.put("zarr_format", 2);
        store.putMetadata(prefix(path) + ZGROUP, ZarrJson.write(g));
        store.putMetadata(prefix(path) + ZATTRS, ZarrJson.write(ZarrJson.attributes(attrs)));
    }

    /** The {@code .zarray} document for the metadata (keys sorted, as zarr-python writes them). */
    public static ObjectNode zarrayJson(ArrayMeta meta) {
        ChunkCodec codec = meta.codec();
        Map<String, JsonNode> m = new TreeMap<>();
        ArrayNode chunks = ZarrJson.NODES.arrayNode();
        for (int c : meta.chunks()) chunks.add(c);
        ArrayNode shape = ZarrJson.NODES.arrayNode();
        for (long s : meta.shape()) shape.add(s);
        m.put("chunks", chunks);
        m.put("compressor", ZarrJson.MAPPER.valueToTree(sorted(codec.compressorConfig())));
        m.put("dimension_separator", ZarrJson.NODES.textNode("."));
        m.put("dtype", ZarrJson.NODES.textNode(ZarrDTypes.name(meta.dtype())));
        m.put("fill_value", FillValueJson.toJson(meta.dtype(), meta.fillValue()));
        List<Map<String, Object>> filters = codec.filtersConfig();
        m.put("filters", ZarrJson.MAPPER.valueToTree(filters == null ? null : filters.stream().map(ZarrGroupWriter::sorted).toList()));
        m.put("order", ZarrJson.NODES.textNode("C"));
        m.put("shape", shape);
        m.put("zarr_format", ZarrJson.NODES.numberNode(2));
        ObjectNode o = ZarrJson.NODES.objectNode();
        o.setAll(m);
        return o;
    }

    private static Map<String, Object> sorted(Map<String, Object> m) {
        return m == null ? null : new TreeMap<>(m);
    }

    /**
     * Writes {@code name/.zarray} and {@code name/.zattrs}; the attributes get
     * {@code _ARRAY_DIMENSIONS} first, then the given ones in their order. Existing chunks are
     * left alone.
     */
    public void createArray(String name, ArrayMeta meta, List<String> dims, Map<String, ?> attrs) {
        checkName(name, false);
        if (dims.size() != meta.rank()) {
            throw new IllegalArgumentException("array '" + name + "' has rank " + meta.rank() + " but dims " + dims);
        }
        if (attrs != null && attrs.containsKey(DIMENSIONS_ATTR)) {
            throw new IllegalArgumentException("array '" + name + "': pass dimensions as dims, not as " + DIMENSIONS_ATTR);
        }
        ObjectNode a = ZarrJson.NODES.objectNode();
        ArrayNode d = a.putArray(DIMENSIONS_ATTR);
        dims.forEach(d::add);
        a.setAll(ZarrJson.attributes(attrs));
        store.putMetadata(name + "/" + ZARRAY, ZarrJson.write(zarrayJson(meta)));
        store.putMetadata(name + "/" + ZATTRS, ZarrJson.write(a));
        cache().put(name, meta);
    }

    /**
     * Takes {@code meta} as the metadata of the existing array {@code name} without reading its
     * {@code .zarray}: for writers of a store whose arrays were created from the same plan (on an
     * object store, reading it back costs every store task requests per variable).
     */
    public void knowArray(String name, ArrayMeta meta) {
        checkName(name, false);
        cache().putIfAbsent(name, meta);
    }

    /** The metadata of an existing array (cached after the first read). */
    public ArrayMeta readArrayMeta(String name) {
        checkName(name, false);
        ArrayMeta m = cache().get(name);
        if (m == null) {
            m = parseArrayMeta(name, store.get(name + "/" + ZARRAY));
            cache().put(name, m);
        }
        return m;
    }

    private ArrayMeta parseArrayMeta(String name, byte[] bytes) {
        String where = store.uri() + " " + name + "/" + ZARRAY;
        if (bytes == null) {
            throw new IllegalArgumentException("no array '" + name + "' in " + store.uri());
        }
        JsonNode j = ZarrJson.read(bytes, where);
        try {
            if (j.path("zarr_format").asInt() != 2 || !"C".equals(j.path("order").asText())) {
                throw new IllegalArgumentException("only zarr_format 2, order C is supported");
            }
            String sep = j.path("dimension_separator").asText(".");
            if (!sep.equals(".")) {
                throw new IllegalArgumentException("dimension_separator '" + sep + "' is not supported");
            }
            DType dtype = ZarrDTypes.parse(j.path("dtype").asText());
            long[] shape = new long[j.path("shape").size()];
            int[] chunks = new int[j.path("chunks").size()];
            for (int i = 0; i < shape.length; i++) shape[i] = j.path("shape").get(i).asLong();
            for (int i = 0; i < chunks.length; i++) chunks[i] = j.path("chunks").get(i).asInt();
            Number fill = FillValueJson.fromJson(dtype, j.get("fill_value"));
            return new ArrayMeta(shape, chunks, dtype, fill, compression(j.get("compressor"), j.get("filters")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot use " + where + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Compression compression(JsonNode c, JsonNode filters) {
        Map<String, Object> compressor = c == null || c.isNull() ? null : ZarrJson.MAPPER.convertValue(c, Map.class);
        List<Map<String, Object>> f = filters == null || filters.isNull() ? null
                : ZarrJson.MAPPER.convertValue(filters, List.class);
        return CodecRegistry.fromZarrV2(compressor, f);
    }

    /**
     * Encodes and stores one whole chunk (C order, full chunk shape even at the array's edge): a
     * primitive array, or {@link BytePlanes} when the codec {@link ChunkCodec#takesBytePlanes takes
     * them}. Elements of an edge chunk beyond the array are written as the fill value whatever the
     * buffer holds there, so a re-run writes the same bytes.
     *
     * @return the number of bytes stored
     */
    public long writeChunk(String name, long[] chunkIndex, Object chunkData) {
        ArrayMeta meta = readArrayMeta(name);
        checkIndex(name, meta, chunkIndex);
        int n = meta.chunkElements();
        if (chunkData instanceof BytePlanes planes) {
            if (planes.dtype() != meta.dtype() || planes.elements() != n) {
                throw new IllegalArgumentException("chunk " + Arrays.toString(chunkIndex) + " of '" + name + "' must hold "
                        + n + " " + meta.dtype() + " values, got " + planes.elements() + " " + planes.dtype());
            }
        } else if (!ElementBytes.matches(meta.dtype(), chunkData) || ElementBytes.length(chunkData) != n) {
            throw new IllegalArgumentException("chunk " + Arrays.toString(chunkIndex) + " of '" + name + "' must be a "
                    + meta.dtype().newArray(0).getClass().getSimpleName() + " of " + n + " elements, got "
                    + (chunkData == null ? "null" : chunkData.getClass().getSimpleName() + " of " + ElementBytes.length(chunkData)));
        }
        ChunkCodec.Encoded stored = meta.codec().encodeReusing(padEdge(meta, chunkIndex, chunkData));
        store.put(ChunkKeys.key(name, chunkIndex), stored.array(), stored.length());
        return stored.length();
    }

    /** The decoded chunk, or null when it was never written. */
    public Object readChunk(String name, long[] chunkIndex) {
        ArrayMeta meta = readArrayMeta(name);
        checkIndex(name, meta, chunkIndex);
        byte[] stored = store.get(ChunkKeys.key(name, chunkIndex));
        if (stored == null) {
            return null;
        }
        try {
            return meta.codec().decode(stored, meta.chunkElements());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot decode chunk " + ChunkKeys.key(name, chunkIndex) + " in "
                    + store.uri() + ": " + e.getMessage(), e);
        }
    }

    private static void checkIndex(String name, ArrayMeta meta, long[] idx) {
        long[] grid = meta.chunkGrid();
        boolean ok = idx != null && idx.length == grid.length;
        for (int d = 0; ok && d < grid.length; d++) {
            ok = idx[d] >= 0 && idx[d] < grid[d];
        }
        if (!ok) {
            throw new IllegalArgumentException("chunk index " + Arrays.toString(idx) + " is outside the chunk grid "
                    + Arrays.toString(grid) + " of '" + name + "'");
        }
    }

    /** A copy with the elements beyond the array's edge set to the fill value; the input if none are. */
    static Object padEdge(ArrayMeta meta, long[] idx, Object data) {
        long[] shape = meta.shape();
        int[] chunks = meta.chunks();
        int rank = shape.length;
        int[] valid = new int[rank];
        boolean edge = false;
        for (int d = 0; d < rank; d++) {
            valid[d] = (int) Math.min(chunks[d], shape[d] - idx[d] * chunks[d]);
            edge |= valid[d] < chunks[d];
        }
        if (!edge) {
            return data;
        }
        Number fill = meta.fillValue() == null ? 0 : meta.fillValue();
        Object out = data instanceof BytePlanes p ? new BytePlanes(p.bytes().clone(), p.elements(), p.dtype())
                : cloneArray(data);
        byte[] planeFill = out instanceof BytePlanes p ? FillValues.littleEndian(p.dtype(), fill) : null;
        // Walk the chunk as rows along the last dimension: each row is valid up to valid[last].
        int rowLen = chunks[rank - 1];
        int r = 0;
        for (GridIndex rows = GridIndex.of(Arrays.copyOf(chunks, rank - 1)); rows.next(); r++) {
            long[] pos = rows.index();
            boolean rowInside = true;
            for (int d = 0; d < rank - 1; d++) {
                rowInside &= pos[d] < valid[d];
            }
            int from = r * rowLen + (rowInside ? valid[rank - 1] : 0);
            int to = (r + 1) * rowLen;
            if (from < to && planeFill != null) {
                FillValues.fill((BytePlanes) out, from, to, planeFill);
            } else if (from < to) {
                FillValues.fill(out, from, to, fill);
            }
        }
        return out;
    }

    private static Object cloneArray(Object a) {
        if (a instanceof byte[] x) return x.clone();
        if (a instanceof short[] x) return x.clone();
        if (a instanceof int[] x) return x.clone();
        if (a instanceof long[] x) return x.clone();
        if (a instanceof float[] x) return x.clone();
        if (a instanceof String[] x) return x.clone();
        return ((double[]) a).clone();
    }

    /** Removes {@code .zmetadata}: a store being (re)written reads as incomplete until {@link #consolidate}. */
    public void deleteConsolidated() {
        store.delete(ZMETADATA);
    }

    /**
     * Gathers every {@code .zgroup}, {@code .zattrs} and {@code .zarray} of the hierarchy into
     * {@code .zmetadata}. Walks groups only, so chunk files are never listed.
     */
    public void consolidate() {
        Map<String, JsonNode> meta = new TreeMap<>();
        collect("", meta);
        if (!meta.containsKey(ZGROUP)) {
            throw new IllegalStateException("no root group (.zgroup) in " + store.uri() + ": write it before consolidating");
        }
        ObjectNode doc = ZarrJson.NODES.objectNode();
        doc.putObject("metadata").setAll(meta);
        doc.put("zarr_consolidated_format", 1);
        store.putMetadata(ZMETADATA, ZarrJson.write(doc));
    }

    private void collect(String path, Map<String, JsonNode> out) {
        String p = prefix(path);
        boolean array = false;
        boolean group = false;
        for (String k : List.of(ZGROUP, ZATTRS, ZARRAY)) {
            byte[] b = store.get(p + k);
            if (b != null) {
                out.put(p + k, ZarrJson.read(b, store.uri() + " " + p + k));
                array |= k.equals(ZARRAY);
                group |= k.equals(ZGROUP);
            }
        }
        if (group && !array) {
            for (String child : store.listDirectories(path)) {
                collect(p + child, out);
            }
        }
    }
}
