package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.SourceOptions;
import org.arcoforge.testinfra.TestHttpServer;
import org.arcoforge.testinfra.TestHttpServer.ResetMidBody;
import org.arcoforge.testinfra.TestHttpServer.Status;
import org.arcoforge.testinfra.TestHttpServer.TruncatedBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache stage's function on its own (no Spark), against the in-JVM HTTP server. */
class CacheInputsTest {
    @TempDir
    Path dir;
    Path served;
    Path cache;
    TestHttpServer server;
    List<byte[]> files = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        served = Files.createDirectories(dir.resolve("served"));
        cache = dir.resolve("cache");
        Random rnd = new Random(11);
        for (int i = 0; i < 4; i++) {
            byte[] b = new byte[100_000 + i * 1000];
            rnd.nextBytes(b);
            files.add(b);
            Files.write(served.resolve("day" + i + ".nc"), b);
        }
        server = new TestHttpServer(served);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JobSpec job(SourceAccess access, String... names) {
        List<String> urls = Stream.of(names).map(server::url).toList();
        Recipe r = Recipe.builder(FilePattern.files("time", urls, 1)).build();
        return new JobSpec(r, dir.resolve("t.zarr").toString(), Map.of(), false, access, cache.toString());
    }

    private JobSpec job(String... names) {
        return job(SourceAccess.resolve(SourceOptions.DEFAULT.withRetries(3), Map.of()), names);
    }

    private static List<CacheInputs.Result> fetchAll(JobSpec job) {
        return CacheInputs.fetchGroup(job.recipe().filePattern().inputs(), job, r -> { }, n -> { });
    }

    private static Path local(String uri) {
        return Path.of(java.net.URI.create(uri));
    }

    @Test
    void copiesOnceThenReusesWithoutAnyRequest() throws Exception {
        JobSpec job = job("day0.nc", "day1.nc");
        AtomicLong bytes = new AtomicLong();
        List<CacheInputs.Result> done = new ArrayList<>();
        List<CacheInputs.Result> first = CacheInputs.fetchGroup(job.recipe().filePattern().inputs(), job, done::add,
                bytes::addAndGet);
        assertThat(done).isEqualTo(first);
        assertThat(first).allMatch(CacheInputs.Result::ok).noneMatch(CacheInputs.Result::reused);
        assertThat(bytes.get()).isEqualTo(files.get(0).length + files.get(1).length);
        for (int i = 0; i < 2; i++) {
            assertThat(Files.readAllBytes(local(first.get(i).cachePath()))).isEqualTo(files.get(i));
            assertThat(local(first.get(i).cachePath() + ".json")).content().contains("\"sha256\"");
            assertThat(job.readLocation(job.recipe().filePattern().inputs().get(i))).isEqualTo(first.get(i).cachePath());
        }
        try (Stream<Path> partial = Files.list(cache.resolve(CacheInputs.PARTIAL_DIR))) {
            assertThat(partial).isEmpty();
        }
        server.resetCounters();
        List<CacheInputs.Result> again = fetchAll(job);
        assertThat(again).allMatch(CacheInputs.Result::reused);
        assertThat(server.requestLog()).isEmpty();
    }

