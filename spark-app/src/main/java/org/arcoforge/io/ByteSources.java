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
    private ByteSources() {}

    // Parsing Hadoop's default XML resources costs milliseconds; do it once per JVM, copy after.
    private static final Configuration DEFAULTS = loaded(new Configuration());

    private static Configuration loaded(Configuration c) {
        c.size();
        return c;
    }

    /**
     * Opens a local path, a {@code file:} URI or any URI whose scheme Hadoop knows (hdfs, s3a, ...).
     * The file must exist; its length is checked now so that a missing file fails here.
     */
    public static ByteSource open(String uriOrPath, Map<String, String> hadoopConf) {
        URI uri = toUri(uriOrPath);
        String location = redact(uri);
        Configuration conf = new Configuration(DEFAULTS);
        hadoopConf.forEach(conf::set);
        try {
            FileSystem fs;
            if ("file".equals(uri.getScheme())) {
                // Raw local FS: no .crc side files are expected or checked.
                fs = FileSystem.getLocal(conf).getRawFileSystem();
            } else {
                fs = FileSystem.get(uri, conf);
            }
            HadoopByteSource src = new HadoopByteSource(fs, new Path(uri), location);
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
