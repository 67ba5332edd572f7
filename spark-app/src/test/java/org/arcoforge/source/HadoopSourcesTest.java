package org.arcoforge.source;

import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.netcdf.PythonReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.FileType;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.MiniHdfs;
import org.arcoforge.testinfra.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs on s3a:// (s3proxy) and hdfs:// (MiniDFSCluster) read through Hadoop positioned reads
 * give the same values as the local file, and the block cache keeps the number of GET requests
 * per file small (counted by s3proxy itself).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HadoopSourcesTest {
    @TempDir
    static Path tmp;
    S3ProxyServer s3;
    MiniHdfs hdfs;
    String bucket;
    Path nc4;
    Path sb3;

    @BeforeAll
    void start() throws Exception {
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
        hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
        bucket = s3.createBucket("inputs");
        nc4 = SampleArchives.oisstDaily(tmp.resolve("oisst"), LocalDate.of(1981, 9, 1), 1, 180, 360).get(0);
        sb3 = tmp.resolve("sb3.nc");
        PythonReference.run("make_h5_latest.py", sb3.toString());
        for (Path f : List.of(nc4, sb3)) {
            s3.upload(f, bucket, "in/" + f.getFileName());
            hdfs.copyFromLocal(f, "/in/" + f.getFileName());
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (hdfs != null) {
            hdfs.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private Map<String, String> s3conf(String... extra) {
        Map<String, String> m = new HashMap<>(s3.hadoopProperties());
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return m;
    }

    /** Metadata and every value of every variable, as ReadMetadata and DirectWriter read them. */
    private static Map<String, Object> readAll(String uri, Map<String, String> conf) {
        Map<String, Object> out = new HashMap<>();
        try (NetcdfInput in = NetcdfInput.open(uri, conf, FileType.AUTO)) {
            var md = in.metadata();
            out.put("_attributes", md.attributes());
            for (var v : md.variables().values()) {
                out.put(v.name() + ".attributes", v.attributes());
                out.put(v.name() + ".dims", v.dims());
                long[] shape = v.shape();
                int[] count = new int[shape.length];
                for (int d = 0; d < shape.length; d++) {
                    count[d] = Math.toIntExact(shape[d]);
                }
                out.put(v.name(), in.read(v.name(), new long[shape.length], count));
            }
        }
        return out;
    }

    private int gets(Path file, Map<String, String> conf) {
        s3.resetCounts();
        Map<String, Object> remote = readAll("s3a://" + bucket + "/in/" + file.getFileName(), conf);
        assertThat(remote).usingRecursiveComparison().isEqualTo(readAll(file.toString(), Map.of()));
        return s3.requests("GET", "/" + bucket + "/in/" + file.getFileName());
    }

    @Test
    void s3aInputsReadLikeLocalFilesWithFewGets() {
        for (Path f : List.of(nc4, sb3)) {
            int cached = gets(f, s3conf());
            int uncached = gets(f, s3conf(ByteSources.BLOCK_COUNT, "0"));
            System.out.printf("GET requests to read %s (%d bytes) from s3a: %d with the block cache, %d without%n",
                    f.getFileName(), f.toFile().length(), cached, uncached);
            assertThat(cached).as("one block covers the whole file").isEqualTo(1);
            assertThat(uncached).isGreaterThan(cached);
        }
    }

    @Test
    void hdfsInputsReadLikeLocalFiles() {
        for (Path f : List.of(nc4, sb3)) {
            assertThat(readAll(hdfs.uri() + "/in/" + f.getFileName(), Map.of())).usingRecursiveComparison()
                    .isEqualTo(readAll(f.toString(), Map.of()));
        }
    }

    @Test
    void missingObjectNamesTheUriAndNoSecret() {
        assertThatThrownBy(() -> NetcdfInput.open("s3a://" + bucket + "/in/nope.nc", s3conf(), FileType.AUTO))
                .isInstanceOf(InputException.class).hasMessageContaining("s3a://" + bucket + "/in/nope.nc")
                .hasMessageContaining("not found").message().doesNotContain(s3.secretKey());
    }
}
