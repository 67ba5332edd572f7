package org.arcoforge.recipe;

import java.io.Serializable;

/**
 * How chunks are compressed, as the recipe's author wrote it. Which names and levels exist, and
 * the defaults for what is left out, only the application's codec registry knows: it checks this
 * description and writes it out in full before a run.
 *
 * @param name    e.g. none, zlib, zstd, blosc-lz4
 * @param level   compression level, or null for the compressor's default
 * @param shuffle byte shuffle before compressing, or null for the default (on, except for none)
 */
public record Compressor(String name, Integer level, Boolean shuffle) implements Serializable {
    /** Chosen by measurement with bench/ (see README). */
    public static final Compressor DEFAULT = new Compressor("zstd", 1, true);

    /** Just a name: level and shuffle left to their defaults. */
    public static Compressor named(String name) {
        return new Compressor(name, null, null);
    }

    /** How a person reads it, e.g. "zstd level 1 + shuffle". */
    public String label() {
        if ("none".equals(name)) {
            return "none";
        }
        return name + (level == null ? "" : " level " + level) + (Boolean.TRUE.equals(shuffle) ? " + shuffle" : "");
    }
}
