package org.arcoforge.zarr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.arcoforge.testinfra.MiniHdfs;
import org.arcoforge.testinfra.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopZarrStore} on s3a:// (s3proxy, a separate process) and hdfs:// (MiniDFSCluster). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteZarrStoreTest {
    @TempDir
    static Path tmp;
    S3ProxyServer s3;
    MiniHdfs hdfs;

    @BeforeAll
    void start() throws Exception {
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
        hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
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

    private static byte[] b(String s) {
        return s.getBytes();
    }

    private static void exercise(ZarrStore s) {
        assertThat(s.get(".zgroup")).isNull();
        assertThat(s.exists(".zgroup")).isFalse();
        assertThat(s.list("")).isEmpty();
        assertThat(s.listDirectories("")).isEmpty();
        s.put(".zgroup", b("{}"));
        s.put("sst/.zarray", b("a"));
        s.put("sst/0.0", b("chunk00"));
        s.put("sst/0.1", b("chunk01"));
        s.put("g/t/.zarray", b("t"));
        assertThat(s.get("sst/0.1")).isEqualTo(b("chunk01"));
        s.put("sst/0.1", b("x"));
        assertThat(s.get("sst/0.1")).isEqualTo(b("x"));
        assertThat(s.exists("sst/0.0")).isTrue();
        assertThat(s.list("")).containsExactly(".zgroup", "g/t/.zarray", "sst/.zarray", "sst/0.0", "sst/0.1");
        assertThat(s.list("sst")).containsExactly("sst/.zarray", "sst/0.0", "sst/0.1");
        assertThat(s.list("sst/0.0")).containsExactly("sst/0.0");
        assertThat(s.list("nope")).isEmpty();
        assertThat(s.listDirectories("")).containsExactly("g", "sst");
        assertThat(s.listDirectories("g")).containsExactly("t");
        s.delete("sst/0.0");
        s.delete("sst/0.0");
        assertThat(s.exists("sst/0.0")).isFalse();
        assertThat(s.get("sst/0.0")).isNull();
        s.put("empty", new byte[0]);
        assertThat(s.get("empty")).isEmpty();
    }

    @Test
    void s3aStoreKeepsKeysAsPlainObjects() throws Exception {
        String bucket = s3.createBucket("zarr");
        HadoopZarrStore store = new HadoopZarrStore("s3a://" + bucket + "/a/b.zarr", s3.hadoopProperties());
        exercise(store);
        assertThat(Files.readString(s3.objectPath(bucket, "a/b.zarr/sst/0.1"))).isEqualTo("x");
        assertThat(Files.readString(s3.objectPath(bucket, "a/b.zarr/g/t/.zarray"))).isEqualTo("t");
    }

    @Test
    void s3aChunkWriteIsOnePutAndNoCopy() throws Exception {
        String bucket = s3.createBucket("requests");
        HadoopZarrStore store = new HadoopZarrStore("s3a://" + bucket + "/r.zarr", s3.hadoopProperties());
        store.put(".zgroup", b("{}"));
        s3.resetCounts();
        for (int i = 0; i < 10; i++) {
            store.put("v/" + i + ".0", b("chunk" + i));
        }
        // s3a probes that the key is not a directory (one LIST), then PUTs: no temporary object,
        // no copy, no marker clean-up (HadoopConfs keeps markers, and we never make any).
        assertThat(s3.requests("PUT", "/" + bucket + "/r.zarr/v/")).isEqualTo(10);
        assertThat(s3.requestLog()).as("requests for 10 chunks").hasSize(20);
        assertThat(s3.requests("POST", "/")).isZero();
        assertThat(s3.requests("DELETE", "/")).isZero();
    }

    @Test
    void hdfsStore() throws Exception {
        HadoopZarrStore store = new HadoopZarrStore(hdfs.uri() + "/stores/c.zarr", Map.of());
        exercise(store);
        Path local = tmp.resolve("copy.zarr");
        hdfs.copyToLocal("/stores/c.zarr", local);
        assertThat(Files.readString(local.resolve("sst/0.1"))).isEqualTo("x");
    }
}
