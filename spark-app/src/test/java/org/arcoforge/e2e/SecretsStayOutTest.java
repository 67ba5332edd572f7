package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.arcoforge.testinfra.TestHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants secrets in real environment variables of a separate arcoforge process (Spark's own logs
 * included in what it prints, stack traces on) and greps everything the runs leave behind for them.
 */
class SecretsStayOutTest {
    static final String TOKEN = "QTOKEN-planted-9x2q";
    static final String BEARER = "BEARER-planted-7c1z";

    @TempDir
    Path tmp;

    private record Proc(int code, String output) {
    }

    private Proc arcoforge(String... args) throws Exception {
        ProcessBuilder pb = RunRecipe.process(List.of(), args);
        pb.environment().put("DATA_TOKEN", TOKEN);
        pb.environment().put("DATA_BEARER", BEARER);
        Processes.Result r = Processes.run(pb, Duration.ofMinutes(3));
        return new Proc(r.exitCode(), r.output());
    }

    @Test
    void plantedSecretsAppearNowhere() throws Exception {
        Path archive = tmp.resolve("www");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), 3, 10, 20);
        try (TestHttpServer http = new TestHttpServer(archive)) {
            http.requireQuery(Map.of("token", TOKEN));
            http.requireBearer(BEARER);
            String credentials = """
                    source:
                      credentials: {bearer_token_env: DATA_BEARER, query_string_secrets: {token: DATA_TOKEN}}
                    """;
            String template = http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc");
            Path good = RunRecipe.writeRecipe(tmp, "good.yaml", RunRecipe.oisstRecipe(template, 3, "{time: 4}", credentials));
            // a day before the archive: its input is missing
            Path bad = RunRecipe.writeRecipe(tmp, "bad.yaml", RunRecipe.oisstRecipe(template, 3, "{time: 4}",
                    credentials + "cache: false\n").replace("start: 1981-09-01", "start: 1981-08-31"));
            Path cache = tmp.resolve("cache");

            Proc ok = arcoforge("run", good.toString(), "--target", tmp.resolve("good.zarr").toString(), "--cache",
                    cache.toString(), "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--debug");
            assertThat(ok.code()).as(ok.output()).isZero();
            Proc check = arcoforge("check", good.toString());
            assertThat(check.code()).as(check.output()).isZero();
            Proc failed = arcoforge("run", bad.toString(), "--target", tmp.resolve("bad.zarr").toString(),
                    "--master", "local[2]", "--conf", "spark.ui.enabled=false", "--debug");
            assertThat(failed.code()).isNotZero();
            assertThat(failed.output()).contains("oisst-avhrr-v02r01.19810831.nc").contains("not found");
            // The secrets were really used: the server refuses requests without them.
            assertThat(http.requestLog()).anyMatch(l -> l.contains(TOKEN));

            for (Proc p : List.of(ok, check, failed)) {
                assertThat(p.output()).doesNotContain(TOKEN).doesNotContain(BEARER);
            }
            List<Path> left = new ArrayList<>();
            try (Stream<Path> s = Files.walk(tmp)) {
                s.filter(f -> !f.startsWith(archive)).forEach(left::add);
            }
            assertThat(left).anyMatch(f -> f.toString().endsWith(".zmetadata")).anyMatch(f -> f.toString().endsWith(".json"));
            for (Path f : left) {
                assertThat(f.toString()).doesNotContain(TOKEN).doesNotContain(BEARER);
                if (Files.isRegularFile(f)) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(f.toString()).doesNotContain(TOKEN).doesNotContain(BEARER);
                }
            }
        }
    }
}
