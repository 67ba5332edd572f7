package org.arcoforge.format.zarr2;

import org.arcoforge.format.TargetFormat;
import org.arcoforge.format.StoredArray;
import org.arcoforge.format.StoredSchema;
import org.arcoforge.format.TargetWriter;
import org.arcoforge.codec.Compression;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;

/** Zarr v2, consolidated, as xarray's {@code to_zarr} writes it. */
public final class Zarr2Format implements TargetFormat {
    private static final long serialVersionUID = 1L;
    public static final Zarr2Format INSTANCE = new Zarr2Format();

    private Zarr2Format() {
    }

    @Override
    public String name() {
        return "Zarr v2";
    }

    @Override
    public boolean supportsAppend() {
        return true;
    }

    @Override
    public TargetWriter writer(KeyValueStore store, Compression compression) {
        return new Zarr2Writer(store, compression);
    }

    @Override
    public boolean isStore(KeyValueStore store) {
        return store.exists(ZarrGroupWriter.ZGROUP) || store.exists(ZarrGroupWriter.ZARRAY);
    }

    @Override
    public void requireStoreOrEmpty(HadoopStore store, String ownPrefix, boolean overwrite) {
        Zarr2Contents.requireStoreOrEmpty(store, ownPrefix, overwrite);
    }

    @Override
    public void deleteStore(HadoopStore store, String ownPrefix, String keep) {
        Zarr2Contents.deleteStore(store, ownPrefix, keep);
    }

    @Override
    public StoredSchema readSchema(KeyValueStore store) {
        return Zarr2StoreReader.readSchema(store);
    }

    @Override
    public Object readChunk(KeyValueStore store, StoredArray array, long[] chunkIndex, int elements) {
        return Zarr2StoreReader.readChunk(store, array, chunkIndex, elements);
    }

    @Override
    public void writeShape(KeyValueStore store, StoredArray array, long[] shape, int[] chunks) {
        Zarr2StoreReader.writeShape(store, array, shape, chunks);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
