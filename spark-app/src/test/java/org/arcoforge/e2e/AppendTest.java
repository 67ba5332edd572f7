package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arcoforge append}: a store built to day 30 and extended in two steps is, chunk for chunk,
 * the store a one-shot run of the 60 days writes; a second append with nothing new writes
 * nothing; bad new inputs are refused with the store untouched; an append killed at any step
 * leaves the old dataset readable and the same command finishes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppendTest {
    private static final LocalDate START = LocalDate.of(1981, 9, 1);

    @TempDir
    static Path tmp;
    Path archive;
    List<Path> files;
    Map<String, String> oneShot60;
    Map<String, String> oneShot45;

    @BeforeAll
    void archiveAndOneShotStores() throws Exception {
        archive = tmp.resolve("oisst");
        files = SampleArchives.oisstDaily(archive, START, 60, 90, 180);
        oneShot60 = chunks(build(60, "one60.zarr"));
        oneShot45 = chunks(build(45, "one45.zarr"));
    }

    private Path recipe(int days) throws IOException {
        // time chunks of 8: days 30 and 45 both end inside a chunk, so each append rewrites a partly filled one
        return RunRecipe.writeRecipe(tmp, "oisst-" + days + ".yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", days, "{time: 8}", ""));
    }

    private Path build(int days, String name) throws Exception {
        Path store = tmp.resolve(name);
        RunRecipe r = RunRecipe.run(recipe(days), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return store;
    }

    private static RunRecipe append(Path recipe, Path store, String... extra) {
        String[] args = Stream.concat(Stream.of("append", recipe.toString(), "--target", store.toString()),
                Stream.of(extra)).toArray(String[]::new);
        return RunRecipe.cli(args);
    }

    /** Digests of the chunks and array metadata: everything but the root's attributes (history) and our own files. */
    static Map<String, String> chunks(Path store) throws IOException {
        Map<String, String> out = new TreeMap<>(RunRecipe.digests(store));
        out.keySet().removeIf(k -> k.equals(".zattrs") || k.equals(".zmetadata") || k.startsWith(".arcoforge"));
        return out;
    }

    /** Every file of the store with its size and modification time. */
    static Map<String, String> listing(Path store) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(store)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                out.put(store.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis() + " "
                        + (Files.isRegularFile(p) ? Files.size(p) : -1));
            }
        }
        return out;
    }

    @Test
    void builtTo30ThenAppendedTwiceIsTheOneShot60DayStoreAndTheSources() throws Exception {
        Path store = build(30, "appended.zarr");
        RunRecipe r45 = append(recipe(45), store);
        assertThat(r45.exitCode()).as(r45.err()).isZero();
        assertThat(r45.err()).contains("appended to").contains("15 input(s), time 1981-10-01T12:00:00 to 1981-10-15T12:00:00");
        assertThat(chunks(store)).isEqualTo(oneShot45);
        RunRecipe r60 = append(recipe(60), store);
        assertThat(r60.exitCode()).as(r60.err()).isZero();
        assertThat(chunks(store)).isEqualTo(oneShot60);
        String attrs = Files.readString(store.resolve(".zattrs"));
        assertThat(attrs).contains("\"arcoforge_input_count\": 60").contains("arcoforge_history")
                .contains("15 input(s), time 1981-10-16T12:00:00 to 1981-10-30T12:00:00");
        assertThat(Files.readString(store.resolve(".arcoforge-inputs.json")))
                .isEqualTo(Files.readString(tmp.resolve("one60.zarr/.arcoforge-inputs.json")));
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("sst", List.of(8, 1, 90, 180)), List.of(), tmp);

        // nothing new: said, and not a single object written or touched (no lease either)
        Map<String, String> before = listing(store);
        Thread.sleep(20);
        RunRecipe again = append(recipe(60), store);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("store is up to date (60 inputs, last time 1981-10-30T12:00:00)");
        assertThat(listing(store)).isEqualTo(before);
    }

    private Path monthly(Path dir, String end) throws IOException {
        return RunRecipe.writeRecipe(tmp, "tas-" + end + ".yaml", """
                name: tas-test
                file_pattern:
                  template: "%s/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 2019-01-01, end: %s, step: P1M}}
                file_type: netcdf3
                target_chunks: {time: 20}
                """.formatted(dir, end));
    }

    @Test
    void netcdf3MonthsOfDaysWithYearlyUnitsAppendedAreTheOneShotStore() throws Exception {
        // 28-31 steps per file, time units "days since YEAR-01-01" changing in 2020, chunks of 20
        // days: every append ends inside a chunk
        Path dir = tmp.resolve("tas");
        List<Path> months = SampleArchives.netcdf3Monthly(dir, 2019, 24);
        Path one = tmp.resolve("tas-one.zarr");
        RunRecipe r = RunRecipe.run(monthly(dir, "2020-12-01"), one);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path store = tmp.resolve("tas-appended.zarr");
        r = RunRecipe.run(monthly(dir, "2019-12-01"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String end : List.of("2020-06-01", "2020-12-01")) {
            RunRecipe a = append(monthly(dir, end), store);
            assertThat(a.exitCode()).as(a.err()).isZero();
        }
        assertThat(chunks(store)).isEqualTo(chunks(one));
        XarrayCheck.assertIdentical(store, RunRecipe.rows(months), "time", Map.of("tas", List.of(20, 18, 36)),
                List.of("time"), tmp);
    }

    @Test
    void appendThroughTheShuffleIsTheOneShotStore() throws Exception {
        // map chunks too large for one task's row of chunks: both the run and the append shuffle
        java.util.function.IntFunction<Path> shuffled = days -> {
            try {
                return RunRecipe.writeRecipe(tmp, "shuffle-" + days + ".yaml", RunRecipe.oisstRecipe(
                        archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", days, "{time: 8, lat: 30, lon: 36}",
                        "max_task_memory: 100kB\n"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        Path one = tmp.resolve("shuffle-one.zarr");
        RunRecipe r = RunRecipe.run(shuffled.apply(45), one);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("goes through the shuffle");
        Path store = tmp.resolve("shuffle-appended.zarr");
        r = RunRecipe.run(shuffled.apply(30), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        RunRecipe a = append(shuffled.apply(45), store, "--master", "local[2]", "--conf", "spark.ui.enabled=false");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(chunks(store)).isEqualTo(chunks(one));
    }

    @Test
    void javaApiAppendsADayOnTheDriverWithoutSpark() throws Exception {
        Path store = build(30, "api.zarr");
        org.arcoforge.stage.JobSpec job = new org.arcoforge.stage.JobSpec(
                org.arcoforge.recipe.RecipeYaml.load(recipe(31)), store.toString(), Map.of(), false);
        java.io.StringWriter console = new java.io.StringWriter();
        org.arcoforge.spark.AppendPipeline.Result r;
        try (org.arcoforge.stage.TargetLease lease = org.arcoforge.stage.TargetLease.acquire(job, false)) {
            r = org.arcoforge.spark.AppendPipeline.run(() -> {
                throw new AssertionError("a one-day append must not need Spark");
            }, job, new java.io.PrintWriter(console, true), false);
        }
        assertThat(r.added()).isEqualTo(1);
        assertThat(console.toString()).contains("1 input(s), time 1981-10-01T12:00:00 to 1981-10-01T12:00:00");
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files.subList(0, 31)), "time",
                Map.of("sst", List.of(8, 1, 90, 180)), List.of(), tmp);
    }

    @Test
    void runOnAStoreOfAnEarlierVersionOfTheRecipeSaysToAppend() throws Exception {
        Path store = build(30, "earlier.zarr");
        Map<String, String> before = RunRecipe.digests(store);
        RunRecipe r = RunRecipe.run(recipe(45), store);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.error()).contains("earlier version of this recipe").contains("arcoforge append");
        assertThat(RunRecipe.digests(store)).isEqualTo(before);
    }

    @Test
    void zarrV3StoreIsRefusedByAppendNamingItAndRunSaysToOverwrite() throws Exception {
        Path store = tmp.resolve("v3.zarr");
        RunRecipe built = RunRecipe.run(v3Recipe(30), store);
        assertThat(built.exitCode()).as(built.err()).isZero();
        Map<String, String> digests = RunRecipe.digests(store);
        Map<String, String> before = listing(store);
        RunRecipe a = append(v3Recipe(45), store);
        assertThat(a.exitCode()).isNotZero();
        String where = org.arcoforge.source.ByteSources.safeLocation(store.toString());
        assertThat(a.error()).contains("cannot append to " + where).contains(store.toString())
                .contains("appending to a Zarr v3 store is not supported yet")
                .contains("'arcoforge run RECIPE --target " + where + " --overwrite'");
        assertThat(listing(store)).isEqualTo(before);
        assertThat(RunRecipe.digests(store)).isEqualTo(digests);

        // the same recipe with later keys: run does not send the user to append
        RunRecipe r = RunRecipe.run(v3Recipe(45), store);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.error()).contains("target " + where + " holds a Zarr v3 store made by an earlier version of this recipe")
                .contains("appending to a Zarr v3 store is not supported yet: pass --overwrite").doesNotContain("arcoforge append");
        assertThat(RunRecipe.digests(store)).isEqualTo(digests);
    }

    private Path v3Recipe(int days) throws IOException {
        return RunRecipe.writeRecipe(tmp, "oisst-v3-" + days + ".yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", days, "{time: 8}", "zarr_format: 3\n"));
    }

    @Test
    void badNewInputsAreRefusedNamingThemAndTheStoreIsUnchanged() throws Exception {
        Path store = build(30, "refused.zarr");
        Map<String, String> before = RunRecipe.digests(store);
        Path day31 = archive.resolve("oisst-avhrr-v02r01.19811001.nc");
        Path saved = tmp.resolve("saved-19811001.nc");
        Files.copy(day31, saved);
        Path recipe = recipe(31);
        try {
            // a gap: the file of Oct 1 holds Oct 3
            Files.copy(archive.resolve("oisst-avhrr-v02r01.19811003.nc"), day31, StandardCopyOption.REPLACE_EXISTING);
            RunRecipe gap = append(recipe, store);
            assertThat(gap.exitCode()).isNotZero();
            assertThat(gap.error()).contains("gap in").contains("19811001.nc").contains("1981-10-01T12:00:00 to 1981-10-02T12:00:00")
                    .contains("--allow-gaps");
            assertThat(RunRecipe.digests(store)).isEqualTo(before);

            // an overlap from another source: the file of Oct 1 holds Sep 30
            Files.copy(archive.resolve("oisst-avhrr-v02r01.19810930.nc"), day31, StandardCopyOption.REPLACE_EXISTING);
            RunRecipe overlap = append(recipe, store);
            assertThat(overlap.exitCode()).isNotZero();
            assertThat(overlap.error()).contains("19811001.nc").contains("19810930.nc").contains("1981-09-30T12:00:00");
            assertThat(RunRecipe.digests(store)).isEqualTo(before);

            // another grid: 45 latitudes instead of 90
            Path other = tmp.resolve("othergrid");
            SampleArchives.oisstDaily(other, LocalDate.of(1981, 10, 1), 1, 45, 180);
            Files.copy(other.resolve("oisst-avhrr-v02r01.19811001.nc"), day31, StandardCopyOption.REPLACE_EXISTING);
            RunRecipe grid = append(recipe, store);
            assertThat(grid.exitCode()).isNotZero();
            assertThat(grid.error()).contains("19811001.nc").contains("'lat'").contains("45").contains("90");
            assertThat(RunRecipe.digests(store)).isEqualTo(before);

            // another dtype: time as float64 where the store has float32
            PythonSnippet.run("""
                    import xarray as xr
                    ds = xr.open_dataset(FILES[0], decode_cf=False).load()
                    ds["time"] = ds["time"].astype("float64")
                    ds.to_netcdf(STORE, format="NETCDF4")
                    """, day31, List.of(saved));
            RunRecipe dtype = append(recipe, store);
            assertThat(dtype.exitCode()).isNotZero();
            assertThat(dtype.error()).contains("19811001.nc").contains("float64").contains("float32");
            assertThat(RunRecipe.digests(store)).isEqualTo(before);
        } finally {
            Files.copy(saved, day31, StandardCopyOption.REPLACE_EXISTING);
        }
        RunRecipe ok = append(recipe, store);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void killedAtEveryStepTheOldDatasetStaysReadableAndTheSameCommandFinishes() throws Exception {
        for (String step : List.of("chunks", "metadata", "coordinate")) {
            Path store = build(30, "killed-" + step + ".zarr");
            Path recipe = recipe(45);
            try (Processes.Started p = Processes.start(RunRecipe.process(
                    List.of("-Darcoforge.append.pause=" + step), "append", recipe.toString(), "--target", store.toString()))) {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!p.errorsSoFar().contains("append paused at " + step)) {
                    assertThat(p.process().isAlive()).as("ended before %s:%n%s", step, p.errorsSoFar()).isTrue();
                    assertThat(System.nanoTime()).as("no pause at %s", step).isLessThan(deadline);
                    Thread.sleep(20);
                }
                p.process().destroyForcibly().waitFor();
            }
            if (!step.equals("coordinate")) {
                // readers see the old 30 days, equal to the first 30 sources. (Not after the concat
                // coordinate's rewrite: in Zarr v2 its one chunk changes size, which the old
                // metadata cannot read; .zmetadata is the very next write. See README.)
                XarrayCheck.assertIdentical(store, RunRecipe.rows(files.subList(0, 30)), "time",
                        Map.of("sst", List.of(8, 1, 90, 180)), List.of(), tmp);
            }
            if (step.equals("metadata")) {
                // the group's attributes already name the longer recipe; a run must still not
                // take the store for its own half-done build and rebuild it
                Map<String, String> before = withoutLease(RunRecipe.digests(store));
                RunRecipe run = RunRecipe.run(recipe, store);
                assertThat(run.exitCode()).isNotZero();
                assertThat(run.err()).contains("arcoforge append");
                assertThat(withoutLease(RunRecipe.digests(store))).isEqualTo(before);
            }
            RunRecipe again = append(recipe, store);
            assertThat(again.exitCode()).as(again.err()).isZero();
            if (!step.equals("metadata")) {
                assertThat(again.err()).contains("took over");
            }
            assertThat(chunks(store)).as("after a kill at %s", step).isEqualTo(oneShot45);
            XarrayCheck.assertIdentical(store, RunRecipe.rows(files.subList(0, 45)), "time",
                    Map.of("sst", List.of(8, 1, 90, 180)), List.of(), tmp);
        }
    }

    private static Map<String, String> withoutLease(Map<String, String> digests) {
        Map<String, String> out = new java.util.TreeMap<>(digests);
        out.keySet().removeIf(k -> k.startsWith(org.arcoforge.stage.TargetLease.KEY));
        return out;
    }
}
