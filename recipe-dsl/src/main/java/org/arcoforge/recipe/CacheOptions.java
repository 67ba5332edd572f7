package org.arcoforge.recipe;

import java.io.Serializable;

/**
 * The input cache: remote inputs (http, https, ftp) are copied once into {@code root}, on any
 * Hadoop filesystem, and read from there. With {@code enabled} false they are read in place with
 * range requests. Not part of {@link Recipe#fingerprint()}: it does not change the output.
 *
 * @param root where cached copies go (a path or URI), or null for the default beside the target
 */
public record CacheOptions(boolean enabled, String root) implements Serializable {
    public static final CacheOptions DEFAULT = new CacheOptions(true, null);
    public static final CacheOptions OFF = new CacheOptions(false, null);

    public static CacheOptions at(String root) {
        return new CacheOptions(true, root);
    }
}
