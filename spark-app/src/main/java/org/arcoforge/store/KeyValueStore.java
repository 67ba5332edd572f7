package org.arcoforge.store;

import java.io.Serializable;
import java.util.List;

/**
 * The storage below every target format: a flat map from keys to bytes. Keys use "/" between
 * path segments and never start with "/" (a Zarr v2 store's ".zgroup", "sst/.zarray", "sst/0.1.2").
 * It knows no format: the formats in {@code org.arcoforge.format} decide the keys and the bytes.
 */
public interface KeyValueStore extends Serializable {

    /** Writes the value, replacing any previous one. */
    void put(String key, byte[] value);

    /** Writes bytes {@code [0, length)} of the value (which the caller may reuse afterwards). */
    default void put(String key, byte[] value, int length) {
        put(key, length == value.length ? value : java.util.Arrays.copyOf(value, length));
    }

    /** Writes a small document (a format's metadata) so that it is complete under its key, or absent. */
    default void putMetadata(String key, byte[] json) {
        put(key, json);
    }

    /** The stored bytes, or null when the key is absent. */
    byte[] get(String key);

    boolean exists(String key);

    /** Removes the key; absent keys are ignored. */
    void delete(String key);

    /** Every key under the prefix ("" for the whole store), recursively, sorted. */
    List<String> list(String prefix);

    /** Names of the direct sub-folders of the prefix ("" for the root), sorted. */
    List<String> listDirectories(String prefix);

    /** Where the store lives (as given: it may hold user info). */
    String uri();

    /** {@link #uri()} fit for messages: without user info (a password) or query; a local path as given. */
    default String location() {
        String uri = uri();
        return uri.startsWith("/") ? uri : org.arcoforge.source.ByteSources.safeLocation(uri);
    }
}
