package org.arcoforge.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system (no .crc side files), with permissions set and read through
 * java.nio. Without Hadoop's native library, as in every run built from Maven, the stock one
 * forks a {@code chmod} for every file and folder it creates and an {@code ls} for every listed
 * file whose permissions are asked for: two processes per Zarr chunk. Not final: tests extend it
 * into a disk that fills up.
 */
public class NioLocalFileSystem extends RawLocalFileSystem {
    /** An initialized instance for {@code file:} paths. */
    public static NioLocalFileSystem create(Configuration conf) throws IOException {
        NioLocalFileSystem fs = new NioLocalFileSystem();
        fs.initialize(URI.create("file:///"), conf);
        return fs;
    }

    /**
     * A rename in one step ({@code rename(2)}): with {@link Options.Rename#OVERWRITE} an existing
     * file at {@code dst} is replaced atomically, where Hadoop's default deletes it first.
     */
    @Override
    public void rename(Path src, Path dst, Options.Rename... options) throws IOException {
        boolean overwrite = Arrays.asList(options).contains(Options.Rename.OVERWRITE);
        java.nio.file.Path from = pathToFile(src).toPath();
        java.nio.file.Path to = pathToFile(dst).toPath();
        if (overwrite) {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(from, to);
        }
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        add(set, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(set, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(set, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(pathToFile(p).toPath(), set);
    }

    private static void add(Set<PosixFilePermission> set, FsAction a, PosixFilePermission r, PosixFilePermission w,
                            PosixFilePermission x) {
        if (a.implies(FsAction.READ)) {
            set.add(r);
        }
        if (a.implies(FsAction.WRITE)) {
            set.add(w);
        }
        if (a.implies(FsAction.EXECUTE)) {
            set.add(x);
        }
    }

    /** Hadoop's own status (its listing asks for it per entry too), with ownership read through java.nio on first use. */
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return new NioFileStatus(super.getFileStatus(f), pathToFile(f).toPath());
    }

    // The stock status loads owner, group and permissions lazily by running ls.
    private static final class NioFileStatus extends FileStatus {
        private static final long serialVersionUID = 1L;
        private final transient java.nio.file.Path file;
        private volatile boolean loaded;

        NioFileStatus(FileStatus s, java.nio.file.Path file) {
            super(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(),
                    s.getAccessTime(), null, null, null, s.getPath());
            this.file = file;
        }

        @Override
        public FsPermission getPermission() {
            load();
            return super.getPermission();
        }

        @Override
        public String getOwner() {
            load();
            return super.getOwner();
        }

        @Override
        public String getGroup() {
            load();
            return super.getGroup();
        }

        private synchronized void load() {
            if (loaded || file == null) {
                return;
            }
            try {
                PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
                short mode = 0;
                for (PosixFilePermission p : a.permissions()) {
                    mode |= (short) (1 << (8 - p.ordinal()));
                }
                setPermission(new FsPermission(mode));
                setOwner(a.owner().getName());
                setGroup(a.group().getName());
                loaded = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the permissions of " + file, e);
            }
        }
    }
}
