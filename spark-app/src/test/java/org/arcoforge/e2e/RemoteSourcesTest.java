package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.TestFtpServer;
import org.arcoforge.testinfra.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote inputs through the real command line on Spark local mode: an OISST-like sample archive
 * served over HTTP (in this JVM) and FTP (MINA, in-process), into a local store checked with
 * xarray against the local files; warm-cache re-runs counted at the servers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteSourcesTest {
    static final int DAYS = 6;

    @TempDir
    static Path tmp;
    Path archive;
    List<Path> files;
    TestHttpServer http;
    TestFtpServer ftp;

    @BeforeAll
    void serve() throws Exception {
        archive = tmp.resolve("www/oisst");
        files = SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), DAYS, 20, 40);
        http = new TestHttpServer(archive);
        ftp = new TestFtpServer(tmp.resolve("www"), "oisst-reader", "ftp-Secret-77");
    }

    @AfterAll
    void stop() {
        http.close();
        ftp.close();
    }

    private static String recipe(String template, String extra) {
        return RunRecipe.oisstRecipe(template, DAYS, "{time: 4}", extra);
    }

    /** On local[4]: more task slots than max_connections_per_host, so that limit is what holds. */
    private static RunRecipe run(Map<String, String> env, Path recipe, Path target, String... extra) {
        List<String> args = new ArrayList<>(List.of("--master", "local[4]"));
        args.addAll(List.of(extra));
        return RunRecipe.run(env, recipe, target.toString(), args);
    }

    void assertIdentical(Path store) throws Exception {
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("sst", List.of(4, 1, 20, 40), "time", List.of(DAYS)), List.of(), tmp);
    }

    @Test
    void httpWithCacheIsIdenticalPoliteAndAWarmCacheDownloadsNothing() throws Exception {
        http.resetCounters();
        http.delayEveryRequest(60);
        Path recipe = RunRecipe.writeRecipe(tmp, "http.yaml", recipe(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), """
                source: {max_connections_per_host: 2, headers: {User-Agent: "arcoforge-e2e"}}
                """));
        Path store = tmp.resolve("http.zarr");
        Path cache = tmp.resolve("http-cache");
        RunRecipe r = run(Map.of(), recipe, store, "--cache", cache.toString());
        http.delayEveryRequest(0);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("[cache inputs] " + DAYS + "/" + DAYS + " inputs").contains("MB downloaded")
                .contains("cache: " + DAYS + " remote inputs");
        assertIdentical(store);
        assertThat(http.maxConcurrentRequests()).as("per-host limit across the job").isBetween(1, 2);
        assertThat(http.count("GET")).isEqualTo(DAYS);
        assertThat(http.requestLog()).allMatch(l -> l.contains("arcoforge-e2e"));
        try (Stream<Path> s = Files.list(cache)) {
            assertThat(s.filter(p -> p.toString().endsWith(".nc"))).hasSize(DAYS);
        }
        Map<String, String> before = RunRecipe.digests(store);

        http.resetCounters();
        RunRecipe again = run(Map.of(), recipe, store, "--cache", cache.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(http.requestLog()).as("requests with a warm cache").isEmpty();
        assertThat(again.err()).contains("(" + DAYS + " reused), 0.0 MB downloaded in 0 requests");
        assertThat(RunRecipe.digests(store)).isEqualTo(before);
    }

    @Test
    void httpWithoutCacheReadsByteRangesInPlace() throws Exception {
        http.resetCounters();
        Path recipe = RunRecipe.writeRecipe(tmp, "nocache.yaml", recipe(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"),
                "cache: false\n"));
        Path store = Files.createDirectories(tmp.resolve("nocache")).resolve("nocache.zarr");
        RunRecipe r = run(Map.of(), recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("[cache inputs]");
        assertIdentical(store);
        assertThat(tmp.resolve("nocache/arcoforge-cache")).doesNotExist();
        assertThat(http.requestLog()).filteredOn(l -> l.startsWith("GET")).allMatch(l -> l.contains("Range: bytes="));
    }

    @Test
    void ftpWithCredentialsFromTheEnvironmentSurvivesADroppedDataConnection() throws Exception {
        ftp.resetCounters();
        ftp.dropDataConnectionOnce(files.get(2).getFileName().toString());
        Path recipe = RunRecipe.writeRecipe(tmp, "ftp.yaml", recipe(ftp.url("oisst/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), """
                source:
                  credentials: {username_env: FTP_USER, password_env: FTP_PASSWORD}
                """));
        Map<String, String> env = Map.of("FTP_USER", "oisst-reader", "FTP_PASSWORD", "ftp-Secret-77");
        Path store = Files.createDirectories(tmp.resolve("ftp")).resolve("ftp.zarr");
        RunRecipe r = run(env, recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertIdentical(store);
        assertThat(ftp.count("RETR")).isEqualTo(DAYS + 1);
        assertThat(ftp.count("REST")).isPositive();
        assertThat(tmp.resolve("ftp/arcoforge-cache")).isDirectory(); // the default: beside the target

        ftp.resetCounters();
        RunRecipe again = run(env, recipe, store);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(ftp.count("RETR")).isZero();
        assertThat(ftp.count("USER")).isZero();

        RunRecipe noPassword = run(Map.of("FTP_USER", "oisst-reader"), recipe, tmp.resolve("ftp2.zarr"));
        assertThat(noPassword.exitCode()).isNotZero();
        assertThat(noPassword.err()).contains("FTP_PASSWORD (source.credentials.password_env)").doesNotContain("[cache");
        assertThat(tmp.resolve("ftp2.zarr")).doesNotExist();
    }

    @Test
    void everyInputThatStillFailsIsListedInOneError() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "gaps.yaml", """
                name: gaps
                file_pattern:
                  template: "%s"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-08-30, end: 1981-09-02, step: P1D}}
                source: {retries: 1}
                """.formatted(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc")));
        Path store = tmp.resolve("gaps.zarr");
        RunRecipe r = run(Map.of(), recipe, store, "--cache", tmp.resolve("gaps-cache").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("2 of 4 remote input(s) could not be copied")
                .contains(http.url("oisst-avhrr-v02r01.19810830.nc") + ": not found (HTTP 404 Not Found)")
                .contains(http.url("oisst-avhrr-v02r01.19810831.nc") + ": not found (HTTP 404 Not Found)")
                .doesNotContain("\tat org.");
        // one error, every failed input on a line of its own, then the hint; no stack trace
        assertThat(r.error()).hasLineCount(4).startsWith("error: 2 of 4 remote input(s)")
                .endsWith("\nRe-run to retry them: the inputs already cached are reused.\n");
        assertThat(store.resolve(".zmetadata")).doesNotExist();
    }

    /**
     * A host that refuses every connection, with the default retries (6): one round of retries
     * (about 8-16 s), shown on the progress line, then one line for the host, not one per input.
     */
    @Test
    void deadHostFailsTheCacheStageEarlyWithOneLinePerHost() throws Exception {
        int port;
        try (TestHttpServer gone = new TestHttpServer(archive)) {
            port = gone.base().getPort();
        }
        String host = "127.0.0.1:" + port;
        Path recipe = RunRecipe.writeRecipe(tmp, "dead.yaml", RunRecipe.oisstRecipe(
                "http://" + host + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 12, "{time: 4}", ""));
        Path store = tmp.resolve("dead.zarr");
        long t0 = System.nanoTime();
        RunRecipe r = run(Map.of(), recipe, store, "--cache", tmp.resolve("dead-cache").toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(seconds).as("seconds until the error; stderr:%n%s", r.err()).isLessThan(60);
        String error = r.error();
        assertThat(error).contains("12 of 12 remote input(s) could not be copied")
                .contains("connection refused by " + host + " (7 attempts over")
                .contains("none of its 12 input(s) could be fetched").doesNotContain("ConnectException");
        assertThat(error.split("connection refused by " + java.util.regex.Pattern.quote(host), -1))
                .as("the host named once in:%n%s", error).hasSize(2);
        assertThat(r.err()).containsPattern("\\[cache inputs\\] 0/12 inputs, \\d+ failed, .*; retrying "
                + java.util.regex.Pattern.quote(host) + ": attempt \\d of 7 failed \\(connection refused\\), next try in \\d+ s")
                .contains("[cache inputs] 0/12 inputs, 12 failed");
        assertThat(store.resolve(".zmetadata")).doesNotExist();
    }

    /** The cache progress counts inputs cached, not attempted; failures are counted apart. */
    @Test
    void cacheProgressCountsFinishedInputsAndFailuresApart() throws Exception {
        Path partial = Files.createDirectories(tmp.resolve("partial-www"));
        for (Path f : files.subList(0, 4)) {
            Files.copy(f, partial.resolve(f.getFileName()));
        }
        try (TestHttpServer some = new TestHttpServer(partial)) {
            Path recipe = RunRecipe.writeRecipe(tmp, "partial.yaml",
                    recipe(some.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), ""));
            RunRecipe r = run(Map.of(), recipe, tmp.resolve("partial.zarr"), "--cache",
                    tmp.resolve("partial-cache").toString());
            assertThat(r.exitCode()).as(r.err()).isNotZero();
            assertThat(r.err()).contains("[cache inputs] 4/" + DAYS + " inputs, 2 failed");
            assertThat(r.error()).contains("2 of " + DAYS + " remote input(s) could not be copied")
                    .contains("not found (HTTP 404 Not Found)");
        }
    }

    @Test
    void planReadsRemoteInputsInPlaceBeforeAnythingIsCached() throws Exception {
        http.resetCounters();
        Path recipe = RunRecipe.writeRecipe(tmp, "plan-http.yaml", recipe(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), ""));
        RunRecipe r = RunRecipe.cli(Map.of(), "plan", recipe.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("metadata of " + DAYS + " inputs read on the driver");
        assertThat(http.count("GET")).isPositive();
        assertThat(http.requestLog()).filteredOn(l -> l.startsWith("GET")).allMatch(l -> l.contains("Range: bytes="));
    }

    @Test
    void checkReportsSizesAndMissingFilesBeforeAnyJob() throws Exception {
        http.resetCounters();
        Path ok = RunRecipe.writeRecipe(tmp, "check-ok.yaml", recipe(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), ""));
        RunRecipe r = RunRecipe.cli(Map.of(), "check", ok.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(DAYS + " found").contains("0 missing")
                .contains(String.valueOf(Files.size(files.get(0)))).contains(http.url("oisst-avhrr-v02r01.19810901.nc"));
        assertThat(http.count("HEAD")).isEqualTo(DAYS);
        assertThat(http.count("GET")).isZero();

        Path gaps = RunRecipe.writeRecipe(tmp, "check-gaps.yaml", recipe(http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), "")
                .replace("start: 1981-09-01", "start: 1981-08-31"));
        RunRecipe g = RunRecipe.cli(Map.of(), "check", gaps.toString());
        assertThat(g.exitCode()).isNotZero();
        assertThat(g.out()).contains(http.url("oisst-avhrr-v02r01.19810831.nc") + "  MISSING").contains("1 missing");
        assertThat(g.err()).contains("1 of 7 input(s) missing or unreachable");

        Path ftpRecipe = RunRecipe.writeRecipe(tmp, "check-ftp.yaml", recipe(ftp.url("oisst/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"),
                "source: {credentials: {username_env: U, password_env: P}}\n"));
        RunRecipe f = RunRecipe.cli(Map.of("U", "oisst-reader", "P", "ftp-Secret-77"), "check", ftpRecipe.toString());
        assertThat(f.exitCode()).as(f.out() + f.err()).isZero();
        assertThat(f.out()).contains(DAYS + " found");
    }
}
