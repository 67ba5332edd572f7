package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetVariable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shuffle reduce on the map's fragments of real NetCDF-4 days, sorted by chunk as Spark's
 * shuffle hands them over (in any order within a chunk): whole chunks, byte-identical to the
 * direct writer's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShuffleReduceTest {
    Path tmp;
    StoreStageFixture fx;
    List<ChunkFragment> fragments;

    @BeforeAll
    void map(@TempDir Path dir) {
        tmp = dir;
        fx = ShuffleMapTest.timeSeries(tmp, "ts.zarr");
        fragments = ShuffleMapTest.mapAll(fx, new long[1]);
    }

    /** The fragments by reduce partition, each sorted by chunk id, shuffled within a chunk. */
    private Map<Integer, List<ChunkFragment>> partitions(long seed) {
        ShufflePlan shuffle = fx.plan.shuffle();
        List<ChunkFragment> all = new ArrayList<>(fragments);
        Collections.shuffle(all, new Random(seed));
        all.sort(Comparator.comparingLong(ChunkFragment::chunkId));
        Map<Integer, List<ChunkFragment>> out = new TreeMap<>();
        for (ChunkFragment f : all) {
            out.computeIfAbsent(shuffle.partitionOf(f.chunkId()), p -> new ArrayList<>()).add(f);
        }
        return out;
    }

    @Test
    void assemblesWholeChunksIdenticalToTheDirectWriters() throws Exception {
        int chunks = 0;
        for (List<ChunkFragment> p : partitions(7).values()) {
            StoreResult r = ShuffleReduce.assemble(p.iterator(), fx.plan.schema(), fx.plan.shuffle(), fx.job);
            assertThat(r.stored()).hasSize(r.chunks());
            chunks += r.chunks();
        }
        assertThat(chunks).isEqualTo(fx.plan.shuffle().chunkCount());
        for (String name : List.of("sst", "anom", "err", "ice")) {
            TargetVariable v = fx.variable(name);
            for (long[] index : StoreStageFixture.chunkIndexes(v)) {
                assertThat(fx.stored(v, index)).isEqualTo(fx.expected(v, name, index));
            }
        }
        // the same chunks written directly (a budget that holds them) are the same bytes
        StoreStageFixture direct = StoreStageFixture.of(tmp.resolve("oisst"), fx.files, tmp.resolve("direct.zarr"),
                "{time: 5, lat: 5, lon: 7}", "max_task_memory: 64MB\n");
        assertThat(direct.plan.shuffle().isEmpty()).isTrue();
        for (StoreTask t : direct.plan.tasks()) {
            DirectWriter.run(t, direct.plan.schema(), direct.inputs, direct.job);
        }
        Map<String, String> shuffled = StoreStageFixture.chunkDigests(fx.target);
        assertThat(shuffled).hasSize(4 * 9 + 1); // 3 x 3 tiles of 4 variables, and time (written when prepared)
        Map<String, String> written = StoreStageFixture.chunkDigests(direct.target);
        written.keySet().retainAll(shuffled.keySet()); // lat, lon, zlev: direct tasks in both plans
        assertThat(shuffled).isEqualTo(written);
    }

    @Test
    void aChunkMissingAFragmentFailsNamingIt() {
        List<ChunkFragment> first = partitions(3).values().iterator().next();
        ChunkFragment dropped = first.get(1);
        List<ChunkFragment> short1 = new ArrayList<>(first);
        short1.remove(1);
        String key = org.arcoforge.format.zarr2.ChunkKeys.key(fx.plan.shuffle().variableOf(dropped.chunkId()).name(),
                fx.plan.shuffle().variableOf(dropped.chunkId()).chunkIndex(dropped.chunkId()));
        assertThatThrownBy(() -> ShuffleReduce.assemble(short1.iterator(), fx.plan.schema(), fx.plan.shuffle(), fx.job))
                .isInstanceOf(StageException.class)
                .hasMessageContaining("chunk " + key + " received")
                .hasMessageContaining("left unconsolidated");
    }
}
