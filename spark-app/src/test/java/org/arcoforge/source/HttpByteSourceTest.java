package org.arcoforge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.arcoforge.recipe.RecipeException;
import org.arcoforge.recipe.SourceOptions;
import org.arcoforge.testinfra.TestHttpServer;
import org.arcoforge.testinfra.TestHttpServer.ResetMidBody;
import org.arcoforge.testinfra.TestHttpServer.Slow;
import org.arcoforge.testinfra.TestHttpServer.StallMidBody;
import org.arcoforge.testinfra.TestHttpServer.Status;
import org.arcoforge.testinfra.TestHttpServer.Trickle;
import org.arcoforge.testinfra.TestHttpServer.TruncatedBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HttpByteSource against a real HTTP server in this JVM, with faults injected by the server. */
class HttpByteSourceTest {
    @TempDir
    Path dir;
    TestHttpServer server;
    byte[] data;

    @BeforeEach
    void start() throws Exception {
        data = new byte[300_000];
        new Random(7).nextBytes(data);
        Files.write(dir.resolve("a.bin"), data);
        for (int i = 0; i < 8; i++) {
            Files.write(dir.resolve("f" + i + ".bin"), Arrays.copyOf(data, 10_000 + i));
        }
        server = new TestHttpServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SourceAccess access(SourceOptions o, Map<String, String> env) {
        return SourceAccess.resolve(o, env);
    }

    private static SourceAccess fast() {
        return access(SourceOptions.DEFAULT.withRetries(3).withTimeoutSeconds(5), Map.of());
    }

    private HttpByteSource source(String name, SourceAccess a) {
        return new HttpByteSource(java.net.URI.create(server.url(name)), a);
    }

    @Test
    void lengthFromHeadAndExactRanges() throws Exception {
        HttpByteSource s = source("a.bin", fast());
        assertThat(s.length()).isEqualTo(data.length);
        assertThat(s.lastModified()).isNotNull();
        byte[] buf = new byte[1000];
        s.readFully(123_456, buf, 0, 1000);
        assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 123_456, 124_456));
        assertThat(s.read(data.length - 10, buf, 0, 1000)).isEqualTo(10);
        assertThat(s.read(data.length, buf, 0, 10)).isEqualTo(-1);
        assertThat(server.requestLog()).anyMatch(l -> l.contains("Range: bytes=123456-124455"));
        assertThat(server.count("HEAD", "/a.bin")).isEqualTo(1);
    }

    @Test
    void serviceUnavailableThenSuccessIsRetried() throws Exception {
        server.fault("a.bin", new Status(503, null), new Status(502, null), new Status(429, null));
        HttpByteSource s = source("a.bin", fast());
        byte[] buf = new byte[100];
        s.readFully(0, buf, 0, 100);
        assertThat(buf).isEqualTo(Arrays.copyOf(data, 100));
        assertThat(server.count("GET", "/a.bin")).isEqualTo(4);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        server.fault("a.bin", new Status(503, 2));
        HttpByteSource s = source("a.bin", fast());
        long t0 = System.nanoTime();
        s.readFully(0, new byte[10], 0, 10);
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(1.9);
    }

    @Test
    void givesUpAfterTheRetriesWithTheLastStatus() {
        server.fault("a.bin", new Status(503, null), new Status(503, null), new Status(500, null), new Status(503, null));
        HttpByteSource s = source("a.bin", access(SourceOptions.DEFAULT.withRetries(2), Map.of()));
        assertThatThrownBy(() -> s.readFully(0, new byte[10], 0, 10)).hasMessageContaining("HTTP 500");
        assertThat(server.count("GET", "/a.bin")).isEqualTo(3);
    }

    @Test
    void resetAndTruncatedBodiesAreRetried() throws Exception {
        server.fault("a.bin", new ResetMidBody(0.5), new TruncatedBody(0.3));
        HttpByteSource s = source("a.bin", fast());
        byte[] buf = new byte[50_000];
        s.readFully(1000, buf, 0, buf.length);
        assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 1000, 51_000));
        assertThat(server.count("GET", "/a.bin")).isEqualTo(3);
    }

    @Test
    void downloadResumesWithARangeAfterADroppedConnection() throws Exception {
        server.fault("a.bin", new TruncatedBody(0.4));
        HttpByteSource s = source("a.bin", fast());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> s.copyTo(0, out)).hasMessageContaining("connection closed after");
        int got = out.size();
        assertThat(got).isBetween(1, data.length - 1);
        s.copyTo(got, out);
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(server.requestLog()).anyMatch(l -> l.contains("Range: bytes=" + got + "-"));
        assertThat(server.bodyBytesSent()).isEqualTo(data.length);
    }

    @Test
    void slowResponseTimesOutAndIsRetried() throws Exception {
        server.fault("a.bin", new Slow(2500));
        HttpByteSource s = source("a.bin", access(SourceOptions.DEFAULT.withTimeoutSeconds(1).withRetries(2), Map.of()));
        s.readFully(0, new byte[10], 0, 10);
        assertThat(server.count("GET", "/a.bin")).isEqualTo(2);
    }

    private static SourceAccess oneSecond(int retries) {
        return access(SourceOptions.DEFAULT.withTimeoutSeconds(1).withRetries(retries), Map.of());
    }

    @Test
    void rangeReadWhoseBodyStallsIsRetried() {
        server.fault("a.bin", new StallMidBody(0.5, 30_000), new StallMidBody(0.5, 30_000));
        assertTimeoutPreemptively(Duration.ofSeconds(12), () -> {
            HttpByteSource once = source("a.bin", oneSecond(0));
            assertThatThrownBy(() -> once.readFully(1000, new byte[50_000], 0, 50_000))
                    .isInstanceOf(java.net.SocketTimeoutException.class)
                    .hasMessage("no data for 1 s from " + server.url("a.bin"));
            byte[] buf = new byte[50_000];
            source("a.bin", oneSecond(3)).readFully(1000, buf, 0, buf.length);
            assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 1000, 51_000));
        });
        assertThat(server.count("GET", "/a.bin")).isEqualTo(3);
    }

    @Test
    void downloadResumesWithARangeAfterAStall() {
        server.requireQuery(Map.of("token", "stall-secret"));
        server.fault("a.bin", new StallMidBody(0.4, 30_000), new StallMidBody(0.5, 30_000));
        SourceAccess a = access(SourceOptions.DEFAULT.withTimeoutSeconds(1).withRetries(3)
                .withCredentials(new SourceOptions.Credentials(null, null, null, Map.of("token", "T"))),
                Map.of("T", "stall-secret"));
        HttpByteSource s = source("a.bin", a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTimeoutPreemptively(Duration.ofSeconds(12), () -> {
            assertThatThrownBy(() -> s.copyTo(0, out)).hasMessageContaining("stalled after")
                    .hasMessageContaining("no data for 1 s from " + server.url("a.bin"))
                    .hasMessageNotContaining("stall-secret");
            // As the cache stage does: every attempt resumes where the previous one stopped.
            Retry.run(s.retries(), attempt -> {
                s.copyTo(out.size(), out);
                return null;
            });
        });
        assertThat(out.toByteArray()).isEqualTo(data);
        List<String> gets = server.requestLog().stream().filter(l -> l.startsWith("GET")).toList();
        assertThat(gets).hasSize(3);
        assertThat(gets.get(0)).doesNotContain("Range:");
        assertThat(gets.get(1)).contains("Range: bytes=" + (int) (data.length * 0.4) + "-");
        assertThat(gets.get(2)).containsPattern("Range: bytes=[1-9][0-9]*-");
        assertThat(server.bodyBytesSent()).isEqualTo(data.length);
    }

    @Test
    void slowButSteadyBodyIsNotCut() throws Exception {
        server.fault("a.bin", new Trickle(2_000, 200));
        HttpByteSource s = source("a.bin", oneSecond(0));
        byte[] buf = new byte[20_000];
        long t0 = System.nanoTime();
        s.readFully(5000, buf, 0, buf.length);
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThan(1.5);
        assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 5000, 25_000));
        assertThat(server.count("GET", "/a.bin")).isEqualTo(1);
    }

    @Test
    void notFoundIsNotRetried() {
        HttpByteSource s = source("nope.bin", fast());
        assertThatThrownBy(s::length).isInstanceOf(SourceNotFoundException.class)
                .hasMessageContaining(server.url("nope.bin")).hasMessageContaining("HTTP 404");
        assertThat(server.count("HEAD", "/nope.bin")).isEqualTo(1);
    }

    @Test
    void basicCredentialsComeFromTheEnvironment() throws Exception {
        server.requireBasic("scientist", "s3cret-pw");
        assertThatThrownBy(() -> source("a.bin", fast()).length()).isInstanceOf(InputException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("source.credentials");
        SourceAccess a = access(SourceOptions.DEFAULT.withCredentials(SourceOptions.Credentials.basic("U", "P")),
                Map.of("U", "scientist", "P", "s3cret-pw"));
        assertThat(source("a.bin", a).length()).isEqualTo(data.length);
        assertThat(a.toString()).doesNotContain("s3cret-pw").doesNotContain("scientist");
    }

    @Test
    void queryStringSecretsAndBearerTokenAreAddedAtRequestTime() throws Exception {
        server.requireQuery(Map.of("token", "tok/en+1"));
        server.requireBearer("bearer-xyz");
        SourceAccess a = access(SourceOptions.DEFAULT.withCredentials(new SourceOptions.Credentials(null, null, "B",
                Map.of("token", "T"))).withHeader("User-Agent", "arcoforge-test"), Map.of("T", "tok/en+1", "B", "bearer-xyz"));
        HttpByteSource s = source("a.bin", a);
        byte[] buf = new byte[10];
        s.readFully(5, buf, 0, 10);
        assertThat(s.location()).isEqualTo(server.url("a.bin")).doesNotContain("tok");
        assertThat(server.requestLog()).allMatch(l -> l.contains("token=tok%2Fen%2B1") && l.contains("arcoforge-test"));
        assertThat(a.scrub("GET /a.bin?token=tok%2Fen%2B1 bearer-xyz")).doesNotContain("tok%2F").doesNotContain("xyz");
    }

    @Test
    void missingVariablesAreNamedAllAtOnce() {
        SourceOptions o = SourceOptions.DEFAULT.withCredentials(new SourceOptions.Credentials("USER_V", "PASS_V", null,
                Map.of("token", "TOKEN_V")));
        assertThatThrownBy(() -> SourceAccess.resolve(o, Map.of("USER_V", "x")))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("PASS_V (source.credentials.password_env)")
                .hasMessageContaining("TOKEN_V (source.credentials.query_string_secrets.token)")
                .hasMessageNotContaining("USER_V");
    }

    @Test
    void redirectsAreFollowed() throws Exception {
        server.redirect("/old/a.bin", server.url("a.bin"));
        HttpByteSource s = source("old/a.bin", fast());
        assertThat(s.length()).isEqualTo(data.length);
        byte[] buf = new byte[10];
        s.readFully(0, buf, 0, 10);
        assertThat(buf).isEqualTo(Arrays.copyOf(data, 10));
    }

    @Test
    void perHostLimitHoldsInThisJvm() throws Exception {
        server.delayEveryRequest(80);
        SourceAccess a = access(SourceOptions.DEFAULT.withMaxConnectionsPerHost(2), Map.of());
        // Another port is another host key: a fresh semaphore for this test's server.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int k = i;
                fs.add(pool.submit(() -> source("f" + k + ".bin", a).length()));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(fs.get(i).get()).isEqualTo(10_000 + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.maxConcurrentRequests()).isEqualTo(2);
    }

    @Test
    void blockCacheTurnsSmallReadsIntoFewRequests() throws Exception {
        ByteSource s = ByteSources.open(server.url("a.bin"), Map.of(), fast());
        byte[] buf = new byte[100];
        for (int pos = 0; pos < 200_000; pos += 997) {
            s.readFully(pos, buf, 0, 100);
            assertThat(buf).isEqualTo(Arrays.copyOfRange(data, pos, pos + 100));
        }
        assertThat(server.count("GET", "/a.bin")).isEqualTo(1);
    }

    /** A stopped server: the host and port named (the JDK says "ConnectException: null"), one round of retries shown. */
    @Test
    void refusedConnectionNamesTheHostAndEndsInHostDown() throws Exception {
        String url = server.url("a.bin");
        int port = server.base().getPort();
        server.close();
        HttpByteSource s = new HttpByteSource(java.net.URI.create(url),
                access(SourceOptions.DEFAULT.withRetries(2).withTimeoutSeconds(5), Map.of()));
        try (RetryEvents.Shown shown = RetryEvents.shownOnConsole()) {
            assertThatThrownBy(s::length).isInstanceOf(HostDownException.class)
                    .hasMessageStartingWith("connection refused by 127.0.0.1:" + port + " (3 attempts over")
                    .satisfies(e -> assertThat(((HostDownException) e).host()).isEqualTo("127.0.0.1:" + port));
            assertThat(RetryEvents.pending()).contains("retrying 127.0.0.1:" + port
                    + ": attempt 2 of 3 failed (connection refused), next try in");
        }
    }
}
