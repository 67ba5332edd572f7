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
}
