package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

/** Task planning on its own: the steps before it run on small patterns, then TaskPlanner, ChunkWrites and ShuffleReads. */
class TaskPlannerTest {
    /** What the steps before task planning give. */
    record Planned(PatternGrid grid, Map<String, VariableSpec> vars, TargetSchema schema, Integer concatChunk) {
        StorePlan plan(long budget) {
            return TaskPlanner.plan(grid, vars, schema, concatChunk, budget, List.of());
        }
    }

    static Planned steps(List<InputMetadata> in, PlanOptions o) {
        PatternGrid g = PatternGrid.of(in, o.concatDim(), o.itemsPerFile());
        SchemaCombination.Combined c = SchemaCombination.combine(g);
        ChunkChoice.Result ch = ChunkChoice.choose(g, c, TimeEncoding.reencode(g, c.variables(), null), o);
        Map<String, VariableSpec> v = ConcatCoordinate.compute(g, ch.variables());
        return new Planned(g, v, SchemaCombination.target(g, v.values(), Map.of()), ch.dimChunks().get(o.concatDim()));
    }

    private static List<InputMetadata> daily(int days) {
        List<InputMetadata> in = new ArrayList<>();
        for (int c = 0; c < days; c++) {
            in.add(input(c, c, 0).dim("time", 1).dim("lat", 10).dim("lon", 20)
                    .var("time", DType.FLOAT64, List.of("time")).var("lat", DType.FLOAT32, List.of("lat"))
                    .var("a", DType.FLOAT32, List.of("time", "lat", "lon"))
                    .var("b", DType.FLOAT32, List.of("time", "lat", "lon")).coordinate(new double[] {c}).build());
        }
        return in;
    }

    @Test
    void directWhenAStepOfChunksFitsATaskShuffleWhenNot() {
        Planned p = steps(daily(6), Fixtures.options("time", Map.of("time", 3, "lon", 10), 1));
        // A step of chunks of 'a' is 2 chunks of 3 x 10 x 10 floats = 2.4 kB.
        StorePlan roomy = p.plan(1 << 20);
        assertThat(roomy.variables()).extracting(VariablePlan::mode).containsExactly(VariablePlan.Mode.METADATA,
                VariablePlan.Mode.DIRECT, VariablePlan.Mode.DIRECT, VariablePlan.Mode.DIRECT);
        assertThat(roomy.tasks()).as("one task per step of 'a' and 'b', one for lat").hasSize(3);
        assertThat(roomy.tasks().get(0).estimatedPeak()).isEqualTo(TaskMemory.rows(4800, 1200));
        StorePlan split = p.plan(TaskMemory.rows(2400, 1200));
        assertThat(split.tasks()).as("'a' and 'b' in tasks of their own").hasSize(5);
        StorePlan tight = p.plan(TaskMemory.rows(2400, 1200) - 1);
        assertThat(tight.variables().get(2).mode()).isEqualTo(VariablePlan.Mode.SHUFFLE);
        assertThat(tight.shuffle().variables()).extracting(ShuffleVariable::name).containsExactly("a", "b");
        assertThat(tight.shuffle().reducePeak()).isEqualTo(TaskMemory.reduce(1200));
    }

    /**
     * Random patterns and budgets: every task within the budget; each variable's writes (direct) or
     * chunk ids (shuffle) cover its chunk grid once; the fragments of a chunk tile its part inside the array;
     * every input is read by exactly the shuffle's reads that name it, with pieces that tile its box.
     */
    @Test
    void tasksWithinBudgetAndPiecesTileTheTarget() {
        Random r = new Random(99);
        for (int trial = 0; trial < 150; trial++) {
            PlannerPropertiesTest.Scenario s = GoldenScenarios.scenario(r);
            Planned p = steps(s.inputs(), s.options());
            long largest = p.vars().values().stream().filter(v -> v.precomputed() == null)
                    .mapToLong(VariableSpec::chunkBytes).max().orElse(1);
            long budget = TaskMemory.oneChunk(largest) + r.nextInt(4000);
            StorePlan plan = p.plan(budget);
            Set<String> written = new HashSet<>();
            for (StoreTask t : plan.tasks()) {
                assertThat(t.estimatedPeak()).isLessThanOrEqualTo(budget);
                for (ChunkWrite w : t.writes()) {
                    assertThat(written.add(w.variable() + java.util.Arrays.toString(w.chunkIndex()))).isTrue();
                    TargetVariable v = plan.schema().variable(w.variable());
                    long inside = 1;
                    for (int a = 0; a < v.shape().length; a++) {
                        inside *= Math.min(v.chunks()[a], v.shape()[a] - w.chunkIndex()[a] * v.chunks()[a]);
                    }
                    long covered = 0;
                    for (Fragment fragment : w.fragments()) {
                        covered += java.util.Arrays.stream(fragment.count()).asLongStream().reduce(1, (x, y) -> x * y);
                    }
                    assertThat(covered).as("fragments tile the chunk's part inside the array").isEqualTo(inside);
                }
            }
            for (ReadTask read : plan.shuffle().reads()) {
                assertThat(read.estimatedPeak()).isLessThanOrEqualTo(budget);
            }
            long[] starts = plan.shuffle().partitionStarts();
            for (int i = 1; i < starts.length; i++) {
                assertThat(starts[i]).isGreaterThan(starts[i - 1]);
            }
            long chunkIds = 0;
            for (ShuffleVariable sv : plan.shuffle().variables()) {
                assertThat(sv.firstChunkId()).isEqualTo(chunkIds);
                chunkIds += sv.chunkCount();
                assertThat(ChunkGrid.count(plan.schema().variable(sv.name()).chunkGrid())).isEqualTo(sv.chunkCount());
            }
            assertThat(plan.shuffle().chunkCount()).isEqualTo(chunkIds);
            for (TargetVariable v : plan.schema().variables()) {
                boolean shuffled = plan.shuffle().variables().stream().anyMatch(sv -> sv.name().equals(v.name()));
                if (plan.schema().precomputedValues().containsKey(v.name()) || shuffled) {
                    continue;
                }
                long chunks = ChunkGrid.count(v.chunkGrid());
                long direct = written.stream().filter(k -> k.startsWith(v.name() + "[")).count();
                assertThat(direct).as("every chunk of %s written once", v.name()).isEqualTo(chunks);
            }
        }
    }
}
