package org.arcoforge.format.reference;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An input's URL as fsspec (kerchunk's reader) understands it: local paths as {@code file:///abs},
 * {@code s3a://} as {@code s3://}; http(s), gs, hdfs, ftp as they are. Never with user info (a
 * password): credentials belong to the reader's own settings.
 */
public final class ReferenceUrls {
    private ReferenceUrls() {
    }

    public static String of(String uriOrPath) {
        if (uriOrPath.startsWith("/") || !uriOrPath.contains(":")) {
            return "file://" + new File(uriOrPath).getAbsolutePath();
        }
        try {
            URI u = new URI(uriOrPath);
            String scheme = u.getScheme();
            if ("file".equals(scheme)) {
                return "file://" + new File(u.getPath()).getAbsolutePath();
            }
            if ("s3a".equals(scheme) || "s3n".equals(scheme)) {
                scheme = "s3";
            }
            return new URI(scheme, null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + uriOrPath, e);
        }
    }
}
