package org.arcoforge.store;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.HadoopConfs;
import org.arcoforge.source.NioLocalFileSystem;

/**
 * A key/value store on any Hadoop FileSystem (file://, hdfs://, s3a://, ...). Only the URI and the
 * configuration properties are serialized; the FileSystem is rebuilt lazily on each executor.
 *
 * <p>No reader ever sees a partial object: on file:// and hdfs:// every value is written to a
 * {@link TempNames temporary name} in its folder and renamed over the final name (an atomic
 * replace); on object stores (s3a, gs) one PUT is already all or nothing. Listings skip
 * temporary names, which a killed writer may leave behind.
 */
public final class HadoopStore implements KeyValueStore {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final Map<String, String> properties;
    private transient volatile FileSystem fs;
    private transient volatile Path root;

    /**
     * @param uri        "/abs/path", "file:///abs/path", "hdfs://...", "s3a://bucket/path", ...
     * @param properties Hadoop configuration properties (credentials, endpoints)
     */
    public HadoopStore(String uri, Map<String, String> properties) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("store URI is empty");
        }
        this.uri = uri;
        this.properties = new LinkedHashMap<>(properties == null ? Map.of() : properties);
    }

    public HadoopStore(String uri) {
        this(uri, Map.of());
    }

    @Override
    public String uri() {
        return uri;
    }

    /** The FileSystem behind the store (raw local FS for local paths). */
    public FileSystem fileSystem() {
        init();
        return fs;
    }

    /** The store's root folder. */
    public Path rootPath() {
        init();
        return root;
    }

    private void init() {
        if (fs != null) {
            return;
        }
        synchronized (this) {
            if (fs != null) {
                return;
            }
            Configuration conf = HadoopConfs.create(properties);
            try {
                URI parsed = localPath(uri) ? null : new URI(uri);
                boolean local = parsed == null || parsed.getScheme() == null || parsed.getScheme().equals("file");
                FileSystem f = ByteSources.fileSystem(local ? URI.create("file:///") : parsed, conf);
                // root first: fs != null is what other threads check
                root = f.makeQualified(local ? new Path(new File(parsed == null ? uri : parsed.getPath()).getAbsolutePath())
                        : new Path(parsed));
                fs = f;
            } catch (Exception e) {
                throw new IllegalStateException("cannot open Zarr store " + uri + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean localPath(String u) {
        return u.startsWith("/") || !u.contains(":");
    }

    private Path path(String key) {
        checkKey(key);
        return key.isEmpty() ? rootPath() : new Path(rootPath(), key);
    }

    public static void checkKey(String key) {
        if (key == null || key.startsWith("/") || key.endsWith("/") && !key.isEmpty()) {
            throw new IllegalArgumentException("bad store key '" + key + "'");
        }
        if (!key.isEmpty()) {
            for (String seg : key.split("/", -1)) {
                if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                    throw new IllegalArgumentException("bad store key '" + key + "'");
                }
            }
        }
    }

    @Override
    public void put(String key, byte[] value) {
        put(key, value, value.length);
    }

    @Override
    public void put(String key, byte[] value, int length) {
        Path p = path(key);
        if (!renames()) {
            try (OutputStream out = fileSystem().create(p, true)) {
                out.write(value, 0, length);
            } catch (IOException | FSError e) {
                throw failure("write", key, e);
            }
            return;
        }
        Path tmp = temporary(p);
        try {
            writeFile(tmp, value, length);
            replace(tmp, p);
        } catch (IOException | FSError e) {
            deleteQuietly(tmp);
            throw failure("write", key, e);
        }
    }

    /**
     * Writes a metadata document so that it is either complete or absent under its name: on
     * file:// and hdfs:// the temporary file is read back and compared before the rename, so a full
     * disk or a short write never leaves a truncated document behind.
     */
    @Override
    public void putMetadata(String key, byte[] value) {
        if (!renames()) {
            put(key, value);
            return;
        }
        Path p = path(key);
        Path tmp = temporary(p);
        try {
            writeFile(tmp, value, value.length);
            byte[] back;
            try (InputStream in = fileSystem().open(tmp)) {
                back = in.readAllBytes();
            }
            if (!Arrays.equals(back, value)) {
                throw new IOException("read back " + back.length + " bytes of the " + value.length + " written");
            }
            replace(tmp, p);
        } catch (IOException | FSError e) {
            deleteQuietly(tmp);
            throw failure("write", key, e);
        }
    }

    /**
     * Creates {@code key} with the value unless it exists, in one step where the filesystem can:
     * a hard link on file://, a rename without overwrite on hdfs://. Elsewhere (s3a, gs) the check
     * and the PUT are two requests, so two writers racing may both succeed.
     *
     * @return false when the key already existed
     */
    public boolean putIfAbsent(String key, byte[] value) {
        Path p = path(key);
        FileSystem f = fileSystem();
        if (!renames()) {
            try {
                if (f.exists(p)) {
                    return false;
                }
                try (OutputStream out = f.create(p, false)) {
                    out.write(value);
                }
                return true;
            } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
                return false;
            } catch (IOException | FSError e) {
                throw failure("create", key, e);
            }
        }
        Path tmp = temporary(p);
        try {
            writeFile(tmp, value, value.length);
            if (f instanceof NioLocalFileSystem local) {
                Files.createLink(local.pathToFile(p).toPath(), local.pathToFile(tmp).toPath());
            } else {
                ((DistributedFileSystem) f).rename(tmp, p, Options.Rename.NONE);
            }
            return true;
        } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException | FSError e) {
            throw failure("create", key, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The key's last modification time (ms since the epoch, the filesystem's clock), or -1 when absent. */
    public long modificationTime(String key) {
        try {
            return fileSystem().getFileStatus(path(key)).getModificationTime();
        } catch (FileNotFoundException e) {
            return -1;
        } catch (IOException e) {
            throw failure("check", key, e);
        }
    }

    /** Whether values are written under a temporary name and renamed (file://, hdfs://). */
    public boolean renames() {
        FileSystem f = fileSystem();
        return f instanceof NioLocalFileSystem || f instanceof DistributedFileSystem;
    }

    private static Path temporary(Path p) {
        return new Path(p.getParent(), TempNames.of(p.getName()));
    }

    private void writeFile(Path file, byte[] value, int length) throws IOException {
        try (OutputStream out = fileSystem().create(file, true)) {
            out.write(value, 0, length);
        }
    }

    /** Renames {@code tmp} over {@code p} in one step, replacing any file there. */
    private void replace(Path tmp, Path p) throws IOException {
        FileSystem f = fileSystem();
        if (f instanceof NioLocalFileSystem local) {
            local.rename(tmp, p, Options.Rename.OVERWRITE);
        } else {
            ((DistributedFileSystem) f).rename(tmp, p, Options.Rename.OVERWRITE);
        }
    }

    private void deleteQuietly(Path p) {
        try {
            fileSystem().delete(p, false);
        } catch (IOException | RuntimeException e) {
            // best effort: listings ignore temporary names, and finalize or --overwrite removes them
        }
    }

    @Override
    public byte[] get(String key) {
        Path p = path(key);
        try (InputStream in = fileSystem().open(p)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            return fileSystem().exists(path(key));
        } catch (IOException e) {
            throw failure("check", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            fileSystem().delete(path(key), false);
        } catch (FileNotFoundException e) {
            // already gone
        } catch (IOException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = listIncludingTemporary(prefix);
        keys.removeIf(TempNames::isTemporary);
        return keys;
    }

    /** As {@link #list}, with the temporary files of interrupted writes (see {@link TempNames}). */
    public List<String> listIncludingTemporary(String prefix) {
        Path p = path(prefix);
        List<String> keys = new ArrayList<>();
        try {
            FileStatus st;
            try {
                st = fileSystem().getFileStatus(p);
            } catch (FileNotFoundException e) {
                return keys;
            }
            if (st.isFile()) {
                keys.add(prefix);
                return keys;
            }
            RemoteIterator<LocatedFileStatus> it = fileSystem().listFiles(p, true);
            while (it.hasNext()) {
                keys.add(relative(it.next().getPath()));
            }
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
        Collections.sort(keys);
        return keys;
    }

    @Override
    public List<String> listDirectories(String prefix) {
        Path p = path(prefix);
        List<String> names = new ArrayList<>();
        try {
            for (FileStatus st : fileSystem().listStatus(p)) {
                if (st.isDirectory()) {
                    names.add(st.getPath().getName());
                }
            }
        } catch (FileNotFoundException e) {
            return names;
        } catch (IOException e) {
            throw failure("list", prefix, e);
        }
        Collections.sort(names);
        return names;
    }

    private String relative(Path file) {
        String base = rootPath().toUri().getPath();
        String full = file.toUri().getPath();
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        if (!full.startsWith(base)) {
            throw new IllegalStateException("listed " + file + " outside store " + uri);
        }
        return full.substring(base.length());
    }

    private UncheckedIOException failure(String what, String key, Throwable t) {
        // Hadoop's local filesystem reports a failed write (a full disk) as an FSError around the IOException
        IOException e = t instanceof IOException io ? io
                : t.getCause() instanceof IOException io ? io : new IOException(t.getMessage(), t);
        return new StoreException("cannot " + what + " '" + key + "' in Zarr store " + uri + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "HadoopStore[" + uri + "]";
    }

    /** Which settings an object store needs, for when opening it failed. */
    public static String settingsHint(String uri) {
        if (uri.startsWith("gs:")) {
            return " (Google Cloud Storage needs credentials: --hadoop fs.gs.auth.service.account.json.keyfile=KEY.json,"
                    + " or GOOGLE_APPLICATION_CREDENTIALS, or the VM's service account on Google Cloud;"
                    + " see the README's section on targets)";
        }
        if (uri.startsWith("s3a:")) {
            return " (S3 needs --hadoop fs.s3a.access.key=... and fs.s3a.secret.key=... or a credentials provider,"
                    + " and fs.s3a.endpoint for servers other than AWS; see the README's section on targets)";
        }
        return "";
    }
}
