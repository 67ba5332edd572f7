package org.arcoforge.zarr;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.arcoforge.io.ByteSources;
import org.arcoforge.io.HadoopConfs;

/**
 * A Zarr store on any Hadoop FileSystem (file://, hdfs://, s3a://, ...). Only the URI and the
 * configuration properties are serialized; the FileSystem is rebuilt lazily on each executor.
 */
public final class HadoopZarrStore implements ZarrStore {
    private static final long serialVersionUID = 1L;

    private final String uri;
    private final Map<String, String> properties;
    private transient volatile FileSystem fs;
    private transient volatile Path root;

    /**
     * @param uri        "/abs/path", "file:///abs/path", "hdfs://...", "s3a://bucket/path", ...
     * @param properties Hadoop configuration properties (credentials, endpoints)
     */
    public HadoopZarrStore(String uri, Map<String, String> properties) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("store URI is empty");
        }
        this.uri = uri;
        this.properties = new LinkedHashMap<>(properties == null ? Map.of() : properties);
    }

    public HadoopZarrStore(String uri) {
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

    static void checkKey(String key) {
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
        try (OutputStream out = fileSystem().create(p, true)) {
            out.write(value, 0, length);
        } catch (IOException e) {
            throw failure("write", key, e);
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

    private UncheckedIOException failure(String what, String key, IOException e) {
        return new UncheckedIOException("cannot " + what + " '" + key + "' in Zarr store " + uri + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "HadoopZarrStore[" + uri + "]";
    }
}