    @Test
    void aCopyThatNoLongerMatchesItsManifestIsFetchedAgain() throws Exception {
        JobSpec job = job("day0.nc", "day1.nc", "day2.nc");
        List<CacheInputs.Result> first = fetchAll(job);
        byte[] corrupt = files.get(0).clone();
        corrupt[500] ^= 1;
        Files.write(local(first.get(0).cachePath()), corrupt);                      // same length, other bytes
        Files.write(local(first.get(1).cachePath()), Arrays.copyOf(files.get(1), 10)); // truncated
        Files.delete(local(first.get(2).cachePath() + ".json"));                    // interrupted before its manifest
        server.resetCounters();
        List<CacheInputs.Result> again = fetchAll(job);
        assertThat(again).allMatch(CacheInputs.Result::ok).noneMatch(CacheInputs.Result::reused);
        assertThat(again.get(0).refetched()).contains("SHA-256");
        assertThat(again.get(1).refetched()).contains("10 bytes");
        assertThat(again.get(2).refetched()).contains("manifest entry is missing");
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(local(again.get(i).cachePath()))).isEqualTo(files.get(i));
        }
        assertThat(server.count("GET")).isEqualTo(3);
    }

    @Test
    void interruptedDownloadsResumeWithRangeAndTransientErrorsAreRetried() throws Exception {
        server.fault("day0.nc", new TruncatedBody(0.5), new ResetMidBody(0.5));
        server.fault("day1.nc", new Status(503, 1), new Status(429, null));
        JobSpec job = job("day0.nc", "day1.nc");
        List<CacheInputs.Result> r = fetchAll(job);
        assertThat(r).allMatch(CacheInputs.Result::ok);
        assertThat(Files.readAllBytes(local(r.get(0).cachePath()))).isEqualTo(files.get(0));
        assertThat(Files.readAllBytes(local(r.get(1).cachePath()))).isEqualTo(files.get(1));
        assertThat(server.requestLog()).anyMatch(l -> l.startsWith("GET /day0.nc") && l.contains("Range: bytes=50000-"));
        // Resuming never sends a byte twice: exactly the file's bytes, over three GETs
        assertThat(server.count("GET", "/day0.nc")).isEqualTo(3);
        assertThat(r.get(0).downloaded()).isEqualTo(files.get(0).length);
        assertThat(r.get(1).requests()).isEqualTo(4); // HEAD + 503 + 429 + 200
    }

    @Test
    void everyFailureIsListedInOneErrorWithItsLastStatus() {
        server.fault("day1.nc", new Status(503, null), new Status(503, null), new Status(503, null));
        JobSpec job = job(SourceAccess.resolve(SourceOptions.DEFAULT.withRetries(1), Map.of()),
                "day0.nc", "missing-a.nc", "day1.nc", "missing-b.nc");
        List<CacheInputs.Result> r = fetchAll(job);
        assertThat(r.get(0).ok()).isTrue();
        assertThatThrownBy(() -> CacheInputs.requireAll(r, job.cacheRoot()))
                .isInstanceOf(StageException.class)
                .hasMessageContaining("3 of 4 remote input(s)")
                .hasMessageContaining(server.url("missing-a.nc") + ": not found (HTTP 404 Not Found)")
                .hasMessageContaining(server.url("missing-b.nc") + ": not found (HTTP 404")
                .hasMessageContaining(server.url("day1.nc") + ": HTTP 503 Service Unavailable");
        assertThat(local(CacheInputs.cachePath(job.cacheRoot(), server.url("missing-a.nc")))).doesNotExist();
    }

    @Test
    void aCacheRootThatCannotBeReachedFailsEveryInputOfTheGroupWithoutARequest() {
        JobSpec ok = job("day0.nc", "day1.nc");
        JobSpec job = new JobSpec(ok.recipe(), ok.target(), Map.of(), false, ok.sourceAccess(), "nosuchfs://bucket/cache");
        List<CacheInputs.Result> r = fetchAll(job);
        assertThat(r).hasSize(2).noneMatch(CacheInputs.Result::ok).allMatch(x -> x.failure().contains("nosuchfs"));
        assertThat(server.requestLog()).isEmpty();
    }

    @Test
    void cacheNamesComeFromTheUrlWithoutSecrets() {
        server.requireQuery(Map.of("token", "TOPSECRET-1"));
        JobSpec job = job(SourceAccess.resolve(SourceOptions.DEFAULT.withCredentials(
                SourceOptions.Credentials.queryString(Map.of("token", "TOK"))), Map.of("TOK", "TOPSECRET-1")), "day0.nc");
        CacheInputs.Result r = fetchAll(job).get(0);
        assertThat(r.ok()).as(r.failure()).isTrue();
        assertThat(r.cachePath()).doesNotContain("TOPSECRET").endsWith("-day0.nc");
        assertThat(local(r.cachePath() + ".json")).content().doesNotContain("TOPSECRET").contains(server.url("day0.nc"));
        assertThat(CacheInputs.cachePath("s3a://b/c", "https://user:pw@h/x/a.nc"))
                .isEqualTo(CacheInputs.cachePath("s3a://b/c", "https://h/x/a.nc")).doesNotContain("pw");
    }

    @Test
    void planKeepsEachHostWithinItsConnectionLimit() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            urls.add("https://a.example/" + i + ".nc");
        }
        urls.add("ftp://b.example/x.nc");
        Recipe r = Recipe.builder(FilePattern.files("time", urls, 1)).build();
        List<List<InputFile>> groups = CacheInputs.plan(r.filePattern().inputs(), 3);
        assertThat(groups).hasSize(4);
        assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(11);
        assertThat(groups.stream().filter(g -> g.get(0).url().startsWith("https")).count()).isEqualTo(3);
        assertThat(groups).allMatch(g -> g.stream().map(f -> f.url().substring(0, 10)).distinct().count() == 1);
    }

    /** Once a host refused a whole round of retries, the run's other inputs of that host are not tried. */
    @Test
    void aDeadHostIsTriedOncePerRun() throws Exception {
        JobSpec job = job(SourceAccess.resolve(SourceOptions.DEFAULT.withRetries(1), Map.of()),
                "day0.nc", "day1.nc", "day2.nc");
        String host = "127.0.0.1:" + server.base().getPort();
        server.close();
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        List<CacheInputs.Result> first = CacheInputs.fetchGroup(inputs.subList(0, 2), job, "run-1", r -> { }, n -> { });
        assertThat(first.get(0).failure()).startsWith("connection refused by " + host + " (2 attempts over");
        assertThat(first.get(0).requests()).isEqualTo(2);
        assertThat(first.get(1).failure()).startsWith("not tried: connection refused by " + host);
        assertThat(first.get(1).requests()).isZero();
        assertThat(first).allMatch(r -> host.equals(r.hostDown()));
        // another task of the same run (another host group lane) skips it too; another run tries again
        List<CacheInputs.Result> lane = CacheInputs.fetchGroup(inputs.subList(2, 3), job, "run-1", r -> { }, n -> { });
        assertThat(lane.get(0).requests()).isZero();
        assertThat(CacheInputs.fetchGroup(inputs.subList(2, 3), job, "run-2", r -> { }, n -> { }).get(0).requests())
                .isEqualTo(2);

        List<CacheInputs.Result> all = new ArrayList<>(first);
        all.addAll(lane);
        assertThatThrownBy(() -> CacheInputs.requireAll(all, job.cacheRoot()))
                .hasMessageContaining("3 of 3 remote input(s)")
                .hasMessageContaining("connection refused by " + host + " (2 attempts over")
                .hasMessageContaining("none of its 3 input(s) could be fetched")
                .satisfies(e -> assertThat(e.getMessage().split("connection refused", -1)).hasSize(2));
    }
}
