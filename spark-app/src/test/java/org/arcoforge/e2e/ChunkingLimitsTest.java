package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Absurd or mistyped chunking stops `run` and `plan` before anything is written (target_chunk_size: 1
 * once started writing millions of chunk files); --force writes such a plan anyway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChunkingLimitsTest {
    @TempDir
    static Path tmp;

    List<Path> files;

    @BeforeAll
    void archive() {
        // 4 days of 90 x 180 int16 fields: 129.6 kB per variable
        files = SampleArchives.oisstDaily(tmp.resolve("in"), LocalDate.of(1981, 9, 1), 4, 90, 180);
    }

    private Path recipe(String name, String chunking) throws Exception {
        return RunRecipe.writeRecipe(tmp, name + ".yaml", """
                name: %s
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-04, step: P1D}}
                    items_per_file: 1
                %s
                """.formatted(name, tmp.resolve("in"), chunking));
    }

    private static void assertRefused(RunRecipe r, Path store) {
        assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.err()).isNotZero();
        assertThat(r.err()).doesNotContain("\tat org.");
        assertThat(store).as("nothing written").doesNotExist();
    }

    @Test
    void targetChunkSizeOfOneIsRefusedBeforeAnyWrite() throws Exception {
        Path recipe = recipe("onebyte", "target_chunk_size: 1");
        Path store = tmp.resolve("onebyte.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertRefused(r, store);
        assertThat(r.error()).contains("'sst' (129.6 kB) would be 64,800 chunks of 2 B (time=1, zlev=1, lat=1, lon=1)")
                .contains("chunks under 1.0 kB")
                .contains("target_chunks: {time: 4, zlev: 1, lat: 90, lon: 180}").contains("--force");

        RunRecipe plan = RunRecipe.cli("plan", recipe.toString());
        assertThat(plan.exitCode()).as(plan.err()).isNotZero();
        assertThat(plan.err()).contains("64,800 chunks of 2 B");
    }

    @Test
    void unknownDimensionIsAnErrorListingTheDimensions() throws Exception {
        Path store = tmp.resolve("depth.zarr");
        RunRecipe r = RunRecipe.run(recipe("depth", "target_chunks: {time: 2, depth: 5}"), store);
        assertRefused(r, store);
        assertThat(r.error()).hasLineCount(1).contains("target_chunks names 'depth', which no variable has")
                .contains("time, zlev, lat, lon");
    }

    @Test
    void maxChunksIsAnOption() throws Exception {
        // 4 x 3 x 9 = 108 chunks of 1.2 kB per variable
        Path recipe = recipe("limit", "target_chunks: {time: 1, lat: 30, lon: 20}");
        Path store = tmp.resolve("limit.zarr");
        RunRecipe r = RunRecipe.run(recipe, store, "--max-chunks", "100");
        assertRefused(r, store);
        assertThat(r.error()).contains("would be 108 chunks of 1.2 kB").contains("more than 100 chunks per variable");
        RunRecipe ok = RunRecipe.run(recipe, store, "--max-chunks", "108");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void forceWritesTheTinyChunksAnyway() throws Exception {
        // chunks of 200 B: 4 x 9 x 18 = 648 per variable
        Path recipe = recipe("forced", "target_chunks: {time: 1, lat: 10, lon: 10}");
        Path refused = tmp.resolve("refused.zarr");
        assertRefused(RunRecipe.run(recipe, refused), refused);

        Path store = tmp.resolve("forced.zarr");
        RunRecipe r = RunRecipe.run(recipe, store, "--force");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: 'sst' (129.6 kB) would be 648 chunks of 200 B").contains("--force");
        assertThat(store.resolve(".zmetadata")).exists();
        try (var chunks = Files.list(store.resolve("sst"))) {
            assertThat(chunks.filter(p -> !p.getFileName().toString().startsWith(".")).count()).isEqualTo(648);
        }
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("sst", List.of(1, 1, 10, 10)), List.of(), tmp);
    }
}
