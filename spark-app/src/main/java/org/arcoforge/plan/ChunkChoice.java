package org.arcoforge.plan;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Planner step 5: every variable's shape and chunks. A dimension's chunk length is the recipe's
 * {@code target_chunks}, else the {@link ChunkSizer}'s choice for the largest variable (when the
 * recipe gives {@code target_chunk_size}), else the whole dimension, except the concat dimension:
 * {@code inputsPerChunk} times the first input's length. Dimension coordinates are one chunk.
 */
final class ChunkChoice {
    private ChunkChoice() {
    }

    /** @param dimChunks chunk length of every dimension a chunked (not dimension-coordinate) variable has */
    record Result(Map<String, VariableSpec> variables, Map<String, Integer> dimChunks) {
        Result {
            variables = VariableSpec.byName(variables.values());
            dimChunks = Collections.unmodifiableMap(new HashMap<>(dimChunks));
        }
    }

    static Result choose(PatternGrid grid, SchemaCombination.Combined dims, Map<String, VariableSpec> vars,
                         PlanOptions options) {
        Map<String, Integer> targetChunks = options.targetChunks() == null ? Map.of() : options.targetChunks();
        Map<String, Integer> sized = sized(grid, dims, vars, options, targetChunks);
        Map<String, Integer> dimChunks = new HashMap<>();
        Map<String, VariableSpec> out = new LinkedHashMap<>();
        for (VariableSpec v : vars.values()) {
            List<String> vd = v.dims();
            long[] shape = new long[vd.size()];
            int[] chunks = new int[vd.size()];
            for (int a = 0; a < vd.size(); a++) {
                shape[a] = dims.length(vd.get(a), grid);
                chunks[a] = v.isDimensionCoordinate()
                        ? (int) Math.max(1, Math.min(shape[a], Integer.MAX_VALUE))
                        : dimChunks.computeIfAbsent(vd.get(a),
                                d -> dimChunk(d, grid, dims, options, targetChunks, sized));
            }
            out.put(v.name(), v.withLayout(shape, chunks));
        }
        return new Result(out, dimChunks);
    }

    private static int dimChunk(String d, PatternGrid grid, SchemaCombination.Combined dims, PlanOptions options,
                                Map<String, Integer> targetChunks, Map<String, Integer> sized) {
        long len = dims.length(d, grid);
        Integer named = targetChunks.containsKey(d) ? targetChunks.get(d) : sized.get(d);
        long want;
        if (named != null) {
            want = named;
        } else if (d.equals(grid.concatDim())) {
            if (options.inputsPerChunk() < 1) {
                throw new PlanException("inputsPerChunk must be at least 1, but the recipe sets "
                        + options.inputsPerChunk() + " (and no target chunk for '" + d + "').");
            }
            want = options.inputsPerChunk() * grid.length(0);
        } else {
            want = len;
        }
        return (int) Math.max(1, Math.min(want, Math.min(len, Integer.MAX_VALUE)));
    }

    /** Dynamic chunking: sizes the chunks of the largest variable; the other variables share its dimensions. */
    private static Map<String, Integer> sized(PatternGrid grid, SchemaCombination.Combined dims,
                                              Map<String, VariableSpec> vars, PlanOptions options,
                                              Map<String, Integer> targetChunks) {
        if (options.targetChunkSize() <= 0) {
            return Map.of();
        }
        VariableSpec largest = null;
        double most = -1;
        for (VariableSpec v : vars.values()) {
            if (v.isDimensionCoordinate() || v.dims().isEmpty()) {
                continue;
            }
            double bytes = v.dtype().size();
            for (String d : v.dims()) {
                bytes *= dims.length(d, grid);
            }
            if (bytes > most) {
                most = bytes;
                largest = v;
            }
        }
        if (largest == null) {
            return Map.of();
        }
        List<String> vd = largest.dims();
        long[] shape = new long[vd.size()];
        for (int a = 0; a < shape.length; a++) {
            shape[a] = Math.max(1, dims.length(vd.get(a), grid));
        }
        return ChunkSizer.choose(vd, shape, largest.dtype().size(), options.targetChunkSize(), options.chunkFavor(),
                targetChunks);
    }
}
