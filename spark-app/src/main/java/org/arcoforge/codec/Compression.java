package org.arcoforge.codec;

import java.io.Serializable;
import java.util.Objects;
import org.arcoforge.recipe.Compressor;

/**
 * A recipe's compressor once {@link CodecRegistry} checked it: typed, every default filled in.
 *
 * @param cname   blosc's inner compressor (null unless kind is BLOSC)
 * @param shuffle byte shuffle: a shuffle codec before the compressor, or blosc's own shuffle
 */
public record Compression(CompressorKind kind, BloscCname cname, int level, boolean shuffle) implements Serializable {
    public static final Compression NONE = new Compression(CompressorKind.NONE, null, 0, false);

    public Compression {
        Objects.requireNonNull(kind, "kind");
        if ((kind == CompressorKind.BLOSC) != (cname != null)) {
            throw new IllegalArgumentException("a blosc compressor needs its cname, no other one has one");
        }
        if (!kind.allows(level)) {
            throw new IllegalArgumentException(kind.id() + " level must be " + kind.levelText() + ", got " + level);
        }
    }

    /** The recipe's name: none, zlib, zstd or blosc-CNAME. */
    public String name() {
        return kind == CompressorKind.BLOSC ? "blosc-" + cname.id() : kind.id();
    }

    /** The recipe's description of it, with every field written out. */
    public Compressor description() {
        return new Compressor(name(), level, shuffle);
    }

    @Override
    public String toString() {
        return description().label();
    }
}
