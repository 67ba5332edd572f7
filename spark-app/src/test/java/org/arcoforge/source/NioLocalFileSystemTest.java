package org.arcoforge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;
import org.arcoforge.store.HadoopStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NioLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void filesAndFoldersGetTheModesAndStatusOfHadoopsOwnLocalFileSystem() throws IOException {
        Configuration conf = new Configuration();
        FileSystem stock = FileSystem.getLocal(conf).getRawFileSystem();
        FileSystem nio = NioLocalFileSystem.create(conf);
        for (FileSystem fs : List.of(stock, nio)) {
            Path base = new Path(dir.resolve(fs == nio ? "nio" : "stock").toUri());
            try (OutputStream out = fs.create(new Path(base, "a/b/chunk.0"), true)) {
                out.write(new byte[] {1, 2, 3});
            }
            fs.mkdirs(new Path(base, "c"), new FsPermission((short) 0750));
            fs.setPermission(new Path(base, "a/b/chunk.0"), new FsPermission((short) 0640));
        }
        for (String rel : List.of("a", "a/b", "a/b/chunk.0", "c")) {
            assertThat(Files.getPosixFilePermissions(dir.resolve("nio").resolve(rel))).as(rel)
                    .isEqualTo(Files.getPosixFilePermissions(dir.resolve("stock").resolve(rel)));
            FileStatus a = stock.getFileStatus(new Path(dir.resolve("stock").resolve(rel).toUri()));
            FileStatus b = nio.getFileStatus(new Path(dir.resolve("nio").resolve(rel).toUri()));
            assertThat(b.getPermission()).as(rel).isEqualTo(a.getPermission());
            assertThat(b.getOwner()).isEqualTo(a.getOwner());
            assertThat(b.getGroup()).isEqualTo(a.getGroup());
            assertThat(b.getLen()).isEqualTo(a.getLen());
            assertThat(b.isDirectory()).isEqualTo(a.isDirectory());
        }
        assertThat(nio.getFileStatus(new Path(dir.resolve("nio/a/b/chunk.0").toUri())).getPermission())
                .isEqualTo(new FsPermission((short) 0640));
        RemoteIterator<LocatedFileStatus> it = nio.listFiles(new Path(dir.resolve("nio").toUri()), true);
        assertThat(it.hasNext()).isTrue();
        LocatedFileStatus only = it.next();
        assertThat(only.getPath().getName()).isEqualTo("chunk.0");
        assertThat(only.getPermission()).isEqualTo(new FsPermission((short) 0640));
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void writingAndListingAStoreForksNoProcesses() throws IOException {
        // Hadoop's own raw local FS runs chmod for each file it creates and ls for each file it
        // lists (no native library here): 2 x 200 processes for this store.
        HadoopStore store = new HadoopStore(dir.resolve("s.zarr").toString());
        long before = forksSinceBoot();
        for (int i = 0; i < 200; i++) {
            store.put("v/" + i, new byte[] {(byte) i});
        }
        assertThat(store.list("v")).hasSize(200);
        assertThat(forksSinceBoot() - before).as("processes started on this machine meanwhile").isLessThan(100);
    }

    private static long forksSinceBoot() throws IOException {
        return Files.readAllLines(java.nio.file.Path.of("/proc/stat")).stream().filter(l -> l.startsWith("processes "))
                .mapToLong(l -> Long.parseLong(l.substring("processes ".length()).trim())).findFirst().orElseThrow();
    }
}
