package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.List;

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

    /** How a person reads it, e.g. "zstd level 1 + shuffle". */
    public String label() {
        return "none".equals(name) ? "none" : name + " level " + level + (shuffle ? " + shuffle" : "");
    }

    /** Every accepted name. */
    public static final List<String> NAMES = List.of("none", "zlib", "zstd", "blosc-lz4", "blosc-lz4hc",
            "blosc-zstd", "blosc-zlib", "blosc-blosclz");

    /** {@code name} at its default level ({@link #defaultLevel}) with shuffle on (off for none). */
    public static Compressor named(String name) {
        return new Compressor(name, defaultLevel(name), !"none".equals(name));
    }

    /** zstd and zlib 1 (fast, as numcodecs' Zlib default), blosc 5 (numcodecs' default), none 0. */
    public static int defaultLevel(String name) {
        if (name != null && name.startsWith("blosc-")) {
            return 5;
        }
        return "none".equals(name) ? 0 : 1;
    }

    /** Allowed levels {min, max} for a known name, or null for an unknown one. */
    static int[] levelRange(String name) {
        if (name == null || !NAMES.contains(name)) {
            return null;
        }
        return switch (name) {
            case "zstd" -> new int[] {-7, 22};
            case "none" -> new int[] {0, 0};
            default -> new int[] {0, 9};
        };
    }
}
