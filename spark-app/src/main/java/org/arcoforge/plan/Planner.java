package org.arcoforge.plan;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans how a recipe's inputs become one Zarr store: the target schema (what
 * {@code xarray.open_mfdataset} would give) and, for every output chunk, which box of which input
 * fills which part of it. A composition of pure steps, each taking immutable values and returning
 * new ones: no I/O. Linear in the number of inputs and chunks.
 */
public final class Planner {
    private Planner() {
    }

    /**
     * @param inputs  metadata of every input, in pattern order (concat-major, then merge)
     * @param options what the recipe asks for
     * @throws PlanException when the inputs cannot be combined; the message names the file
     */
    public static StorePlan plan(List<InputMetadata> inputs, PlanOptions options) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(options, "options");
        PatternGrid grid = PatternGrid.of(inputs, options.concatDim(), options.itemsPerFile());
        SchemaCombination.Combined combined = SchemaCombination.combine(grid);
        Map<String, VariableSpec> vars = TimeEncoding.reencode(grid, combined.variables(), null);
        PackingChoice.Result packed = PackingChoice.apply(grid, vars, options.encoding());
        CoordinateCheck.check(inputs, options.concatDim(), options.coordinateTolerance());
        ChunkChoice.Result chunked = ChunkChoice.choose(grid, combined, packed.variables(), options);
        Map<String, VariableSpec> laidOut = chunked.variables();
        Map<String, Integer> writeUnits = chunked.dimChunks();
        ShardChoice.Result sharded = null;
        if (!options.shards().isEmpty()) {
            sharded = ShardChoice.apply(laidOut, writeUnits, options.shards(), options.budget());
            laidOut = sharded.variables();
            writeUnits = sharded.dimShards();
        }
        vars = ConcatCoordinate.compute(grid, laidOut);
        TargetSchema schema = SchemaCombination.target(grid, vars.values(), options.setAttributes());
        if (sharded != null) {
            schema = ShardChoice.withInnerChunks(schema, sharded.inner());
        }
        return TaskPlanner.plan(grid, vars, schema, writeUnits.get(options.concatDim()), options.budget(),
                packed.warnings());
    }

    /**
     * Plans new inputs appended to an existing store: the grid starts at the store's length, time
     * is re-encoded into the store's units and packing into the store's packing, the chunks are
     * the store's; only variables along the concat dimension are planned (the others are in the
     * store already). The concat coordinate's values are the store's followed by the new ones.
     *
     * @param inputs the new inputs only, concat positions numbered from 0
     */
    public static StorePlan planAppend(List<InputMetadata> inputs, PlanOptions options, AppendLayout store) {
        Objects.requireNonNull(options.concatDim(), "append needs a concat dimension");
        PatternGrid grid = PatternGrid.of(inputs, options.concatDim(), options.itemsPerFile(), store.start());
        SchemaCombination.Combined combined = SchemaCombination.combine(grid);
        TimeEncoding.Units units = store.timeUnits() == null ? null
                : new TimeEncoding.Units(store.timeUnits(), store.timeCalendar());
        Map<String, VariableSpec> vars = TimeEncoding.reencode(grid, combined.variables(), units);
        java.util.Map<String, org.arcoforge.recipe.VariableEncoding> encoding = new java.util.HashMap<>(options.encoding());
        encoding.putAll(store.encoding());
        encoding.keySet().retainAll(vars.keySet());
        PackingChoice.Result packed = PackingChoice.apply(grid, vars, encoding);
        CoordinateCheck.check(inputs, options.concatDim(), options.coordinateTolerance());
        java.util.Map<String, Integer> chunks = new java.util.HashMap<>(store.chunks());
        PlanOptions stored = new PlanOptions(options.concatDim(), options.itemsPerFile(), chunks,
                options.inputsPerChunk(), options.setAttributes(), options.maxTaskMemory(), 0, List.of(),
                encoding, options.coordinateTolerance(), null); // append extends Zarr v2 stores only: no shards
        ChunkChoice.Result chunked = ChunkChoice.choose(grid, combined, packed.variables(), stored);
        vars = ConcatCoordinate.compute(grid, chunked.variables());
        java.util.Map<String, VariableSpec> along = new java.util.LinkedHashMap<>();
        for (VariableSpec v : vars.values()) {
            if (!v.alongConcat()) {
                continue;
            }
            along.put(v.name(), v.precomputed() == null ? v
                    : v.withValues(v.dtype(), store.withStoredValues(v.name(), v.precomputed())));
        }
        vars = VariableSpec.byName(along.values());
        TargetSchema schema = SchemaCombination.target(grid, vars.values(), options.setAttributes());
        return TaskPlanner.plan(grid, vars, schema, chunked.dimChunks().get(options.concatDim()), options.budget(),
                packed.warnings());
    }
}
