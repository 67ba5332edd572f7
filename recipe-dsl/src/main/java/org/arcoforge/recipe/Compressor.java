package org.arcoforge.recipe;

import java.io.Serializable;

/**
 * How Zarr chunks are compressed.
 *
 * @param name    none, zlib, zstd, or blosc-CNAME (CNAME: lz4, lz4hc, zstd, zlib, blosclz)
 * @param level   compression level of the codec
 * @param shuffle byte shuffle before compressing (a numcodecs shuffle filter, or blosc's own shuffle)
 */
public record Compressor(String name, int level, boolean shuffle) implements Serializable {
    /** Chosen by measurement with bench/ (see README). */
    public static final Compressor DEFAULT = new Compressor("zstd", 1, true);
}
