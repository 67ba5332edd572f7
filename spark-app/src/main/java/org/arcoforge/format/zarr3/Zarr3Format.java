package org.arcoforge.format.zarr3;

import org.arcoforge.codec.Compression;
import org.arcoforge.format.TargetFormat;
import org.arcoforge.format.TargetWriter;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;

/** Zarr v3, chunks or shards, consolidated metadata inline in the root {@code zarr.json}. */
public final class Zarr3Format implements TargetFormat {
    private static final long serialVersionUID = 1L;
    public static final Zarr3Format INSTANCE = new Zarr3Format();

    private Zarr3Format() {
    }

    @Override
    public String name() {
        return "Zarr v3";
    }

    @Override
    public TargetWriter writer(KeyValueStore store, Compression compression) {
        return new Zarr3Writer(store, compression);
    }

    @Override
    public boolean isStore(KeyValueStore store) {
        return store.exists(Zarr3Writer.ZARR_JSON);
    }

    @Override
    public void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite) {
        Zarr3Contents.requireStoreOrEmpty(store, ownPrefix, overwrite);
    }

    @Override
    public void deleteStore(HadoopStore store, String ownPrefix, String keep) {
        Zarr3Contents.deleteStore(store, ownPrefix, keep);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
