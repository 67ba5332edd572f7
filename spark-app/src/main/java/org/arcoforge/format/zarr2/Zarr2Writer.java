package org.arcoforge.format.zarr2;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.arcoforge.format.TargetWriter;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.codec.Compression;
import org.arcoforge.store.KeyValueStore;

/** A Zarr v2 store as xarray lays it out, its complete marker the consolidated {@code .zmetadata}. */
final class Zarr2Writer implements TargetWriter {
    private static final long serialVersionUID = 1L;

    private final ZarrGroupWriter writer;
    private final Compression compression;

    Zarr2Writer(KeyValueStore store, Compression compression) {
        this.writer = new ZarrGroupWriter(store);
        this.compression = compression;
    }

    @Override
    public Map<String, Object> groupAttributes() {
        byte[] json = writer.store().get(ZarrGroupWriter.ZATTRS);
        if (json == null) {
            return Map.of();
        }
        JsonNode node = ZarrJson.read(json, writer.store().uri() + "/" + ZarrGroupWriter.ZATTRS);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = ZarrJson.MAPPER.convertValue(node, Map.class);
        return m;
    }

    @Override
    public void writeGroup(Map<String, Object> attributes) {
        writer.writeGroup(attributes);
    }

    /** The plan's variable as Zarr v2 array metadata (a small record: not worth caching). */
    private ArrayMeta meta(TargetVariable v) {
        return new ArrayMeta(v.shape(), v.chunks(), v.dtype(), v.fillValue(), compression);
    }

    @Override
    public void createArray(TargetVariable v) {
        writer.createArray(v.name(), meta(v), v.dims(), v.attributes());
    }

    @Override
    public boolean takesBytePlanes(TargetVariable v) {
        return meta(v).codec().takesBytePlanes();
    }

    /** Array metadata comes from the plan: the prepare stage wrote exactly it. */
    @Override
    public long writeChunk(TargetVariable v, long[] chunkIndex, Object data) {
        writer.knowArray(v.name(), meta(v));
        return writer.writeChunk(v.name(), chunkIndex, data);
    }

    @Override
    public String chunkKey(TargetVariable v, long[] chunkIndex) {
        return ChunkKeys.key(v.name(), chunkIndex);
    }

    @Override
    public void unmarkComplete() {
        writer.deleteConsolidated();
    }

    @Override
    public void markComplete() {
        writer.consolidate();
    }
}
