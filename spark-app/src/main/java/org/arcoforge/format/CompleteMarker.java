package org.arcoforge.format;

/** What an unfinished store lacks, for messages: v2's {@code .zmetadata}, v3's consolidated metadata. */
public final class CompleteMarker {
    private CompleteMarker() {
    }

    /** "no .zmetadata" (Zarr v2) or "no consolidated metadata in its root zarr.json" (Zarr v3). */
    public static String missing(int zarrFormat) {
        return zarrFormat == 3 ? "no consolidated metadata in its root zarr.json" : "no .zmetadata";
    }
}
