package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed mid-store (kill -9, SIGTERM) and started again with the same command finishes the
 * store, skipping the chunk tasks the killed run recorded, and the store is byte for byte a clean
 * run's. The command line runs as its own process, as a user runs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeTest {
    private static final int DAYS = 60;
    private static final String PROGRESS = ".arcoforge-progress";

    @TempDir
    static Path tmp;
    Path archive;
    Path recipe;
    Map<String, String> clean;

    @BeforeAll
    void cleanRun() throws Exception {
        archive = tmp.resolve("oisst");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), DAYS, 360, 720);
        // one day per chunk and one core: many small tasks, so a kill lands between them
        recipe = RunRecipe.writeRecipe(tmp, "resume.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 1}", ""));
        Path store = tmp.resolve("clean.zarr");
        clean = cleanRun(recipe, store);
    }

    private Map<String, String> cleanRun(Path recipe, Path store) throws Exception {
        try (Processes.Started p = run(recipe, store)) {
            Processes.Result r = p.waitFor(Duration.ofMinutes(3));
            assertThat(r.exitCode()).as(r.errors()).isZero();
        }
        Map<String, String> digests = RunRecipe.digests(store);
        assertThat(digests).containsKey(".zmetadata").noneSatisfy((k, v) -> assertThat(k).startsWith(PROGRESS));
        return digests;
    }

    private Processes.Started run(Path store) throws Exception {
        return run(recipe, store);
    }

    /** Starts {@code arcoforge run RECIPE --target STORE} as a process. */
    private static Processes.Started run(Path recipe, Path store) throws Exception {
        return Processes.start(RunRecipe.process(List.of(), "run", recipe.toString(), "--target", store.toString(),
                "--master", "local[1]", "--conf", "spark.ui.enabled=false"));
    }

    private static long recorded(Path store) throws Exception {
        return recorded(store, "");
    }

    /** Progress records whose name starts with {@code prefix}. */
    private static long recorded(Path store, String prefix) throws Exception {
        Path log = store.resolve(PROGRESS);
        if (!Files.isDirectory(log)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(log)) {
            // a record being written is a hidden temporary file until its rename: not a record yet;
            // the inputs' metadata kept beside the records is not one either
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && (n.startsWith("task-") || n.startsWith("reduce-"))).count();
        }
    }

    private Processes.Started startAndWaitForProgress(Path store, int tasks) throws Exception {
        return startAndWaitForProgress(recipe, store, tasks, "");
    }

    /**
     * Starts a run and returns once it has recorded {@code tasks} chunk tasks whose record name
     * starts with {@code prefix}; fails if it ended first.
     */
    private static Processes.Started startAndWaitForProgress(Path recipe, Path store, int tasks, String prefix)
            throws Exception {
        Processes.Started p = run(recipe, store);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (recorded(store, prefix) < tasks) {
            assertThat(p.process().isAlive()).as("the run ended before recording %d tasks:%n%s", tasks, p.errorsSoFar())
                    .isTrue();
            assertThat(System.nanoTime()).as("no progress recorded in 2 min").isLessThan(deadline);
            Thread.sleep(5);
        }
        return p;
    }

    /** The second run of the same command: exit 0, tasks skipped, the clean run's bytes, no log left. */
    private void resumeCompletes(Path store, long recordedBefore) throws Exception {
        resumeCompletes(recipe, store, recordedBefore, clean);
    }

    private static void resumeCompletes(Path recipe, Path store, long recordedBefore, Map<String, String> clean)
            throws Exception {
        assertThat(store.resolve(".zmetadata")).as("killed mid-store: not complete").doesNotExist();
        try (Processes.Started again = run(recipe, store)) {
            Processes.Result r = again.waitFor(Duration.ofMinutes(3));
            assertThat(r.exitCode()).as(r.errors()).isZero();
            Matcher m = Pattern.compile("resume: (\\d+) of (\\d+) chunk tasks already done").matcher(r.errors());
            assertThat(m.find()).as("a resume line in:%n%s", r.errors()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(recordedBefore)
                    .isLessThan(Long.parseLong(m.group(2)));
            // no input changed: none is opened again for its metadata
            assertThat(r.errors()).contains("prepare: metadata of " + DAYS + " of " + DAYS
                    + " inputs from the progress log").doesNotContain("[prepare: read metadata]");
        }
        assertThat(RunRecipe.digests(store)).isEqualTo(clean);
        assertThat(store.resolve(PROGRESS)).doesNotExist();
    }

    @Test
    void killedWithKill9MidStoreTheSameCommandFinishesIdenticalToACleanRun() throws Exception {
        Path store = tmp.resolve("kill9.zarr");
        long before;
        try (Processes.Started first = startAndWaitForProgress(store, 5)) {
            first.process().destroyForcibly(); // SIGKILL
            first.process().waitFor();
            assertThat(first.process().exitValue()).isEqualTo(137);
            before = recorded(store);
        }
        resumeCompletes(store, before);
    }

    @Test
    void sigtermMidStoreSaysTheStoreIsIncompleteExits143AndTheSameCommandFinishes() throws Exception {
        Path store = tmp.resolve("sigterm.zarr");
        long before;
        try (Processes.Started first = startAndWaitForProgress(store, 5)) {
            first.process().destroy(); // SIGTERM
            Processes.Result r = first.waitFor(Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.errors()).isEqualTo(143);
            List<String> lines = r.errors().lines().toList();
            assertThat(lines.get(lines.size() - 1)).isEqualTo("interrupted: the store at " + store
                    + " is incomplete (no .zmetadata); run the same command again to finish");
            // before it, progress and the plan's warnings only: no Spark shutdown message, no stack trace
            assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("recipe ") || l.startsWith("[")
                    || l.startsWith("warning: chunks of "));
            assertThat(r.errors()).doesNotContain("SparkContext", "Exception", "\tat ");
            before = recorded(store);
        }
        resumeCompletes(store, before);
    }

    @Test
    void anInputChangedBetweenTheKillAndTheResumeIsReadAgainAndItsNewGridRefused() throws Exception {
        // a copy of the archive, so that the other tests keep theirs
        Path copy = tmp.resolve("tampered");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(archive)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Path tampered = RunRecipe.writeRecipe(tmp, "tampered.yaml", RunRecipe.oisstRecipe(
                copy + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 1}", ""));
        Path store = tmp.resolve("tampered.zarr");
        try (Processes.Started first = startAndWaitForProgress(tampered, store, 5, "")) {
            first.process().destroyForcibly();
            first.process().waitFor();
        }
        assertThat(store.resolve(PROGRESS)).isDirectoryContaining(f -> f.getFileName().toString().startsWith("inputs-"));
        // day 30 replaced by a file of another grid (the same day at half the resolution)
        Path other = tmp.resolve("other-grid");
        Path day30 = SampleArchives.oisstDaily(other, LocalDate.of(1981, 9, 1).plusDays(30), 1, 180, 360).get(0);
        Path changed = copy.resolve(day30.getFileName());
        Files.copy(day30, changed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Processes.Started again = run(tampered, store)) {
            Processes.Result r = again.waitFor(Duration.ofMinutes(3));
            assertThat(r.exitCode()).as(r.errors()).isNotZero();
            assertThat(r.errors()).contains("prepare: metadata of " + (DAYS - 1) + " of " + DAYS + " inputs")
                    .contains("[prepare: read metadata] 1/1 inputs").contains("error: ").contains(changed.toString());
        }
        assertThat(store.resolve(".zmetadata")).doesNotExist();
    }

    @Test
    void killedWithKill9InTheShuffleTheSameCommandSkipsFinishedReducePartitions() throws Exception {
        // time-series chunks through the shuffle: 32 reduce partitions
        Path series = RunRecipe.writeRecipe(tmp, "series.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 60, lat: 45, lon: 90}",
                "max_task_memory: 8MB\n"));
        Map<String, String> cleanSeries = cleanRun(series, tmp.resolve("series-clean.zarr"));
        Path store = tmp.resolve("series.zarr");
        long before;
        try (Processes.Started first = startAndWaitForProgress(series, store, 4, "reduce-")) {
            first.process().destroyForcibly();
            first.process().waitFor();
            before = recorded(store);
        }
        resumeCompletes(series, store, before, cleanSeries);
    }

    @Test
    void shardedZarrV3KilledWithKill9MidStoreHasNoConsolidatedMetadataAndTheSameCommandFinishesIdentical() throws Exception {
        Path v3 = v3Recipe();
        Map<String, String> cleanV3 = cleanV3();
        Path store = tmp.resolve("kill9-v3.zarr");
        long before;
        try (Processes.Started first = startAndWaitForProgress(v3, store, 5, "")) {
            first.process().destroyForcibly(); // SIGKILL
            first.process().waitFor();
            before = recorded(store);
        }
        // the completeness marker of a v3 store: the consolidated metadata in the root zarr.json (the
        // group itself is written first, as v2's .zgroup is, so a reader asking for consolidated
        // metadata refuses the store, and one not asking sees a group of unfinished arrays)
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(store.resolve("zarr.json").toFile())
                .has("consolidated_metadata")).as("killed mid-store: not complete").isFalse();
        assertThat(cleanV3.get("zarr.json")).isNotEqualTo(RunRecipe.digests(store).get("zarr.json"));
        assertThat(store.resolve("sst/zarr.json")).exists();
        try (Processes.Started again = run(v3, store)) {
            Processes.Result r = again.waitFor(Duration.ofMinutes(3));
            assertThat(r.exitCode()).as(r.errors()).isZero();
            Matcher m = Pattern.compile("resume: (\\d+) of (\\d+) chunk tasks already done").matcher(r.errors());
            assertThat(m.find()).as("a resume line in:%n%s", r.errors()).isTrue();
            assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(before).isLessThan(Long.parseLong(m.group(2)));
        }
        assertThat(RunRecipe.digests(store)).isEqualTo(cleanV3);
    }

    @Test
    void sigtermOnAZarrV3RunSaysWhatTheUnfinishedV3StoreLacks() throws Exception {
        Path v3 = RunRecipe.writeRecipe(tmp, "sigterm-v3.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 1}", "zarr_format: 3\nshards: {time: 2}\n"));
        Path store = tmp.resolve("sigterm-v3.zarr");
        try (Processes.Started first = startAndWaitForProgress(v3, store, 3, "")) {
            first.process().destroy(); // SIGTERM
            Processes.Result r = first.waitFor(Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.errors()).isEqualTo(143);
            List<String> lines = r.errors().lines().toList();
            assertThat(lines.get(lines.size() - 1)).isEqualTo("interrupted: the store at " + store
                    + " is incomplete (no consolidated metadata in its root zarr.json); run the same command again to finish");
        }
    }

    private Map<String, String> cleanV3;

    /** One day per inner chunk, two per shard: 30 shard tasks on one core. */
    private Path v3Recipe() throws Exception {
        return RunRecipe.writeRecipe(tmp, "resume-v3.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 1}", "zarr_format: 3\nshards: {time: 2}\n"));
    }

    /** The digests of a clean sharded v3 run, made once. */
    private synchronized Map<String, String> cleanV3() throws Exception {
        if (cleanV3 == null) {
            Path cleanStore = tmp.resolve("clean-v3.zarr");
            try (Processes.Started p = run(v3Recipe(), cleanStore)) {
                Processes.Result r = p.waitFor(Duration.ofMinutes(3));
                assertThat(r.exitCode()).as(r.errors()).isZero();
            }
            cleanV3 = RunRecipe.digests(cleanStore);
            assertThat(cleanV3).containsKeys("zarr.json", "sst/c/29/0/0/0").doesNotContainKey(".zmetadata")
                    .noneSatisfy((k, v) -> assertThat(k).startsWith(PROGRESS));
        }
        return cleanV3;
    }

    @Test
    void shardsLostOrTruncatedAfterAKillAreWrittenAgainBeforeTheV3StoreIsMarkedComplete() throws Exception {
        Map<String, String> clean = cleanV3();
        Path store = tmp.resolve("lost-v3.zarr");
        try (Processes.Started first = startAndWaitForProgress(v3Recipe(), store, 6, "")) {
            first.process().destroyForcibly();
            first.process().waitFor();
        }
        List<Path> shards;
        try (Stream<Path> files = Files.walk(store.resolve("sst/c"))) {
            shards = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(shards).hasSizeGreaterThanOrEqualTo(2);
        // a shard of a recorded task lost, another cut short: the records naming them no longer count
        Files.delete(shards.get(0));
        byte[] whole = Files.readAllBytes(shards.get(1));
        Files.write(shards.get(1), java.util.Arrays.copyOf(whole, whole.length / 2));
        try (Processes.Started again = run(v3Recipe(), store)) {
            Processes.Result r = again.waitFor(Duration.ofMinutes(3));
            assertThat(r.exitCode()).as(r.errors()).isZero();
        }
        assertThat(RunRecipe.digests(store)).isEqualTo(clean);
    }
}
