package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What works for Zarr v2 works for v3 too: HTTP-served inputs, --prune, the plan's finalize line,
 * the run's progress and summary in shards, and an unknown compressor refused before any work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Zarr3RunOptionsTest {
    private static final int DAYS = 12;
    private static final String V3 = "zarr_format: 3\nshards: {time: 10}\n";

    @TempDir
    static Path tmp;
    List<Path> oisst;
    TestHttpServer http;

    @BeforeAll
    void serve() throws Exception {
        Path dir = tmp.resolve("www");
        oisst = SampleArchives.oisstDaily(dir, LocalDate.of(1981, 9, 1), DAYS, 30, 60);
        http = new TestHttpServer(dir);
    }

    @AfterAll
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    private static String recipe(String template, String extra) {
        return RunRecipe.oisstRecipe(template, DAYS, "{time: 5, lat: 16}", extra);
    }

    @Test
    void httpInputsPrunedIntoShardsAreReadByZarritaAndTheRunCountsShards() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "http-v3.yaml",
                recipe(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), V3));
        Path store = tmp.resolve("http-v3.zarr");
        // 7 of 12 days in shards of 10: one partial shard along time
        RunRecipe r = RunRecipe.run(recipe, store, "--prune", "7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        ZarritaCheck.assertSameAsSources(store, oisst.subList(0, 7), "time", List.of("time"));
        assertThat(new ObjectMapper().readTree(store.resolve("sst/zarr.json").toFile()).path("shape").toString())
                .isEqualTo("[7,1,30,60]");
        assertThat(store.resolve("sst/c/1")).as("no second shard along time").doesNotExist();
        assertThat(store.resolve("sst/c/0/0/0/0")).isRegularFile();
        // the write unit of a sharded store is the shard: progress and summary count shards
        // (sst, anom, err, ice: one shard each; zlev, lat, lon: one chunk each; time from the metadata)
        assertThat(r.err()).containsPattern("\\[store shards\\] 7/7 objects, ")
                .containsPattern("done: 7 inputs \\([0-9.]+ MB\\), 8 objects \\(4 shards\\) in \\d+ tasks")
                .containsPattern("\\n  store shards +[0-9.]+ s\\n").doesNotContain(" chunks in ", "[store chunks]");
    }

    @Test
    void planSaysWhatV3FinalizeWrites() throws Exception {
        Path v3 = RunRecipe.writeRecipe(tmp, "plan-v3.yaml", recipe(tmp.resolve("www") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", V3));
        RunRecipe p = RunRecipe.cli("plan", v3.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).contains("  5. finalize: check every chunk and shard, write the root zarr.json with the consolidated metadata")
                .doesNotContain(".zmetadata");
        Path v2 = RunRecipe.writeRecipe(tmp, "plan-v2.yaml", recipe(tmp.resolve("www") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", ""));
        RunRecipe p2 = RunRecipe.cli("plan", v2.toString());
        assertThat(p2.out()).contains("  5. finalize: check every chunk, write .zmetadata");
    }

    @Test
    void anUnknownCompressorForV3IsRefusedBeforeAnyWorkNamingTheField() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "lzma-v3.yaml",
                recipe(tmp.resolve("www") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", V3 + "compressor: {name: lzma}\n"));
        Path store = tmp.resolve("lzma-v3.zarr");
        for (String command : List.of("validate", "plan", "run")) {
            RunRecipe r = command.equals("run") ? RunRecipe.run(recipe, store)
                    : RunRecipe.cli(command, recipe.toString());
            assertThat(r.exitCode()).as(command).isNotZero();
            assertThat(r.err()).as(command).contains(recipe + " line 12").contains("compressor.name must be one of")
                    .contains("got \"lzma\"");
            assertThat(r.err().strip().lines()).as(command).hasSize(1);
        }
        assertThat(store).doesNotExist();
    }
}
