package org.arcoforge.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.zarr.ArrayMeta;
import org.arcoforge.zarr.ChunkKeys;
import org.arcoforge.zarr.HadoopZarrStore;
import org.arcoforge.zarr.ZarrGroupWriter;
import org.arcoforge.zarr.ZarrJson;

/** The target Zarr store as the stages see it: the plan's variables in, Zarr keys out. */
final class TargetStore {
    private final HadoopZarrStore store;
    private final ZarrGroupWriter writer;
    private final Compressor compressor;

    private TargetStore(HadoopZarrStore store, Compressor compressor) {
        this.store = store;
        this.writer = new ZarrGroupWriter(store);
        this.compressor = compressor;
    }

    static TargetStore open(JobSpec job) {
        return new TargetStore(new HadoopZarrStore(job.target(), job.hadoopConf()), job.recipe().compressor());
    }

    String uri() {
        return store.uri();
    }

    boolean exists() {
        try {
            return store.fileSystem().exists(store.rootPath());
        } catch (IOException e) {
            throw new StageException("cannot reach target " + uri() + ": " + e.getMessage(), e);
        }
    }

    boolean isEmpty() {
        return store.list("").isEmpty();
    }

    /** The root group's attributes, empty when there is no group yet. */
    Map<String, Object> groupAttributes() {
        byte[] json = store.get(ZarrGroupWriter.ZATTRS);
        if (json == null) {
            return Map.of();
        }
        JsonNode node = ZarrJson.read(json, uri() + "/" + ZarrGroupWriter.ZATTRS);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new ObjectMapper().convertValue(node, Map.class);
        return m;
    }

    void deleteAll() {
        try {
            store.fileSystem().delete(store.rootPath(), true);
        } catch (IOException e) {
            throw new StageException("cannot delete target " + uri() + ": " + e.getMessage(), e);
        }
    }

    void deleteConsolidated() {
        writer.deleteConsolidated();
    }

    void writeGroup(Map<String, Object> attrs) {
        writer.writeGroup(attrs);
    }

    private ArrayMeta meta(TargetVariable v) {
        return new ArrayMeta(v.shape(), v.chunks(), v.dtype(), v.fillValue(), compressor);
    }

    void createArray(TargetVariable v) {
        writer.createArray(v.name(), meta(v), v.dims(), v.attributes());
    }

    /** Returns the bytes stored. */
    long writeChunk(TargetVariable v, long[] chunkIndex, Object data) {
        return writer.writeChunk(v.name(), chunkIndex, data);
    }

    /** Every key stored under the variable, from one listing (not a request per chunk). */
    Set<String> keysOf(TargetVariable v) {
        return new HashSet<>(store.list(v.name()));
    }

    static String chunkKey(String variable, long[] chunkIndex) {
        return ChunkKeys.key(variable, chunkIndex);
    }

    void consolidate() {
        writer.consolidate();
    }
}
