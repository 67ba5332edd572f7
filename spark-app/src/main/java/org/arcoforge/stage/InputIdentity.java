package org.arcoforge.stage;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.HadoopConfs;

/**
 * What tells, without reading it, that an input is still the file the metadata pass read: its size
 * and modification time, plus on a local disk the inode and status-change time (which a rewrite
 * sets even when the modification time is put back, e.g. {@code touch -r}) and on an object store
 * the ETag when the filesystem gives one. http/ftp inputs read in place have none (null): they are
 * always read again.
 */
final class InputIdentity {
    private InputIdentity() {
    }

    /** Size, modification time (ns on a local disk, ms elsewhere) and a tag (inode and ctime, or ETag). */
    record Id(long size, long modified, String tag) implements Serializable {
    }

    /** The identities of the locations (absent: none, e.g. not found: the read reports that). */
    static Map<String, Id> of(List<String> locations, Map<String, String> hadoopConf) {
        Map<String, Id> out = new HashMap<>();
        List<String> hadoop = new ArrayList<>();
        for (String loc : locations) {
            URI uri = URI.create(ByteSources.uriOf(loc));
            if ("file".equals(uri.getScheme())) {
                put(out, loc, local(Path.of(uri)));
            } else if (!ByteSources.isRemote(loc)) {
                hadoop.add(loc);
            }
        }
        if (!hadoop.isEmpty()) {
            out.putAll(hadoop(hadoop, hadoopConf));
        }
        return out;
    }

    private static void put(Map<String, Id> out, String loc, Id id) {
        if (id != null) {
            out.put(loc, id);
        }
    }

    static Id local(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return null;
            }
            String tag = String.valueOf(a.fileKey());
            try {
                tag += " ctime " + ((FileTime) Files.getAttribute(p, "unix:ctime")).to(TimeUnit.NANOSECONDS);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // not a Unix filesystem view: size, mtime and file key only
            }
            return new Id(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS), tag);
        } catch (IOException e) {
            return null;
        }
    }

    /** One status call per input, 16 at a time: on an object store each is a request. */
    private static Map<String, Id> hadoop(List<String> locations, Map<String, String> hadoopConf) {
        Map<String, Id> out = new ConcurrentHashMap<>();
        // one configuration and one filesystem per scheme and host, opened here rather than per input
        Configuration conf = HadoopConfs.create(hadoopConf);
        Map<String, FileSystem> filesystems = new HashMap<>();
        for (String loc : locations) {
            URI uri = URI.create(ByteSources.uriOf(loc));
            String host = uri.getScheme() + "://" + uri.getAuthority();
            if (!filesystems.containsKey(host)) {
                try {
                    filesystems.put(host, ByteSources.fileSystem(uri, conf));
                } catch (IOException e) {
                    filesystems.put(host, null); // no identity for its inputs: they are read again
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, locations.size()), r -> {
            Thread t = new Thread(r, "arcoforge-input-status");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String loc : locations) {
                done.add(pool.submit(() -> {
                    URI uri = URI.create(ByteSources.uriOf(loc));
                    FileSystem fs = filesystems.get(uri.getScheme() + "://" + uri.getAuthority());
                    if (fs == null) {
                        return;
                    }
                    try {
                        FileStatus st = fs.getFileStatus(new org.apache.hadoop.fs.Path(uri));
                        String tag = st instanceof EtagSource e && e.getEtag() != null ? "etag " + e.getEtag() : "";
                        if (st.isFile()) {
                            out.put(loc, new Id(st.getLen(), st.getModificationTime(), tag));
                        }
                    } catch (IOException | RuntimeException e) {
                        // no identity: the input is read again, and the read names any problem
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("interrupted while checking the inputs", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
