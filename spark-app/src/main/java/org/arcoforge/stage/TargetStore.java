package org.arcoforge.stage;

import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.codec.Compression;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.format.zarr2.ArrayMeta;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.TempNames;
import org.arcoforge.format.zarr2.ZarrGroupWriter;
import org.arcoforge.format.zarr2.ZarrJson;
import org.arcoforge.store.KeyValueStore;

/** The target Zarr store as the stages see it: the plan's variables in, Zarr keys out. */
final class TargetStore {
    private final HadoopStore store;
    private final ZarrGroupWriter writer;
    private final Compression compression;
    private final Map<String, ArrayMeta> metas = new ConcurrentHashMap<>();

    private TargetStore(HadoopStore store, Compression compression) {
        this.store = store;
        this.writer = new ZarrGroupWriter(store);
        this.compression = compression;
    }

    static TargetStore open(JobSpec job) {
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        try {
            store.fileSystem();
        } catch (RuntimeException e) {
            throw new StageException(e.getMessage() + settingsHint(job.target()), e);
        }
        return new TargetStore(store, CodecRegistry.compression(job.recipe().compressor()));
    }

    /** Which settings an object store needs, for when opening it failed. */
    static String settingsHint(String uri) {
        if (uri.startsWith("gs:")) {
            return " (Google Cloud Storage needs credentials: --hadoop fs.gs.auth.service.account.json.keyfile=KEY.json,"
                    + " or GOOGLE_APPLICATION_CREDENTIALS, or the VM's service account on Google Cloud;"
                    + " see the README's section on targets)";
        }
        if (uri.startsWith("s3a:")) {
            return " (S3 needs --hadoop fs.s3a.access.key=... and fs.s3a.secret.key=... or a credentials provider,"
                    + " and fs.s3a.endpoint for servers other than AWS; see the README's section on targets)";
        }
        return "";
    }

    String uri() {
        return store.uri();
    }

    boolean exists() {
        try {
            return store.fileSystem().exists(store.rootPath());
        } catch (IOException e) {
            throw new StageException("cannot reach target " + uri() + ": " + e.getMessage() + settingsHint(uri()), e);
        }
    }

    /** A Zarr group or array at the root. */
    boolean isZarrStore() {
        return store.exists(ZarrGroupWriter.ZGROUP) || store.exists(ZarrGroupWriter.ZARRAY);
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

    HadoopStore zarr() {
        return store;
    }

    void deleteConsolidated() {
        writer.deleteConsolidated();
    }

    void writeGroup(Map<String, Object> attrs) {
        writer.writeGroup(attrs);
    }

    private ArrayMeta meta(TargetVariable v) {
        return metas.computeIfAbsent(v.name(), n -> new ArrayMeta(v.shape(), v.chunks(), v.dtype(), v.fillValue(),
                compression));
    }

    void createArray(TargetVariable v) {
        writer.createArray(v.name(), meta(v), v.dims(), v.attributes());
    }

    /** Whether chunks of {@code v} can be handed to {@link #writeChunk} as {@link org.arcoforge.codec.BytePlanes}. */
    boolean takesBytePlanes(TargetVariable v) {
        return meta(v).codec().takesBytePlanes();
    }

    /** Returns the bytes stored. Array metadata comes from the plan: PrepareTarget wrote exactly it. */
    long writeChunk(TargetVariable v, long[] chunkIndex, Object data) {
        writer.knowArray(v.name(), meta(v));
        return writer.writeChunk(v.name(), chunkIndex, data);
    }

    /**
     * Every key stored under the variable, from one listing (not a request per chunk); temporary
     * files that interrupted writes left there are deleted on the way.
     */
    Set<String> keysOf(TargetVariable v) {
        Set<String> keys = new HashSet<>();
        for (String k : store.listIncludingTemporary(v.name())) {
            if (TempNames.isTemporary(k)) {
                store.delete(k);
            } else {
                keys.add(k);
            }
        }
        return keys;
    }

    /** Deletes temporary files that interrupted writes left at the root (.zmetadata's, say). */
    void deleteTemporaryAtRoot() {
        if (!store.renames()) {
            return;
        }
        try {
            for (org.apache.hadoop.fs.FileStatus st : store.fileSystem().listStatus(store.rootPath())) {
                if (st.isFile() && TempNames.isTemporary(st.getPath().getName())) {
                    store.delete(st.getPath().getName());
                }
            }
        } catch (IOException e) {
            throw new StageException("cannot list target " + uri() + ": " + e.getMessage(), e);
        }
    }

    void consolidate() {
        writer.consolidate();
    }
}
