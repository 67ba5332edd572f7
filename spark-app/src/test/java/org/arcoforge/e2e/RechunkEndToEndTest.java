package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Time-series chunks (all of time, small spatial tiles) under a small task memory budget, so the
 * planner must shuffle and slice: a many-file archive and a single large input, each checked with
 * xarray against open_mfdataset, and the shuffled store byte-identical to the direct one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RechunkEndToEndTest {
    @TempDir
    static Path tmp;

    Path oisstDir;
    List<Path> oisst;
    Path seriesDir;
    Path series;

    @BeforeAll
    void archives() throws Exception {
        oisstDir = tmp.resolve("oisst");
        oisst = SampleArchives.oisstDaily(oisstDir, LocalDate.of(1981, 9, 1), 24, 30, 60);
        seriesDir = tmp.resolve("series");
        series = SampleArchives.longSeries(java.nio.file.Files.createDirectories(seriesDir), 240, 12, 20);
    }

    private Path oisstRecipe(String name, String budget) throws Exception {
        return RunRecipe.writeRecipe(tmp, name, RunRecipe.oisstRecipe(oisstDir + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc",
                24, "{time: 24, lat: 7, lon: 13}", "max_task_memory: " + budget + "\n"));
    }

    @Test
    void manyFilesToTimeSeriesChunksThroughTheShuffle() throws Exception {
        Path recipe = oisstRecipe("ts.yaml", "100kB");
        RunRecipe plan = RunRecipe.cli("plan", recipe.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("metadata of 24 inputs read on the driver")
                .containsPattern("sst +shuffle +chunks \\{time=24, zlev=1, lat=7, lon=13\\}, 25 x 4.4 kB")
                .contains("4. store shuffle: 100 chunks")
                .contains("warning: chunks of 'sst'");

        Path store = tmp.resolve("ts.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("'sst' goes through the shuffle");
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst), "time",
                Map.of("sst", List.of(24, 1, 7, 13), "ice", List.of(24, 1, 7, 13)), List.of(), tmp);

        // The same chunks written directly (a budget that holds all of them) are the same bytes.
        Path direct = tmp.resolve("direct.zarr");
        RunRecipe d = RunRecipe.run(oisstRecipe("direct.yaml", "64MB"), direct);
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(d.err()).doesNotContain("through the shuffle");
        assertThat(RunRecipe.digests(store)).isEqualTo(RunRecipe.digests(direct));
    }

    @Test
    void singleLargeInputIsReadInSlices() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "series.yaml", """
                name: series
                file_pattern:
                  template: "%s/tas_series.nc"
                target_chunks: {time: 240, lat: 5, lon: 6}
                max_task_memory: 100kB
                """.formatted(seriesDir));
        RunRecipe plan = RunRecipe.cli("plan", recipe.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        // 240 steps x 12 x 20 floats = 230 kB: slices of at most 50 kB (52 steps).
        assertThat(plan.out()).contains("read in slices: 5 reads for 1 inputs")
                .containsPattern("tas +shuffle");

        Path store = tmp.resolve("series.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, List.of(List.of(series)), null,
                Map.of("tas", List.of(240, 5, 6)), List.of(), tmp);
    }

    @Test
    void aChunkLargerThanTheBudgetAllowsIsRefusedWithAHint() throws Exception {
        RunRecipe plan = RunRecipe.cli("plan", oisstRecipe("big.yaml", "10kB").toString());
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("chunks of 'sst' (time=24, zlev=1, lat=7, lon=13) are 4.4 kB, more than a third"
                + " of max_task_memory (10.0 kB)").contains("choose smaller target_chunks");
    }
}
