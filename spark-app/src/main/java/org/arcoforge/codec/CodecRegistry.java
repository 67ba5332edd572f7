package org.arcoforge.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeProblem;
import org.arcoforge.recipe.data.DType;

/**
 * The one place that knows the codecs: the recipe's compressor names and levels (through
 * {@link CompressorKind} and {@link BloscCname}), which codecs a chunk goes through, and how those
 * are written in Zarr v2 (numcodecs ids) and Zarr v3 (names and configurations, {@link
 * CodecPipeline#zarrV3}). HDF5 filter pipelines map here too ({@link Hdf5Codecs}).
 */
public final class CodecRegistry {
    private static final String BLOSC_PREFIX = CompressorKind.BLOSC.id() + "-";

    private CodecRegistry() {}

    /** Every compressor name a recipe may write: none, zlib, zstd, blosc-lz4 ... */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (CompressorKind k : CompressorKind.values()) {
            if (k == CompressorKind.BLOSC) {
                for (BloscCname c : BloscCname.values()) {
                    out.add(BLOSC_PREFIX + c.id());
                }
            } else {
                out.add(k.id());
            }
        }
        return out;
    }

    /** The kind a recipe name stands for, or null for an unknown name. */
    public static CompressorKind kindOf(String name) {
        if (name == null) {
            return null;
        }
        if (name.startsWith(BLOSC_PREFIX)) {
            return BloscCname.of(name.substring(BLOSC_PREFIX.length())) == null ? null : CompressorKind.BLOSC;
        }
        for (CompressorKind k : CompressorKind.values()) {
            if (k != CompressorKind.BLOSC && k.id().equals(name)) {
                return k;
            }
        }
        return null;
    }

    /** What is wrong with a recipe's compressor, by recipe field; empty when the registry takes it. */
    public static List<RecipeProblem> problems(Compressor c) {
        if (c == null || c.name() == null) {
            return List.of(); // recipe-dsl reports the missing compressor or name itself
        }
        CompressorKind kind = kindOf(c.name());
        if (kind == null) {
            return List.of(new RecipeProblem("compressor.name", "compressor.name must be one of "
                    + String.join(", ", names()) + ", got \"" + c.name() + "\""));
        }
        if (c.level() != null && !kind.allows(c.level())) {
            return List.of(new RecipeProblem("compressor.level", "compressor.level for " + c.name() + " must be "
                    + kind.levelText() + ", got " + c.level()));
        }
        return List.of();
    }

    /** The recipe's problems with its compressor (a {@link org.arcoforge.recipe.RecipeRule}). */
    public static List<RecipeProblem> problems(Recipe r) {
        return problems(r.compressor());
    }

    /**
     * The typed compression of a recipe's compressor, with the defaults for what the author left
     * out (level: {@link CompressorKind#defaultLevel}; shuffle: on, except for none).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Compression compression(Compressor c) {
        if (c == null || c.name() == null) {
            throw new IllegalArgumentException("compressor is null (use name \"none\")");
        }
        List<RecipeProblem> p = problems(c);
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(p.get(0).message());
        }
        CompressorKind kind = kindOf(c.name());
        BloscCname cname = kind == CompressorKind.BLOSC
                ? BloscCname.of(c.name().substring(BLOSC_PREFIX.length()).toLowerCase(Locale.ROOT)) : null;
        int level = c.level() == null ? kind.defaultLevel() : c.level();
        boolean shuffle = c.shuffle() == null ? kind != CompressorKind.NONE : c.shuffle();
        return new Compression(kind, cname, level, shuffle);
    }

    /**
     * The recipe with its compressor checked and written out in full (what the run, the store's
     * recipe hash and messages use).
     *
     * @throws org.arcoforge.recipe.RecipeException naming the field, before any work
     */
    public static Recipe complete(Recipe r) {
        if (r.compressor() != null && problems(r.compressor()).isEmpty()
                && compression(r.compressor()).description().equals(r.compressor())) {
            return r; // already complete: the common case, on every executor that deserializes a job
        }
        r.validate(CodecRegistry::problems);
        return r.toBuilder().compressor(compression(r.compressor()).description()).build();
    }

    /** The codecs a chunk of {@code dtype} goes through. */
    public static CodecPipeline pipeline(Compression c, DType dtype) {
        List<BytesCodec> bytes = new ArrayList<>();
        // blosc shuffles by itself; text is never byte-shuffled
        if (c.shuffle() && c.kind() != CompressorKind.BLOSC && dtype != DType.STRING) {
            bytes.add(new ShuffleCodec(dtype.size()));
        }
        switch (c.kind()) {
            case NONE -> { }
            case ZLIB -> bytes.add(new ZlibCodec(c.level()));
            case ZSTD -> bytes.add(new ZstdCodec(c.level()));
            case BLOSC -> bytes.add(new BloscCodec(c.cname(), c.level(), c.shuffle(),
                    dtype == DType.STRING ? 1 : dtype.size()));
        }
        return new CodecPipeline(ArrayBytesCodec.of(dtype), bytes);
    }

    /**
     * The compression a Zarr v2 array's "compressor" and "filters" (numcodecs configs, null for
     * none) describe, for the codecs this project writes.
     *
     * @throws IllegalArgumentException for any other
     */
    public static Compression fromZarrV2(Map<String, ?> compressor, List<? extends Map<String, ?>> filters) {
        boolean shuffleFilter = false;
        if (filters != null) {
            for (Map<String, ?> f : filters) {
                if (VlenUtf8.ID.equals(f.get("id"))) {
                    continue; // implied by dtype |O (the only object dtype this project writes)
                }
                if (!"shuffle".equals(f.get("id")) || shuffleFilter) {
                    throw new IllegalArgumentException("unsupported filters " + filters);
                }
                shuffleFilter = true;
            }
        }
        if (compressor == null) {
            return new Compression(CompressorKind.NONE, null, 0, shuffleFilter);
        }
        Object id = compressor.get("id");
        if ("zlib".equals(id) || "zstd".equals(id)) {
            return compression(new Compressor((String) id, intOf(compressor.get("level")), shuffleFilter));
        }
        if ("blosc".equals(id) && BloscCname.of(String.valueOf(compressor.get("cname"))) != null) {
            if (shuffleFilter) {
                throw new IllegalArgumentException("blosc with a shuffle filter is not supported");
            }
            int shuffle = intOf(compressor.get("shuffle"));
            if (shuffle != 0 && shuffle != 1) {
                throw new IllegalArgumentException("blosc shuffle " + shuffle + " is not supported");
            }
            return compression(new Compressor(BLOSC_PREFIX + compressor.get("cname"), intOf(compressor.get("clevel")),
                    shuffle == 1));
        }
        throw new IllegalArgumentException("unsupported compressor " + compressor);
    }

    private static int intOf(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    /** An HDF5 filter as its pipeline message lists it: id and client data. */
    public record Hdf5Filter(int id, int[] clientData) {
        public Hdf5Filter {
            clientData = clientData == null ? new int[0] : clientData.clone();
        }
    }

    /** The registered name of an HDF5 filter id (deflate, shuffle ...), or "third-party filter". */
    public static String hdf5FilterName(int id) {
        return Hdf5Codecs.name(id);
    }

    /**
     * The codecs of an HDF5 chunk's filter pipeline, in encoding order (e.g. shuffle then deflate:
     * [shuffle(elementsize), zlib(level)]), for a dataset of {@code elementSize}-byte elements.
     *
     * @throws IllegalArgumentException naming a filter no codec stands for
     */
    public static List<BytesCodec> fromHdf5(List<Hdf5Filter> filters, int elementSize) {
        List<BytesCodec> out = new ArrayList<>();
        for (Hdf5Filter f : filters) {
            out.add(Hdf5Codecs.codec(f.id(), f.clientData(), elementSize));
        }
        return out;
    }
}
