package org.arcoforge.plan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.arcoforge.recipe.ByteSize;

/**
 * Checks a plan's chunking before anything is written. Names of dimensions that no variable has
 * (a typo in target_chunks or target_chunk_size.favor, silently ignored by the planner) are always
 * an error. Chunking that would flood the target with objects, more than {@code maxChunksPerVariable}
 * chunks for one variable or chunks under {@link #MIN_CHUNK_BYTES}, is an error unless
 * {@code force}, which turns it into warnings.
 *
 * @param maxChunksPerVariable the most chunks one variable may have (--max-chunks)
 * @param force                run such a plan anyway (--force)
 */
public record ChunkLimits(long maxChunksPerVariable, boolean force) implements Serializable {
    public static final long DEFAULT_MAX_CHUNKS = 1_000_000;
    /** Smallest decoded size of a full chunk: below it, per-object costs dwarf the data. */
    public static final long MIN_CHUNK_BYTES = 1000;
    /** Variables smaller than this as a whole (small coordinates, bounds) may have chunks of any size. */
    public static final long SMALL_VARIABLE_BYTES = 64_000;
    /** The chunk size suggested for a variable that is larger than this. */
    static final long SUGGESTED_CHUNK_BYTES = 50_000_000;
    public static final ChunkLimits DEFAULT = new ChunkLimits(DEFAULT_MAX_CHUNKS, false);

    public ChunkLimits {
        if (maxChunksPerVariable < 1) {
            throw new IllegalArgumentException("the chunk limit must be at least 1, got " + maxChunksPerVariable);
        }
    }

    /**
     * Checks {@code plan}, made with {@code options}.
     *
     * @return warnings for the console: the problems a forced plan has (empty otherwise)
     * @throws PlanException for unknown dimensions, and, unless forced, for too many or too small chunks
     */
    public List<String> check(StorePlan plan, PlanOptions options) {
        Set<String> dims = new LinkedHashSet<>();
        plan.schema().variables().forEach(v -> dims.addAll(v.dims()));
        List<String> unknown = new ArrayList<>();
        unknownDims(options.targetChunks() == null ? Set.of() : options.targetChunks().keySet(), "target_chunks",
                dims, unknown);
        unknownDims(options.chunkFavor(), "target_chunk_size.favor", dims, unknown);
        unknownDims(options.shards().keySet(), "shards", dims, unknown);
        if (!unknown.isEmpty()) {
            throw new PlanException(String.join("; ", unknown) + ": the dataset's dimensions are "
                    + String.join(", ", dims) + ".");
        }
        List<String> problems = new ArrayList<>();
        TargetVariable worst = null;
        long worstChunks = 0;
        for (TargetVariable v : plan.schema().variables()) {
            String p = problem(v);
            if (p != null) {
                problems.add(p);
                long n = count(v.chunkGrid());
                if (worst == null || n > worstChunks) {
                    worst = v;
                    worstChunks = n;
                }
            }
        }
        if (problems.isEmpty()) {
            return List.of();
        }
        String suggestion = suggestion(worst, options, plan.maxTaskMemory());
        if (force) {
            List<String> warnings = new ArrayList<>();
            problems.forEach(p -> warnings.add(p + " (--force: writing it anyway)"));
            return warnings;
        }
        StringBuilder msg = new StringBuilder("the plan would write too many or too small chunks, so nothing was"
                + " written:");
        problems.forEach(p -> msg.append("\n  ").append(p));
        msg.append("\n").append(suggestion).append("; or --force to write this plan anyway.");
        throw new PlanException(msg.toString());
    }

    private static void unknownDims(Iterable<String> named, String field, Set<String> dims, List<String> out) {
        for (String d : named) {
            if (!dims.contains(d)) {
                out.add(field + " names '" + d + "', which no variable has");
            }
        }
    }

    /** What is wrong with {@code v}'s chunks, or null. */
    private String problem(TargetVariable v) {
        long chunks = count(v.chunkGrid());
        long chunkBytes = v.dtype().size() * count(toLong(v.chunks()));
        long whole = v.dtype().size() * count(v.shape());
        boolean many = chunks > maxChunksPerVariable;
        boolean tiny = chunkBytes < MIN_CHUNK_BYTES && whole >= SMALL_VARIABLE_BYTES && chunks > 1;
        if (!many && !tiny) {
            return null;
        }
        String what = String.format(Locale.ROOT, "'%s' (%s) would be %,d chunks of %s (%s)", v.name(),
                ByteSize.format(whole), chunks, ByteSize.format(chunkBytes), describe(v.dims(), v.chunks()));
        List<String> why = new ArrayList<>();
        if (many) {
            why.add(String.format(Locale.ROOT, "more than %,d chunks per variable (--max-chunks)", maxChunksPerVariable));
        }
        if (tiny) {
            why.add("chunks under " + ByteSize.format(MIN_CHUNK_BYTES));
        }
        return what + ": " + String.join(" and ", why);
    }

    /**
     * Chunks for {@code v} of about 50 MB (the whole variable when smaller; larger when 50 MB would
     * still be too many chunks), keeping the recipe's favoured dimensions long, or else the
     * dimensions other than the concat dimension (map chunks, one object per few steps).
     */
    String suggestion(TargetVariable v, PlanOptions options, long budget) {
        long item = v.dtype().size();
        long whole = item * count(v.shape());
        long want = Math.min(whole, SUGGESTED_CHUNK_BYTES);
        want = Math.max(want, 2 * (whole / maxChunksPerVariable + 1));
        if (budget > 0) {
            want = Math.min(want, budget / 4);
        }
        List<String> favor = new ArrayList<>();
        for (String d : options.chunkFavor()) {
            if (v.dims().contains(d)) {
                favor.add(d);
            }
        }
        if (favor.isEmpty()) {
            v.dims().stream().filter(d -> !d.equals(options.concatDim())).forEach(favor::add);
        }
        Map<String, Integer> chunks = ChunkSizer.choose(v.dims(), v.shape(), (int) item, want, favor, Map.of());
        StringBuilder tc = new StringBuilder();
        for (Map.Entry<String, Integer> e : new LinkedHashMap<>(chunks).entrySet()) {
            tc.append(tc.length() == 0 ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
        }
        return "For '" + v.name() + "' use e.g. target_chunks: {" + tc + "} (" + ByteSize.format(product(chunks) * item)
                + " per chunk) or target_chunk_size: " + sizeText(want);
    }

    private static String sizeText(long bytes) {
        return bytes >= 1_000_000 ? Math.round(bytes / 1e6) + "MB" : bytes >= 1000 ? Math.round(bytes / 1e3) + "kB" : bytes + "B";
    }

    private static long product(Map<String, Integer> chunks) {
        long p = 1;
        for (int c : chunks.values()) {
            p *= c;
        }
        return p;
    }

    private static String describe(List<String> dims, int[] chunks) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < chunks.length; a++) {
            sb.append(a == 0 ? "" : ", ").append(dims.get(a)).append('=').append(chunks[a]);
        }
        return sb.toString();
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    private static long count(long[] a) {
        long p = 1;
        for (long x : a) {
            p = Math.multiplyExact(p, Math.max(1, x));
        }
        return p;
    }
}
