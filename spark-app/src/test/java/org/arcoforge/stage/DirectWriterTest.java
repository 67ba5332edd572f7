package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.plan.VariablePlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The direct writer on real NetCDF-4 days: every chunk of every task holds the inputs' values. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectWriterTest {
    Path tmp;
    Path archive;
    List<Path> files;

    @BeforeAll
    void archive(@TempDir Path dir) {
        tmp = dir;
        archive = tmp.resolve("oisst");
        files = StoreStageFixture.archive(archive, 5);
    }

    private static StoreResult runAll(StoreStageFixture fx) {
        int chunks = 0;
        long decoded = 0;
        for (StoreTask t : fx.plan.tasks()) {
            StoreResult r = DirectWriter.run(t, fx.plan.schema(), fx.inputs, fx.job);
            assertThat(r.stored()).hasSize(t.writes().size());
            assertThat(r.bytesWritten()).isEqualTo(r.stored().values().stream().mapToLong(Long::longValue).sum());
            chunks += r.chunks();
            decoded += r.bytesDecoded();
        }
        return new StoreResult(chunks, decoded, 0);
    }

    private static void assertChunksAsInputs(StoreStageFixture fx, String name, String sourceName) throws Exception {
        TargetVariable v = fx.variable(name);
        for (long[] index : StoreStageFixture.chunkIndexes(v)) {
            assertThat(fx.stored(v, index)).as(name + " chunk " + java.util.Arrays.toString(index))
                    .isEqualTo(fx.expected(v, sourceName, index));
        }
    }

    @Test
    void wholeStoredChunksDecodeStraightIntoTwoDayChunks() throws Exception {
        // one HDF5 chunk per day and variable; target chunks of two days and the whole map
        StoreStageFixture fx = StoreStageFixture.of(archive, files, tmp.resolve("two-days.zarr"), "{time: 2}", "");
        assertThat(fx.plan.variables()).allMatch(v -> v.mode() != VariablePlan.Mode.SHUFFLE);
        StoreResult r = runAll(fx);
        // 4 data variables and time, 3 chunks each along time (the last padded with the fill value)
        assertThat(r.chunks()).isEqualTo(5 * 3);
        for (String v : List.of("sst", "anom", "err", "ice")) {
            assertChunksAsInputs(fx, v, v);
        }
        // every fragment decoded once (here each piece is exactly its fragments)
        long fragmentBytes = 0;
        for (StoreTask t : fx.plan.tasks()) {
            for (org.arcoforge.plan.ChunkWrite w : t.writes()) {
                for (org.arcoforge.plan.Fragment p : w.fragments()) {
                    fragmentBytes += (long) NdArrays.product(p.count()) * fx.variable(w.variable()).dtype().size();
                }
            }
        }
        assertThat(r.bytesDecoded()).isEqualTo(fragmentBytes)
                .isGreaterThanOrEqualTo(4L * 5 * StoreStageFixture.NLAT * StoreStageFixture.NLON * 2);
    }

    @Test
    void piecesAreCutIntoEdgeChunksOfTheMap() throws Exception {
        // lat 5 and lon 7 do not divide 12 x 20: edge chunks, fragments copied out of a piece
        StoreStageFixture fx = StoreStageFixture.of(archive, files, tmp.resolve("tiles.zarr"),
                "{time: 3, lat: 5, lon: 7}", "");
        runAll(fx);
        for (String v : List.of("sst", "ice")) {
            assertChunksAsInputs(fx, v, v);
        }
    }

    @Test
    void preprocessedPiecesGiveTheSameChunksUnderTheNewName() throws Exception {
        // a preprocessor turns off the straight decode: fragments are copied out of the preprocessed piece
        StoreStageFixture plain = StoreStageFixture.of(archive, files, tmp.resolve("plain.zarr"), "{time: 2}", "");
        runAll(plain);
        StoreStageFixture renamed = StoreStageFixture.of(archive, files, tmp.resolve("renamed.zarr"), "{time: 2}", """
                preprocess:
                  - rename_variables: {sst: sea_surface_temperature}
                """);
        assertThat(renamed.plan.schema().variables()).extracting(TargetVariable::name)
                .contains("sea_surface_temperature").doesNotContain("sst");
        runAll(renamed);
        assertChunksAsInputs(renamed, "sea_surface_temperature", "sst");
        TargetVariable a = plain.variable("sst");
        TargetVariable b = renamed.variable("sea_surface_temperature");
        for (long[] index : StoreStageFixture.chunkIndexes(a)) {
            assertThat(java.nio.file.Files.readAllBytes(renamed.target.resolve(
                    org.arcoforge.format.zarr2.ChunkKeys.key(b.name(), index))))
                    .isEqualTo(java.nio.file.Files.readAllBytes(plain.target.resolve(
                            org.arcoforge.format.zarr2.ChunkKeys.key(a.name(), index))));
        }
    }
}
