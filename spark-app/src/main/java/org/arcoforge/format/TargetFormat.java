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
}
