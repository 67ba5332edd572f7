package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.arcoforge.testinfra.TestHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two arcoforge processes on one target: the second stops, naming the first; the first killed with
 * kill -9 mid-write leaves its lease, which the same command takes over (its process is gone from
 * this host) and converges to the store a clean run writes; another host's stale lease is taken
 * only with --break-lock, a live one never.
 */
class TargetLeaseTest {
    private static final String LEASE = ".arcoforge-lease";

    @TempDir
    Path tmp;

    /** The arcoforge command line as a separate JVM, its lease refreshed every second. */
    private static ProcessBuilder arcoforge(String... args) throws IOException {
        return RunRecipe.process(List.of("-Darcoforge.lease.refresh.seconds=1"), args);
    }

    private static Processes.Result run(String... args) throws Exception {
        return Processes.run(arcoforge(args), Duration.ofMinutes(3));
    }

    private static void waitFor(String what, Duration limit, java.util.function.BooleanSupplier done, Process p, Path log)
            throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(p.isAlive()).as("run A still running while waiting for %s:%n%s", what, Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    private static boolean anyChunk(Path store) {
        try (Stream<Path> s = Files.walk(store)) {
            return s.anyMatch(f -> f.getParent().getFileName().toString().equals("sst")
                    && f.getFileName().toString().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    @Test
    void aSecondRunStopsNamingTheFirstAndTheSameCommandTakesOverAKilledRunsLease() throws Exception {
        Path archive = tmp.resolve("www");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), 8, 20, 40);
        try (TestHttpServer http = new TestHttpServer(archive)) {
            // slow inputs keep run A busy while the others try the target
            http.delayEveryRequest(1500);
            Path recipe = RunRecipe.writeRecipe(tmp, "lease.yaml", RunRecipe.oisstRecipe(
                    http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), 8, "{time: 1, lat: 10}", "cache: false\n"));
            Path target = tmp.resolve("shared.zarr");
            String[] args = {"run", recipe.toString(), "--target", target.toString(), "--master", "local[2]",
                    "--conf", "spark.ui.enabled=false"};
            Path logA = tmp.resolve("a.log");
            Process a = arcoforge(args).redirectErrorStream(true).redirectOutput(logA.toFile()).start();
            try {
                waitFor("A's lease", Duration.ofSeconds(90), () -> Files.exists(target.resolve(LEASE)), a, logA);
                Map<?, ?> lease = new ObjectMapper().readValue(target.resolve(LEASE).toFile(), Map.class);
                assertThat(lease.get("pid")).isEqualTo((int) a.pid());

                Processes.Result b = run(args);
                assertThat(b.exitCode()).as(b.output()).isNotZero();
                assertThat(b.output()).contains("error: target " + target + " is in use by another run")
                        .contains("host " + InetAddress.getLocalHost().getHostName())
                        .contains("process " + a.pid()).contains("started " + lease.get("started"))
                        .contains("last refreshed").contains("recipe 'oisst-test'")
                        .doesNotContain("\tat ");
                assertThat(a.isAlive()).as("A still running after B gave up").isTrue();

                // A refreshes its lease while it runs
                Thread.sleep(2500);
                Map<?, ?> later = new ObjectMapper().readValue(target.resolve(LEASE).toFile(), Map.class);
                assertThat(later.get("refreshed")).isNotEqualTo(lease.get("refreshed"));
                assertThat(later.get("started")).isEqualTo(lease.get("started"));

                // kill -9 A once it writes chunks: its store stays visibly incomplete, its lease stays behind
                http.delayEveryRequest(100);
                waitFor("A's first chunk", Duration.ofSeconds(90), () -> anyChunk(target), a, logA);
                a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } finally {
                a.destroyForcibly();
            }
            assertThat(target.resolve(".zmetadata")).doesNotExist();
            assertThat(target.resolve(LEASE)).exists();

            // A's process is gone from this host: the same command takes its lease over and finishes
            http.delayEveryRequest(0);
            Processes.Result taken = run(args);
            assertThat(taken.exitCode()).as(taken.output()).isZero();
            assertThat(taken.output()).contains("took over the lease of a run that is no longer running")
                    .contains("process " + a.pid() + " (no such process on this host now)");
            assertThat(target.resolve(LEASE)).as("the lease is removed at the end").doesNotExist();

            // the survivor's store equals a clean run's, byte for byte (no temporary files left either)
            Path clean = tmp.resolve("clean.zarr");
            RunRecipe c = RunRecipe.run(recipe, clean);
            assertThat(c.exitCode()).as(c.err()).isZero();
            assertThat(RunRecipe.digests(target)).isEqualTo(RunRecipe.digests(clean));
        }
    }

    @Test
    void aStaleLeaseOfAnotherHostIsTakenOnlyWithBreakLock() throws Exception {
        Path archive = tmp.resolve("stale-files");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), 2, 10, 20);
        Path recipe = RunRecipe.writeRecipe(tmp, "stale.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 2, "{time: 1}", ""));
        Path target = Files.createDirectories(tmp.resolve("stale.zarr"));
        // another host's run that stopped refreshing ten minutes ago: its process cannot be checked from here
        String then = java.time.Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        Files.writeString(target.resolve(LEASE), """
                {"host": "node-7", "pid": 4242, "started": "%s", "refreshed": "%s", "refresh_seconds": 30,
                 "recipe": "other", "token": "t"}""".formatted(then, then));
        RunRecipe refused = RunRecipe.run(recipe, target);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.error()).contains("is locked by a run that seems to have stopped: host node-7, process 4242")
                .contains("stale").contains("--break-lock");
        assertThat(target.resolve(".zgroup")).doesNotExist();

        RunRecipe taken = RunRecipe.run(recipe, target, "--break-lock");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        assertThat(target.resolve(LEASE)).doesNotExist();
        assertThat(target.resolve(".zmetadata")).exists();
    }

    @Test
    void breakLockNeverTakesALiveLease() throws Exception {
        Path archive = tmp.resolve("files");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), 2, 10, 20);
        Path recipe = RunRecipe.writeRecipe(tmp, "live.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 2, "{time: 1}", ""));
        Path target = Files.createDirectories(tmp.resolve("held.zarr"));
        // a lease another host refreshed a moment ago
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Files.writeString(target.resolve(LEASE), """
                {"host": "node-7", "pid": 4242, "started": "%s", "refreshed": "%s", "refresh_seconds": 30,
                 "recipe": "other", "token": "t"}""".formatted(now, now));
        RunRecipe r = RunRecipe.run(recipe, target, "--break-lock");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.error()).contains("in use by another run: host node-7, process 4242, started " + now)
                .contains("--break-lock takes over only a lease not refreshed for 2 min");
        assertThat(target.resolve(LEASE)).content().contains("node-7");
        assertThat(target.resolve(".zgroup")).doesNotExist();
    }
}
