package org.arcoforge.format.zarr2;

/** Zarr v2 chunk keys with the "." dimension separator. */
public final class ChunkKeys {
    private ChunkKeys() {
    }

    /** "name/i.j.k"; a 0-d array's only chunk is "name/0". An empty name means the store root. */
    public static String key(String name, long[] chunkIndex) {
        StringBuilder b = new StringBuilder();
        if (!name.isEmpty()) {
            b.append(name).append('/');
        }
        if (chunkIndex.length == 0) {
            return b.append('0').toString();
        }
        for (int d = 0; d < chunkIndex.length; d++) {
            if (d > 0) {
                b.append('.');
            }
            b.append(chunkIndex[d]);
        }
        return b.toString();
    }
}
