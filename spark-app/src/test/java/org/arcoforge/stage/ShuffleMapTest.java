package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.arcoforge.grid.GridIndex;
import org.arcoforge.plan.ReadTask;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.ShuffleVariable;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.plan.VariablePlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The shuffle map on real NetCDF-4 days: its fragments tile every target chunk once, with the inputs' values. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShuffleMapTest {
    StoreStageFixture fx;

    /** Time-series chunks (all 5 days, 5 x 7 tiles) under a budget too small for a direct task. */
    static StoreStageFixture timeSeries(Path tmp, String name) {
        Path archive = tmp.resolve("oisst");
        List<Path> files = StoreStageFixture.archive(archive, 5);
        return StoreStageFixture.of(archive, files, tmp.resolve(name), "{time: 5, lat: 5, lon: 7}",
                "max_task_memory: 2kB\n");
    }

    /** Every fragment of every read task of the plan, in the order the map emits them. */
    static List<ChunkFragment> mapAll(StoreStageFixture fx, long[] decoded) {
        List<ChunkFragment> out = new ArrayList<>();
        for (ReadTask rt : fx.plan.shuffle().reads()) {
            Iterator<ChunkFragment> it = ShuffleMap.cut(rt, fx.plan.schema(), fx.plan.shuffle(), fx.inputs, fx.job,
                    decoded);
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @BeforeAll
    void plan(@TempDir Path tmp) {
        fx = timeSeries(tmp, "ts.zarr");
    }

    @Test
    void fragmentsTileEveryChunkOnceWithTheInputsValues() {
        ShufflePlan shuffle = fx.plan.shuffle();
        assertThat(fx.plan.variables()).filteredOn(v -> v.mode() == VariablePlan.Mode.SHUFFLE)
                .extracting(VariablePlan::name).contains("sst", "ice");
        long[] decoded = new long[1];
        List<ChunkFragment> fragments = mapAll(fx, decoded);
        // each read decodes its pieces once
        long pieceBytes = 0;
        for (ReadTask rt : shuffle.reads()) {
            for (ReadTask.Piece s : rt.pieces()) {
                pieceBytes += s.elements() * fx.variable(s.variable()).dtype().size();
            }
        }
        assertThat(decoded[0]).isEqualTo(pieceBytes);

        Map<Long, int[]> covered = new HashMap<>();
        Map<Long, Object> expected = new HashMap<>();
        for (ChunkFragment f : fragments) {
            ShuffleVariable sv = shuffle.variableOf(f.chunkId());
            TargetVariable v = fx.variable(sv.name());
            long[] index = sv.chunkIndex(f.chunkId());
            Object chunk = expected.computeIfAbsent(f.chunkId(), id -> fx.expected(v, v.sourceName(), index));
            int[] hits = covered.computeIfAbsent(f.chunkId(), id -> new int[NdArrays.product(v.chunks())]);
            assertThat(f.data().getClass()).isEqualTo(v.dtype().newArray(0).getClass());
            int k = 0;
            for (GridIndex g = GridIndex.of(f.count()); g.next(); k++) {
                int at = 0;
                for (int d = 0; d < v.chunks().length; d++) {
                    at = at * v.chunks()[d] + f.destStart()[d] + (int) g.at(d);
                }
                hits[at]++;
                assertThat(Array.get(f.data(), k)).as("chunk %d element %d", f.chunkId(), at)
                        .isEqualTo(Array.get(chunk, at));
            }
        }
        // every chunk of the shuffled variables, every element inside the array exactly once
        assertThat(covered).hasSize((int) shuffle.chunkCount());
        covered.forEach((id, hits) -> {
            ShuffleVariable sv = shuffle.variableOf(id);
            long ones = java.util.Arrays.stream(hits).filter(h -> h == 1).count();
            assertThat(java.util.Arrays.stream(hits).max().orElse(0)).isLessThanOrEqualTo(1);
            assertThat(ones).isEqualTo(sv.elementsInside(sv.chunkIndex(id)));
        });
    }

    @Test
    void aTaskWithTwoPiecesOfOneVariableReadsThemOneAfterTheOther() {
        // two pieces of 'sst' from one input (days 0 and the rest are one file each: split the map in two)
        ReadTask rt = fx.plan.shuffle().reads().stream().filter(r -> r.pieces().stream()
                .anyMatch(s -> s.variable().equals("sst"))).findFirst().orElseThrow();
        ReadTask.Piece sst = rt.pieces().stream().filter(s -> s.variable().equals("sst")).findFirst().orElseThrow();
        int[] top = sst.count().clone();
        top[2] = 6;
        int[] bottom = sst.count().clone();
        bottom[2] = sst.count()[2] - 6;
        long[] bottomStart = sst.start().clone();
        bottomStart[2] += 6;
        ReadTask split = new ReadTask(rt.inputIndex(), rt.concatOffset(), List.of(
                new ReadTask.Piece("sst", sst.start(), top, sst.transform()),
                new ReadTask.Piece("sst", bottomStart, bottom, sst.transform())), 0);
        long[] decoded = new long[1];
        List<ChunkFragment> whole = new ArrayList<>();
        ShuffleMap.cut(new ReadTask(rt.inputIndex(), rt.concatOffset(), List.of(sst), 0), fx.plan.schema(),
                fx.plan.shuffle(), fx.inputs, fx.job, decoded).forEachRemaining(whole::add);
        List<ChunkFragment> halves = new ArrayList<>();
        ShuffleMap.cut(split, fx.plan.schema(), fx.plan.shuffle(), fx.inputs, fx.job, decoded)
                .forEachRemaining(halves::add);
        // lat 12 in tiles of 5: the cut at 6 splits the second tile row's fragments in two
        assertThat(halves.size()).isGreaterThan(whole.size());
        assertThat(halves.stream().mapToLong(f -> NdArrays.product(f.count())).sum())
                .isEqualTo(whole.stream().mapToLong(f -> NdArrays.product(f.count())).sum());
    }
}
