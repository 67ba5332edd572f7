package org.arcoforge.codec;

import java.util.Locale;

/**
 * Blosc's inner compressors that blosc-java runs, with their code in the HDF5 blosc filter's client
 * data (hdf5-blosc's BLOSC_BLOSCLZ ... BLOSC_ZSTD; 3 is snappy, which blosc-java lacks).
 */
public enum BloscCname {
    LZ4(1), LZ4HC(2), ZSTD(5), ZLIB(4), BLOSCLZ(0);

    private final int hdf5Code;

    BloscCname(int hdf5Code) {
        this.hdf5Code = hdf5Code;
    }

    /** The name numcodecs and Zarr v3 use: lz4, lz4hc, zstd, zlib, blosclz. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The compressor of this id, or null. */
    public static BloscCname of(String id) {
        for (BloscCname c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    static BloscCname ofHdf5Code(int code) {
        for (BloscCname c : values()) {
            if (c.hdf5Code == code) {
                return c;
            }
        }
        return null;
    }
}
