package org.arcoforge.io;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens {@link ByteSource}s from paths and URIs. */
public final class ByteSources {
    /** Hadoop setting: bytes per read block on remote filesystems (suffixes k, m allowed). */
    public static final String BLOCK_SIZE = "arcoforge.read.block.size";
    /** Hadoop setting: read blocks kept per open file; 0 turns the block cache off. */
    public static final String BLOCK_COUNT = "arcoforge.read.block.count";
    static final long DEFAULT_BLOCK_SIZE = 4L << 20;
    static final int DEFAULT_BLOCK_COUNT = 4;

    private ByteSources() {}

    /**
     * Opens a local path, a {@code file:} URI or any URI whose scheme Hadoop knows (hdfs, s3a, ...).
     * The file must exist; its length is checked now so that a missing file fails here. Files on
     * remote filesystems are read in cached blocks ({@link #BLOCK_SIZE}, {@link #BLOCK_COUNT}).
     */
    public static ByteSource open(String uriOrPath, Map<String, String> hadoopConf) {
        URI uri = toUri(uriOrPath);
        String location = redact(uri);
        Configuration conf = HadoopConfs.create(hadoopConf);
        try {
            FileSystem fs;
            boolean local = "file".equals(uri.getScheme());
            if (local) {
                // Raw local FS: no .crc side files are expected or checked.
                fs = FileSystem.getLocal(conf).getRawFileSystem();
            } else {
                fs = FileSystem.get(uri, conf);
            }
            ByteSource src = new HadoopByteSource(fs, new Path(uri), location);
            int blocks = conf.getInt(BLOCK_COUNT, DEFAULT_BLOCK_COUNT);
            if (!local && blocks > 0) {
                src = new BlockCachingByteSource(src, blockSize(conf, location), blocks);
            }
            try {
                src.length();
            } catch (IOException | RuntimeException e) {
                src.close();
                throw e;
            }
            return src;
        } catch (FileNotFoundException e) {
            throw new InputException(location, "file not found", e);
        } catch (IOException e) {
            throw new InputException(location, "cannot open: " + e, e);
        }
    }

    private static int blockSize(Configuration conf, String location) {
        long size = conf.getLongBytes(BLOCK_SIZE, DEFAULT_BLOCK_SIZE);
        if (size < 4096 || size > (1L << 30)) {
            throw new InputException(location, BLOCK_SIZE + " = " + size + " bytes is outside 4k..1g");
        }
        return (int) size;
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
