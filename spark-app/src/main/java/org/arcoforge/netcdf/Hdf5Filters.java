package org.arcoforge.netcdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.arcoforge.codec.CodecRegistry;

/**
 * Which HDF5 filters the project decodes (deflate, shuffle, fletcher32, verified), and the error
 * for the others: found in the metadata pass, so a run stops before the store stage and says which
 * variable to drop.
 */
final class Hdf5Filters {
    static final int FLETCHER32 = 3;

    private Hdf5Filters() {}

    static boolean decodable(int id) {
        return id == Hdf5ChunkIndex.DEFLATE || id == Hdf5ChunkIndex.SHUFFLE || id == FLETCHER32;
    }

    static boolean decodable(Hdf5ChunkIndex index) {
        return index.filters().stream().allMatch(f -> decodable(f.id()));
    }

    static boolean hasChecksum(Hdf5ChunkIndex index) {
        return index.filters().stream().anyMatch(f -> f.id() == FLETCHER32);
    }

    static String name(int id) {
        return CodecRegistry.hdf5FilterName(id);
    }

    /** Why a variable with these filter ids cannot be read, or null when every filter is decodable. */
    static String unsupported(String variable, List<Integer> ids) {
        List<String> bad = new ArrayList<>();
        for (int id : ids) {
            if (!decodable(id)) {
                bad.add(name(id) + " (HDF5 filter id " + id + ")");
            }
        }
        if (bad.isEmpty()) {
            return null;
        }
        return "its data is compressed with " + String.join(" and ", bad) + ", which ARCO Forge cannot decode"
                + " (it decodes deflate, shuffle and fletcher32); leave the variable out with drop_variables: ["
                + variable + "]";
    }

    /** A chunk whose Fletcher-32 checksum does not match its bytes: the file is corrupt. */
    static final class ChecksumException extends IOException {
        ChecksumException(Hdf5ChunkIndex index, Hdf5ChunkIndex.Chunk chunk) {
            this(Arrays.toString(gridIndex(index, chunk)) + " (elements from " + Arrays.toString(chunk.origin())
                    + ", " + chunk.size() + " bytes at byte " + chunk.offset() + ")");
        }

        /** {@code chunk}: its index in the chunk grid and where it is. */
        ChecksumException(String chunk) {
            super("fletcher32 checksum mismatch in chunk " + chunk + ": the file is corrupt");
        }

        private static long[] gridIndex(Hdf5ChunkIndex index, Hdf5ChunkIndex.Chunk chunk) {
            int[] cs = index.chunkShape();
            long[] g = new long[cs.length];
            for (int d = 0; d < cs.length; d++) {
                g[d] = chunk.origin()[d] / cs[d];
            }
            return g;
        }
    }
}
