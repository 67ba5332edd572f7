package org.arcoforge.testinfra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A one-datanode HDFS (MiniDFSCluster) inside the test JVM, on loopback, with its storage under a
 * given directory. Starts in a few seconds.
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final Configuration conf;

    private MiniHdfs(MiniDFSCluster cluster, Configuration conf) {
        this.cluster = cluster;
        this.conf = conf;
    }

    public static MiniHdfs start(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toAbsolutePath().toString());
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.setBoolean("dfs.permissions.enabled", false);
        MiniDFSCluster c = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        c.waitActive();
        return new MiniHdfs(c, conf);
    }

    /** "hdfs://127.0.0.1:PORT" (no trailing slash). */
    public String uri() {
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    /** A client for this cluster (shared, from Hadoop's FileSystem cache). */
    public FileSystem fileSystem() throws IOException {
        return FileSystem.get(URI.create(uri()), conf);
    }

    /** Copies a file or folder from HDFS to a local path (no .crc side files). */
    public void copyToLocal(String hdfsPath, Path local) throws IOException {
        FileSystem localFs = FileSystem.getLocal(conf).getRawFileSystem();
        boolean ok = FileUtil.copy(fileSystem(), new org.apache.hadoop.fs.Path(uri() + hdfsPath), localFs,
                new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()), false, conf);
        if (!ok) {
            throw new IOException("cannot copy " + uri() + hdfsPath + " to " + local);
        }
    }

    /** Copies a local file or folder into HDFS. */
    public void copyFromLocal(Path local, String hdfsPath) throws IOException {
        FileSystem localFs = FileSystem.getLocal(conf).getRawFileSystem();
        boolean ok = FileUtil.copy(localFs, new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()), fileSystem(),
                new org.apache.hadoop.fs.Path(uri() + hdfsPath), false, conf);
        if (!ok) {
            throw new IOException("cannot copy " + local + " to " + uri() + hdfsPath);
        }
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
