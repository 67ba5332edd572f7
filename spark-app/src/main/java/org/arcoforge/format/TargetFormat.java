package org.arcoforge.format;

import java.io.Serializable;
import org.arcoforge.codec.Compression;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;

/**
 * A target format: how a plan's variables become keys and bytes in a {@link KeyValueStore}.
 * Zarr v2 ({@code format.zarr2}) is the one today; Zarr v3 and reference stores are siblings.
 * Formats know the plan's target variables and the codecs, never Spark or the stages.
 */
public interface TargetFormat extends Serializable {

    /** The format's name in messages ("Zarr v2"). */
    String name();

    /** A writer of this format into {@code store}, its arrays compressed as the recipe says. */
    TargetWriter writer(KeyValueStore store, Compression compression);

    /** Whether the store's root holds this format's group or array metadata. */
    boolean isStore(KeyValueStore store);

    /**
     * Refuses a target folder that is neither a store of this format nor empty (names starting
     * with {@code ownPrefix} and temporary files aside): a mistyped target is never written into.
     */
    void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite);

    /**
     * Deletes the store at the target, its files and those starting with {@code ownPrefix} except
     * {@code keep}; throws, naming them, before deleting anything when other files are there.
     */
    void deleteStore(HadoopStore store, String ownPrefix, String keep);

    /** Whether {@code arcoforge append} can extend a store of this format ({@link #readSchema} and the rest below). */
    default boolean supportsAppend() {
        return false;
    }

    /**
     * The complete store's schema as readers see it (append); null when the store is not marked
     * complete. Formats that cannot be appended to yet say so.
     */
    default StoredSchema readSchema(KeyValueStore store) {
        throw new FormatException("appending to a " + name() + " store is not supported yet");
    }

    /**
     * One stored chunk decoded as {@code elements} values of the array's dtype, or null when it was
     * never written; an error when it does not decode to that many.
     */
    default Object readChunk(KeyValueStore store, StoredArray array, long[] chunkIndex, int elements) {
        throw new FormatException("appending to a " + name() + " store is not supported yet");
    }

    /** Rewrites an array's metadata with a new shape and chunks (append, before the store is marked complete). */
    default void writeShape(KeyValueStore store, StoredArray array, long[] shape, int[] chunks) {
        throw new FormatException("appending to a " + name() + " store is not supported yet");
    }
}
