package org.arcoforge.store;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Names of the temporary files an object is written to before it is renamed over its final name:
 * {@code .<name>.<16 hex digits>.tmp} in the same folder. Hidden (a leading dot) so that Zarr
 * readers skip them, and distinctive so that listings ignore them and clean-up removes only them.
 */
public final class TempNames {
    private static final Pattern TEMP = Pattern.compile("\\..+\\.[0-9a-f]{16}\\.tmp");

    private TempNames() {
    }

    /** A fresh temporary name for the file {@code name} (a last path segment). */
    static String of(String name) {
        return "." + name + "." + String.format("%016x", ThreadLocalRandom.current().nextLong()) + ".tmp";
    }

    /** Whether the last segment of {@code key} is a temporary name. */
    public static boolean isTemporary(String key) {
        return TEMP.matcher(key.substring(key.lastIndexOf('/') + 1)).matches();
    }
}
