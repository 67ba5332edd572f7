package org.arcoforge.format.zarr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.Compression;
import org.arcoforge.codec.ElementBytes;
import org.arcoforge.format.TargetWriter;
import org.arcoforge.format.zarr2.ZarrJson;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;

/**
 * A Zarr v3 store: the root group's {@code zarr.json}, one {@code zarr.json} per array, chunks (or
 * shards) under {@code NAME/c/...}. The root {@code zarr.json} carries the consolidated metadata
 * (zarr-python 3's inline form) only once the store is complete: that is its complete marker, as
 * {@code .zmetadata} is for Zarr v2.
 */
final class Zarr3Writer implements TargetWriter {
    private static final long serialVersionUID = 1L;
    static final String ZARR_JSON = "zarr.json";
    static final String CONSOLIDATED = "consolidated_metadata";

    private final KeyValueStore store;
    private final Compression compression;

    Zarr3Writer(KeyValueStore store, Compression compression) {
        this.store = store;
        this.compression = compression;
    }

    private JsonNode root() {
        byte[] json = store.get(ZARR_JSON);
        return json == null ? null : ZarrJson.read(json, store.location() + "/" + ZARR_JSON);
    }

    @Override
    public Map<String, Object> groupAttributes() {
        JsonNode root = root();
        if (root == null || !root.path("attributes").isObject()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = ZarrJson.MAPPER.convertValue(root.get("attributes"), Map.class);
        return m;
    }

    /** The root group, without consolidated metadata (the store reads as incomplete). */
    @Override
    public void writeGroup(Map<String, Object> attributes) {
        store.putMetadata(ZARR_JSON, ZarrJson.write(group(ZarrJson.attributes(attributes), null)));
    }

    // zarr-python 3's key order: attributes, zarr_format, consolidated_metadata, node_type
    private static ObjectNode group(JsonNode attributes, JsonNode consolidated) {
        ObjectNode g = ArrayDocument.NODES.objectNode();
        g.set("attributes", attributes);
        g.put("zarr_format", 3);
        if (consolidated != null) {
            g.set(CONSOLIDATED, consolidated);
        }
        g.put("node_type", "group");
        return g;
    }

    @Override
    public void createArray(TargetVariable v) {
        HadoopStore.checkKey(v.name());
        store.putMetadata(v.name() + "/" + ZARR_JSON, ZarrJson.write(ArrayDocument.json(v, compression)));
    }

    /** Plain chunks take byte planes as in Zarr v2 (same codecs); shards are cut into chunks as values. */
    @Override
    public boolean takesBytePlanes(TargetVariable v) {
        return !v.sharded() && ArrayDocument.codec(compression, v.dtype()).takesBytePlanes();
    }

    @Override
    public long writeChunk(TargetVariable v, long[] chunkIndex, Object data) {
        int[] unit = v.chunks();
        long[] grid = v.chunkGrid();
        int n = 1;
        for (int c : unit) {
            n *= c;
        }
        boolean ok = chunkIndex.length == grid.length;
        for (int d = 0; ok && d < grid.length; d++) {
            ok = chunkIndex[d] >= 0 && chunkIndex[d] < grid[d];
        }
        if (!ok) {
            throw new IllegalArgumentException("chunk index " + Arrays.toString(chunkIndex) + " is outside the chunk grid "
                    + Arrays.toString(grid) + " of '" + v.name() + "'");
        }
        if (data instanceof BytePlanes planes && (v.sharded() || planes.dtype() != v.dtype() || planes.elements() != n)) {
            throw new IllegalArgumentException("chunk " + Arrays.toString(chunkIndex) + " of '" + v.name() + "' must be "
                    + n + " " + v.dtype() + " values" + (v.sharded() ? " (shards take values)" : "") + ", got "
                    + planes.elements() + " " + planes.dtype() + " as byte planes");
        }
        if (!(data instanceof BytePlanes) && (!ElementBytes.matches(v.dtype(), data) || ElementBytes.length(data) != n)) {
            throw new IllegalArgumentException("chunk " + Arrays.toString(chunkIndex) + " of '" + v.name() + "' must be "
                    + n + " " + v.dtype() + " values, got " + (data == null ? "null" : data.getClass().getSimpleName()
                    + " of " + ElementBytes.length(data)));
        }
        ChunkCodec codec = ArrayDocument.codec(compression, v.dtype());
        String key = chunkKey(v, chunkIndex);
        if (v.sharded()) {
            byte[] shard = ShardEncoder.encode(data, unit, chunkIndex, v.shape(), v.innerChunks(), v.dtype(),
                    v.fillValue(), codec);
            store.put(key, shard);
            return shard.length;
        }
        int[] valid = new int[unit.length];
        boolean edge = false;
        for (int d = 0; d < unit.length; d++) {
            valid[d] = (int) Math.min(unit[d], v.shape()[d] - chunkIndex[d] * unit[d]);
            edge |= valid[d] < unit[d];
        }
        Object chunk = data;
        if (edge) {
            Object values = data instanceof BytePlanes p ? p.toValues(v.dtype().newArray(n)) : data;
            chunk = ChunkBlocks.cut(values, unit, new int[unit.length], unit, valid, v.dtype(), v.fillValue());
        }
        ChunkCodec.Encoded e = codec.encodeReusing(chunk);
        store.put(key, e.array(), e.length());
        return e.length();
    }

    /** "NAME/c/i/j/k" (the default chunk key encoding with "/"); "NAME/c" for a 0-d array. */
    @Override
    public String chunkKey(TargetVariable v, long[] chunkIndex) {
        StringBuilder b = new StringBuilder(v.name()).append("/c");
        for (long i : chunkIndex) {
            b.append('/').append(i);
        }
        return b.toString();
    }

    /** Drops the consolidated metadata from the root: the store reads as incomplete until {@link #markComplete}. */
    @Override
    public void unmarkComplete() {
        JsonNode root = root();
        if (root != null && root.has(CONSOLIDATED)) {
            store.putMetadata(ZARR_JSON, ZarrJson.write(group(root.path("attributes"), null)));
        }
    }

    /** Gathers every array's {@code zarr.json} into the root's consolidated metadata (lists folders, never chunks). */
    @Override
    public void markComplete() {
        JsonNode root = root();
        if (root == null) {
            throw new IllegalStateException("no root group (zarr.json) in " + store.location() + ": write it before consolidating");
        }
        Map<String, JsonNode> arrays = new TreeMap<>();
        for (String name : store.listDirectories("")) {
            byte[] json = store.get(name + "/" + ZARR_JSON);
            if (json != null) {
                arrays.put(name, ZarrJson.read(json, store.location() + "/" + name + "/" + ZARR_JSON));
            }
        }
        ObjectNode consolidated = ArrayDocument.NODES.objectNode();
        consolidated.put("kind", "inline");
        consolidated.put("must_understand", false);
        consolidated.putObject("metadata").setAll(arrays);
        store.putMetadata(ZARR_JSON, ZarrJson.write(group(root.path("attributes"), consolidated)));
    }
}
