package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.ByteSize;

/**
 * Planner step 5b (Zarr v3 shards only): the shard becomes the write unit. Every chunked variable's
 * chunks grow to its shard: the recipe's {@code shards} length along the dimensions it names, the
 * whole dimension rounded up to whole chunks along the others; the chunks the ChunkChoice made are
 * remembered as the inner chunks. So tasks, the memory budget and the direct/shuffle choice all
 * work per shard and no shard has two writers. Dimension coordinates and 0-d variables stay
 * unsharded (one chunk each).
 */
final class ShardChoice {
    private ShardChoice() {
    }

    /** The variables with shard layout, inner chunks by variable name, and dimension to shard length. */
    record Result(Map<String, VariableSpec> variables, Map<String, int[]> inner, Map<String, Integer> dimShards) {
    }

    static Result apply(Map<String, VariableSpec> vars, Map<String, Integer> dimChunks, Map<String, Integer> shards,
                        long budget) {
        Map<String, VariableSpec> out = new LinkedHashMap<>();
        Map<String, int[]> inner = new HashMap<>();
        Map<String, Integer> dimShards = new HashMap<>(dimChunks);
        for (VariableSpec v : vars.values()) {
            if (v.isDimensionCoordinate() || v.dims().isEmpty() || v.precomputed() != null) {
                out.put(v.name(), v);
                continue;
            }
            long[] shape = v.shape();
            int[] chunks = v.chunks();
            int[] shard = new int[chunks.length];
            for (int a = 0; a < chunks.length; a++) {
                String d = v.dims().get(a);
                long whole = Math.max(1, ChunkGrid.along(shape[a], chunks[a])) * chunks[a];
                Integer named = shards.get(d);
                if (named != null && named % chunks[a] != 0) {
                    throw new PlanException("shards." + d + " (" + named + ") must be a multiple of the chunk length"
                            + " along '" + d + "' (" + chunks[a] + "): a shard holds whole chunks; change shards."
                            + d + " or target_chunks." + d + ".");
                }
                shard[a] = (int) Math.min(Integer.MAX_VALUE, named == null ? whole : Math.min(named, whole));
                dimShards.put(d, shard[a]);
            }
            VariableSpec s = v.withLayout(shape, shard);
            long bytes = s.chunkBytes();
            if (TaskMemory.oneChunk(bytes) > budget) {
                throw new PlanException("shards of '" + v.name() + "' (" + describe(v.dims(), shard) + ") are "
                        + ByteSize.format(bytes) + ", more than a third of max_task_memory (" + ByteSize.format(budget)
                        + "), so no task could hold one with its inputs: choose smaller shards or raise max_task_memory.");
            }
            out.put(v.name(), s);
            inner.put(v.name(), chunks);
        }
        return new Result(VariableSpec.byName(out.values()), inner, dimShards);
    }

    /** The schema's variables with their inner chunks. */
    static TargetSchema withInnerChunks(TargetSchema schema, Map<String, int[]> inner) {
        List<TargetVariable> vs = new ArrayList<>();
        for (TargetVariable v : schema.variables()) {
            vs.add(v.withInnerChunks(inner.get(v.name())));
        }
        return new TargetSchema(schema.dims(), schema.attributes(), vs, schema.precomputedValues(),
                schema.concatOffsets());
    }

    private static String describe(List<String> dims, int[] lengths) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < lengths.length; a++) {
            sb.append(a == 0 ? "" : ", ").append(dims.get(a)).append('=').append(lengths[a]);
        }
        return sb.toString();
    }
}
