package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.Fragment;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.FileType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A direct task's chunk buffers: byte planes from stored chunks, values once a fragment needs copying, fill where no fragment lands. */
class TaskChunksTest {

    @Test
    void storedChunkGoesToBytePlanesThenToValues(@TempDir Path tmp) {
        Path archive = tmp.resolve("oisst");
        List<Path> files = StoreStageFixture.archive(archive, 2);
        StoreStageFixture fx = StoreStageFixture.of(archive, files, tmp.resolve("t.zarr"), "{time: 2}", "");
        TargetVariable sst = fx.variable("sst");
        int day = StoreStageFixture.NLAT * StoreStageFixture.NLON;
        Fragment first = new Fragment(0, new long[] {0, 0, 0, 0}, new int[] {1, 1, StoreStageFixture.NLAT,
                StoreStageFixture.NLON}, new int[] {0, 0, 0, 0}, null);
        Fragment second = new Fragment(1, new long[] {0, 0, 0, 0}, first.count(), new int[] {1, 0, 0, 0}, null);
        ChunkWrite w = new ChunkWrite("sst", new long[] {0, 0, 0, 0}, List.of(first, second));
        TaskChunks chunks = new TaskChunks(Set.of("sst"));
        Object expected = fx.expected(sst, "sst", new long[] {0, 0, 0, 0});
        try (NetcdfInput in = NetcdfInput.open(files.get(0).toString(), Map.of(), FileType.AUTO)) {
            // one HDF5 chunk of day 0 decodes straight into the first half, as byte planes
            assertThat(chunks.readInto(in, new DirectFragment(w, sst, first), first.count(), 0)).isTrue();
        }
        // day 1 is copied as values: the chunk turns into values, day 0 kept
        Object values = chunks.values(new DirectFragment(w, sst, second));
        assertThat(values).isInstanceOf(short[].class);
        short[] v = (short[]) values;
        short[] e = (short[]) expected;
        assertThat(java.util.Arrays.copyOf(v, day)).isEqualTo(java.util.Arrays.copyOf(e, day));
        assertThat(chunks.finished(w, sst)).isSameAs(values);
    }

    @Test
    void chunkNotCoveredByItsFragmentsStartsAsFill() {
        TargetVariable v = new TargetVariable("ice", "ice", List.of("time", "lon"), new long[] {3, 4},
                new int[] {2, 4}, org.arcoforge.recipe.data.DType.INT16, Map.of(), (short) -9, 0, true);
        Fragment only = new Fragment(0, new long[] {2, 0}, new int[] {1, 4}, new int[] {0, 0}, null);
        ChunkWrite edge = new ChunkWrite("ice", new long[] {1, 0}, List.of(only));
        short[] values = (short[]) new TaskChunks(Set.of()).finished(edge, v);
        assertThat(values).containsOnly((short) -9).hasSize(8);
        Object planes = TaskChunks.newBuffer(edge, v, true);
        assertThat(planes).isInstanceOf(BytePlanes.class);
        assertThat((short[]) ((BytePlanes) planes).toValues(new short[8])).containsOnly((short) -9);
    }
}
