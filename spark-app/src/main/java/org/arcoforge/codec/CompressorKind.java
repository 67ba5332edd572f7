package org.arcoforge.codec;

/**
 * The compressors a recipe may name, with their allowed and default levels: the only place that
 * knows them (the recipe loader, the JSON Schema test and the Zarr writers all ask here).
 */
public enum CompressorKind {
    /** No compression: level means nothing and is 0. */
    NONE("none", 0, 0, 0),
    /** zlib 1 is fast, as numcodecs' Zlib default. */
    ZLIB("zlib", 0, 9, 1),
    /** zstd's own range: ZSTD_minCLevel() (the --fast levels) to ZSTD_maxCLevel(). */
    ZSTD("zstd", -131072, 22, 1),
    /** blosc 5 is numcodecs' default; the inner compressor is a {@link BloscCname}. */
    BLOSC("blosc", 0, 9, 5);

    private final String id;
    private final int minLevel;
    private final int maxLevel;
    private final int defaultLevel;

    CompressorKind(String id, int minLevel, int maxLevel, int defaultLevel) {
        this.id = id;
        this.minLevel = minLevel;
        this.maxLevel = maxLevel;
        this.defaultLevel = defaultLevel;
    }

    /** The recipe's name (blosc is written blosc-CNAME there). */
    public String id() { return id; }

    public int minLevel() { return minLevel; }

    public int maxLevel() { return maxLevel; }

    public int defaultLevel() { return defaultLevel; }

    public boolean allows(int level) {
        return level >= minLevel && level <= maxLevel;
    }

    /** "from 0 to 9", or "0" for a single allowed level. */
    public String levelText() {
        return minLevel == maxLevel ? String.valueOf(minLevel) : "from " + minLevel + " to " + maxLevel;
    }
}
