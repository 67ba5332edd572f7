package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.MiniHdfs;
import org.arcoforge.testinfra.S3ProxyServer;
import org.arcoforge.testinfra.TestFtpServer;
import org.arcoforge.testinfra.TestHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote sources into remote targets, every server real and started here: an archive served over
 * HTTP into an s3a store on s3proxy (input cache on s3a too), and over FTP into an hdfs store on
 * MiniDFSCluster (input cache on hdfs); each store checked with xarray, each warm re-run counted at
 * the source server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteIntoObjectStoreTest {
    private static final int DAYS = 5;

    @TempDir
    static Path tmp;
    List<Path> files;
    TestHttpServer http;
    TestFtpServer ftp;
    S3ProxyServer s3;
    MiniHdfs hdfs;

    @BeforeAll
    void start() throws Exception {
        files = SampleArchives.oisstDaily(tmp.resolve("www/oisst"), LocalDate.of(1981, 9, 1), DAYS, 20, 40);
        http = new TestHttpServer(tmp.resolve("www/oisst"));
        ftp = new TestFtpServer(tmp.resolve("www"), "oisst-reader", "ftp-Secret-91");
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
        hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
    }

    @AfterAll
    void stop() throws Exception {
        http.close();
        ftp.close();
        if (hdfs != null) {
            hdfs.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private Path recipe(String name, String template, String extra) throws Exception {
        return RunRecipe.writeRecipe(tmp, name + ".yaml", RunRecipe.oisstRecipe(template, DAYS, "{time: 2}", extra));
    }

    private static RunRecipe run(Map<String, String> env, Path recipe, String target, String cache, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("--cache", cache));
        args.addAll(extra);
        return RunRecipe.run(env, recipe, target, args);
    }

    private void assertIdentical(Path localCopy) throws Exception {
        XarrayCheck.assertIdentical(localCopy, RunRecipe.rows(files), "time",
                Map.of("sst", List.of(2, 1, 20, 40), "time", List.of(DAYS)), List.of(), tmp);
    }

    @Test
    void httpIntoS3aWithTheCacheOnS3a() throws Exception {
        String bucket = s3.createBucket("http-s3a");
        Path recipe = recipe("http-s3a", http.url("oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), "");
        String target = "s3a://" + bucket + "/stores/oisst.zarr";
        String cache = "s3a://" + bucket + "/cache";
        http.resetCounters();
        RunRecipe r = run(Map.of(), recipe, target, cache, s3.hadoopArgs());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(http.count("GET")).isEqualTo(DAYS);
        assertThat(r.out() + r.err()).doesNotContain(s3.secretKey());
        assertIdentical(s3.objectPath(bucket, "stores/oisst.zarr"));

        http.resetCounters();
        RunRecipe again = run(Map.of(), recipe, target, cache, s3.hadoopArgs());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(http.requestLog()).as("HTTP requests with a warm cache on s3a").isEmpty();
        assertIdentical(s3.objectPath(bucket, "stores/oisst.zarr"));
    }

    @Test
    void ftpIntoHdfsWithTheCacheOnHdfs() throws Exception {
        Path recipe = recipe("ftp-hdfs", ftp.url("oisst/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"), """
                source:
                  credentials: {username_env: FTP_USER, password_env: FTP_PASSWORD}
                """);
        Map<String, String> env = Map.of("FTP_USER", "oisst-reader", "FTP_PASSWORD", "ftp-Secret-91");
        String target = hdfs.uri() + "/stores/oisst.zarr";
        String cache = hdfs.uri() + "/cache";
        ftp.resetCounters();
        RunRecipe r = run(env, recipe, target, cache, List.of());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(ftp.count("RETR")).isEqualTo(DAYS);
        assertThat(r.out() + r.err()).doesNotContain("ftp-Secret-91");
        Path local = tmp.resolve("ftp-hdfs-copy.zarr");
        hdfs.copyToLocal("/stores/oisst.zarr", local);
        assertIdentical(local);

        ftp.resetCounters();
        RunRecipe again = run(env, recipe, target, cache, List.of());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(ftp.count("RETR")).as("FTP downloads with a warm cache on hdfs").isZero();
    }
}
