package org.arcoforge.source;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens {@link ByteSource}s from paths and URIs: the one place a URI is mapped to a transport. */
public final class ByteSources {
    /** Hadoop setting: bytes per read block on Hadoop filesystems other than local (suffixes k, m allowed). */
    public static final String BLOCK_SIZE = "arcoforge.read.block.size";
    /** Hadoop setting: read blocks kept per open file on those filesystems; 0 turns the block cache off. */
    public static final String BLOCK_COUNT = "arcoforge.read.block.count";
    private ByteSources() {}

    /** As {@link #open(String, Map, SourceAccess)} without headers or credentials. */
    public static ByteSource open(String uriOrPath, Map<String, String> hadoopConf) {
        return open(uriOrPath, hadoopConf, SourceAccess.NONE);
    }

    /**
     * Opens an {@code http(s):} or {@code ftp:} URI (with {@code access}'s headers, credentials and
     * politeness), a local path, a {@code file:} URI or any URI whose scheme Hadoop knows (hdfs,
     * s3a, gs...). Remote and object-store sources are read through a block cache. The file must
     * exist; its length is checked now so that a missing file fails here.
     *
     * @throws SourceNotFoundException when it does not exist
     */
    public static ByteSource open(String uriOrPath, Map<String, String> hadoopConf, SourceAccess access) {
        URI uri = toUri(uriOrPath);
        if (isRemote(uri)) {
            RemoteSource remote = openRemote(uri, access);
            try {
                remote.length();
            } catch (IOException e) {
                closeQuietly(remote);
                throw new InputException(remote.location(), "cannot open: " + access.scrub(e.getMessage()), e);
            } catch (RuntimeException e) {
                closeQuietly(remote);
                throw e;
            }
            return new BlockCachedByteSource(remote);
        }
        Configuration conf = configuration(hadoopConf);
        ByteSource src = openHadoop(uri, conf);
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme();
        return "file".equals(scheme) ? src : blockCached(src, conf);
    }

    private static ByteSource blockCached(ByteSource src, Configuration conf) {
        int blocks = conf.getInt(BLOCK_COUNT, BlockCachedByteSource.DEFAULT_BLOCKS);
        long size = conf.getLongBytes(BLOCK_SIZE, BlockCachedByteSource.DEFAULT_BLOCK);
        if (size < 4096 || size > (1L << 30)) {
            closeQuietly(src);
            throw new InputException(src.location(), BLOCK_SIZE + " = " + size + " bytes is outside 4k..1g");
        }
        return blocks <= 0 ? src : new BlockCachedByteSource(src, (int) size, blocks);
    }

    /** True for inputs on a server (http, https, ftp), which the cache stage copies. */
    public static boolean isRemote(String uriOrPath) {
        return isRemote(toUri(uriOrPath));
    }

    static boolean isRemote(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return s.equals("http") || s.equals("https") || s.equals("ftp");
    }

    /** An http(s) or ftp source, not yet contacted. */
    public static RemoteSource openRemote(String url, SourceAccess access) {
        return openRemote(toUri(url), access);
    }

    static RemoteSource openRemote(URI uri, SourceAccess access) {
        String s = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null) {
            throw new InputException(display(uri), "not a valid " + s + " URL: it has no host");
        }
        return s.equals("ftp") ? new FtpByteSource(uri, access) : new HttpByteSource(uri, access);
    }

    /** Size and date of an input without reading it (HEAD, FTP SIZE/MDTM, file status). */
    public record Stat(String location, long size, java.time.Instant lastModified) {
    }

    /** @throws SourceNotFoundException when it does not exist; InputException when it cannot be reached */
    public static Stat stat(String uriOrPath, Map<String, String> hadoopConf, SourceAccess access) {
        URI uri = toUri(uriOrPath);
        if (isRemote(uri)) {
            RemoteSource r = openRemote(uri, access);
            try {
                return new Stat(r.location(), r.length(), r.lastModified());
            } catch (IOException e) {
                throw new InputException(r.location(), access.scrub(e.getMessage()), e);
            } finally {
                closeQuietly(r);
            }
        }
        try {
            FileSystem fs = fileSystem(uri, configuration(hadoopConf));
            org.apache.hadoop.fs.FileStatus st = fs.getFileStatus(new Path(uri));
            return new Stat(redact(uri), st.getLen(), java.time.Instant.ofEpochMilli(st.getModificationTime()));
        } catch (FileNotFoundException e) {
            throw new SourceNotFoundException(redact(uri), "file not found", e);
        } catch (IOException e) {
            throw new InputException(redact(uri), "cannot reach: " + e, e);
        }
    }

    static Configuration configuration(Map<String, String> hadoopConf) {
        return HadoopConfs.create(hadoopConf);
    }

    /** The Hadoop filesystem of a path or URI (raw, without .crc files, for local paths). */
    public static FileSystem fileSystem(String uriOrPath, Map<String, String> hadoopConf) throws IOException {
        return fileSystem(toUri(uriOrPath), configuration(hadoopConf));
    }

    /** A path or URI as a URI string ({@code file:} for local paths). */
    public static String uriOf(String uriOrPath) {
        return toUri(uriOrPath).toString();
    }

    /** A URL without user info, query kept (secrets are added at request time, never part of it). */
    public static String safeLocationKeepingQuery(String url) {
        return display(toUri(url));
    }

    /** scheme://host:port of a remote URL: the unit of the per-host connection limit. */
    public static String hostKey(String url) {
        return HostLimits.hostKey(toUri(url));
    }

    /** A path or URI fit for messages: no user info (password) and no query. */
    public static String safeLocation(String uriOrPath) {
        return redact(toUri(uriOrPath));
    }

    public static FileSystem fileSystem(URI uri, Configuration conf) throws IOException {
        if ("file".equals(uri.getScheme())) {
            // Raw local FS: no .crc side files are expected or checked.
            return NioLocalFileSystem.create(conf);
        }
        return FileSystem.get(uri, conf);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already failing or done
        }
    }

    private static ByteSource openHadoop(URI uri, Configuration conf) {
        String location = redact(uri);
        try {
            FileSystem fs = fileSystem(uri, conf);
            HadoopByteSource src = new HadoopByteSource(fs, new Path(uri), location);
            try {
                src.length();
            } catch (IOException | RuntimeException e) {
                src.close();
                throw e;
            }
            return src;
        } catch (FileNotFoundException e) {
            throw new SourceNotFoundException(location, "file not found", e);
        } catch (IOException e) {
            throw new InputException(location, "cannot open: " + e, e);
        }
    }

    static URI toUri(String uriOrPath) {
        // A scheme of one letter is a Windows drive, not a URI scheme.
        int colon = uriOrPath.indexOf(':');
        if (colon > 1 && uriOrPath.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            try {
                return new URI(uriOrPath);
            } catch (URISyntaxException e) {
                throw new InputException(uriOrPath, "not a valid URI: " + e.getMessage(), e);
            }
        }
        return new File(uriOrPath).getAbsoluteFile().toURI();
    }

    /** The URI without user info (it may hold a password); the query stays, secrets are never in it. */
    static String display(URI uri) {
        return withoutUserInfo(uri).toString();
    }

    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            throw new InputException(uri.getScheme() + "://" + uri.getHost(), "not a valid URI: " + e.getMessage(), e);
        }
    }

    /** The URI without user info or query (they may hold credentials). */
    static String redact(URI uri) {
        if (uri.getUserInfo() == null && uri.getQuery() == null) {
            return uri.toString();
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost() + uri.getPath();
        }
    }
}
