package org.arcoforge.source;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The one place a Hadoop {@link Configuration} is built from the user's settings, for sources and
 * target alike: Hadoop caches one FileSystem per scheme and bucket in each JVM, created with the
 * configuration of whoever asked first, so both sides must ask with the same defaults.
 */
public final class HadoopConfs {
    private HadoopConfs() {}

    // Parsing Hadoop's default XML resources costs milliseconds; do it once per JVM, copy after.
    private static final Configuration DEFAULTS = loaded(new Configuration());

    private static Configuration loaded(Configuration c) {
        c.size();
        return c;
    }

    public static Configuration create(Map<String, String> settings) {
        Configuration conf = new Configuration(DEFAULTS);
        // We never create directory markers (no mkdirs), so deleting parent markers after every
        // PUT is a wasted request per chunk; an explicit user setting still wins.
        conf.set("fs.s3a.directory.marker.retention", "keep");
        settings.forEach(conf::set);
        return conf;
    }
}
