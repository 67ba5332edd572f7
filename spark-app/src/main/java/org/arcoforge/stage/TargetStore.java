package org.arcoforge.stage;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.format.TargetFormat;
import org.arcoforge.format.TargetWriter;
import org.arcoforge.format.zarr2.Zarr2Format;
import org.arcoforge.format.zarr3.Zarr3Format;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.TempNames;

/**
 * The target as the stages see it: a {@link TargetFormat} over a {@link HadoopStore}. The stages
 * hand it the plan's variables and chunks; the format decides keys and bytes.
 */
final class TargetStore {
    /** Our own files at the store's root: lease, progress log, anything later. */
    static final String OWN_PREFIX = ".arcoforge";

    private final HadoopStore store;
    private final TargetFormat format;
    private final TargetWriter writer;

    private TargetStore(HadoopStore store, TargetFormat format, TargetWriter writer) {
        this.store = store;
        this.format = format;
        this.writer = writer;
    }

    static TargetStore open(JobSpec job) {
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        try {
            store.fileSystem();
        } catch (RuntimeException e) {
            throw new StageException(e.getMessage() + HadoopStore.settingsHint(job.target()), e);
        }
        TargetFormat format = format(job);
        return new TargetStore(store, format,
                format.writer(store, CodecRegistry.compression(job.recipe().compressor())));
    }

    /** The format a job writes: the recipe's zarr_format (Zarr v2 by default). */
    static TargetFormat format(JobSpec job) {
        return job.recipe().zarrFormat() == 3 ? Zarr3Format.INSTANCE : Zarr2Format.INSTANCE;
    }

    String uri() {
        return store.uri();
    }

    boolean exists() {
        try {
            return store.fileSystem().exists(store.rootPath());
        } catch (IOException e) {
            throw new StageException("cannot reach target " + uri() + ": " + e.getMessage()
                    + HadoopStore.settingsHint(uri()), e);
        }
    }

    /** A store of the job's format at the root. */
    boolean isFormatStore() {
        return format.isStore(store);
    }

    String formatName() {
        return format.name();
    }

    /** Refuses a folder that is neither a store of the format nor empty (our own files aside). */
    void requireStoreOrEmpty(boolean overwrite) {
        format.requireStoreOrEmpty(store, OWN_PREFIX, overwrite);
    }

    /** Deletes the store's files and our own, except {@code keep}; refuses when others are there. */
    void deleteStore(String keep) {
        format.deleteStore(store, OWN_PREFIX, keep);
    }

    /**
     * The root attributes readers see: from the consolidated metadata of a complete store (an
     * append that stopped before its last step has already rewritten the group's own attributes),
     * else the group's own.
     */
    Map<String, Object> publishedGroupAttributes() {
        if (format.supportsAppend()) {
            try {
                org.arcoforge.format.StoredSchema published = format.readSchema(store);
                if (published != null) {
                    return published.attributes();
                }
            } catch (org.arcoforge.format.FormatException e) {
                // unreadable consolidated metadata (a store of an older version): the group's own
            }
        }
        return writer.groupAttributes();
    }

    /** Whether the format can extend its stores (append). */
    boolean supportsAppend() {
        return format.supportsAppend();
    }

    void unmarkComplete() {
        writer.unmarkComplete();
    }

    void writeGroup(Map<String, Object> attrs) {
        writer.writeGroup(attrs);
    }

    void createArray(TargetVariable v) {
        writer.createArray(v);
    }

    /** Whether chunks of {@code v} can be handed to {@link #writeChunk} as {@link org.arcoforge.codec.BytePlanes}. */
    boolean takesBytePlanes(TargetVariable v) {
        return writer.takesBytePlanes(v);
    }

    /** Returns the bytes stored. */
    long writeChunk(TargetVariable v, long[] chunkIndex, Object data) {
        return writer.writeChunk(v, chunkIndex, data);
    }

    String chunkKey(TargetVariable v, long[] chunkIndex) {
        return writer.chunkKey(v, chunkIndex);
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

    void markComplete() {
        writer.markComplete();
    }
}
