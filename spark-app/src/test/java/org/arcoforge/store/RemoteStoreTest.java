package org.arcoforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.protocol.HdfsConstants;
import org.arcoforge.testinfra.MiniHdfs;
import org.arcoforge.testinfra.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@link HadoopStore} on s3a:// (s3proxy, a separate process) and hdfs:// (MiniDFSCluster). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteStoreTest {
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

    private static void exercise(KeyValueStore s) {
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
        HadoopStore store = new HadoopStore("s3a://" + bucket + "/a/b.zarr", s3.hadoopProperties());
        exercise(store);
        assertThat(Files.readString(s3.objectPath(bucket, "a/b.zarr/sst/0.1"))).isEqualTo("x");
        assertThat(Files.readString(s3.objectPath(bucket, "a/b.zarr/g/t/.zarray"))).isEqualTo("t");
    }

    @Test
    void s3aChunkWriteIsOnePutAndNoCopy() throws Exception {
        String bucket = s3.createBucket("requests");
        HadoopStore store = new HadoopStore("s3a://" + bucket + "/r.zarr", s3.hadoopProperties());
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
    void hdfsWriteOverQuotaLeavesTheOldValueAndNoPartialObject() throws Exception {
        DistributedFileSystem dfs = (DistributedFileSystem) hdfs.fileSystem();
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/quota");
        dfs.mkdirs(dir);
        // a real space quota: 2 blocks of 1 MiB (HDFS reserves a whole block per block being written)
        dfs.setQuota(dir, HdfsConstants.QUOTA_DONT_SET, 2 << 20);
        HadoopStore store = new HadoopStore(hdfs.uri() + "/quota/q.zarr", Map.of("dfs.blocksize", "1048576", "dfs.replication", "1",
                "fs.hdfs.impl.disable.cache", "true"));
        store.put("v/0.0", b("old value"));
        assertThat(store.renames()).isTrue();
        assertThatThrownBy(() -> store.put("v/0.0", new byte[3 << 20])).isInstanceOf(StoreException.class)
                .hasMessageContaining("'v/0.0'").hasMessageContaining("/quota/q.zarr");
        assertThat(store.get("v/0.0")).isEqualTo(b("old value"));
        assertThat(store.listIncludingTemporary("")).as("no temporary file left").containsExactly("v/0.0");
    }

    @Test
    void hdfsListingsSkipTemporaryFilesAndPutIfAbsentCreatesOnce() throws Exception {
        HadoopStore store = new HadoopStore(hdfs.uri() + "/stores/t.zarr", Map.of());
        store.put("v/0.0", b("x"));
        try (var out = hdfs.fileSystem().create(new org.apache.hadoop.fs.Path(hdfs.uri()
                + "/stores/t.zarr/v/.0.1.0123456789abcdef.tmp"))) {
            out.write(b("half"));
        }
        assertThat(store.list("")).containsExactly("v/0.0");
        assertThat(store.listIncludingTemporary("")).hasSize(2);
        assertThat(store.putIfAbsent(".lock", b("first"))).isTrue();
        assertThat(store.putIfAbsent(".lock", b("second"))).isFalse();
        assertThat(store.get(".lock")).isEqualTo(b("first"));
    }

    @Test
    void hdfsStore() throws Exception {
        HadoopStore store = new HadoopStore(hdfs.uri() + "/stores/c.zarr", Map.of());
        exercise(store);
        Path local = tmp.resolve("copy.zarr");
        hdfs.copyToLocal("/stores/c.zarr", local);
        assertThat(Files.readString(local.resolve("sst/0.1"))).isEqualTo("x");
    }
}
