package org.arcoforge.netcdf;

import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.ElementValues;
import org.arcoforge.grid.BoxRuns;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.source.ByteSource;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Values of uncompressed, contiguously stored data (NetCDF-3 variables, contiguous HDF5 datasets)
 * by positioned reads and bulk decoding: one read per contiguous run (a whole record when the read
 * covers it), straight into the caller's array or byte planes. netcdf-java 4.5 reads such data a
 * value at a time through its RandomAccessFile and copies it once more into a C-order array: most
 * of a store task's time in JFR profiles of bench/kinds.sh nc3 and noleap. Not thread-safe (one
 * reusable buffer).
 */
final class ContiguousReader {
    /** Largest single positioned read. */
    private static final int MAX_READ = 8 << 20;

    private final ByteSource src;
    private byte[] buffer = new byte[0];

    ContiguousReader(ByteSource src) {
        this.src = src;
    }

    /** Whether values of {@code dtype} can go by this reader into {@code dst} (null: a new array). */
    static boolean fits(DType dtype, Object dst) {
        if (dtype == null || dtype == DType.STRING || dtype == DType.CHAR) {
            return false;
        }
        return dst == null || (dst instanceof BytePlanes p ? p.dtype() == dtype
                : dst.getClass() == dtype.newArray(0).getClass());
    }

    /**
     * Writes the values of {@code start + [0, count)} of a variable of {@code shape} in C order to
     * {@code dst} (a primitive array of the dtype's Java type, or {@link BytePlanes}) from element
     * {@code at} on. With {@code recordStride} > 0 the first dimension is a record dimension: record
     * r's values start at {@code begin + r * recordStride}; otherwise all values start at begin.
     */
    void read(long begin, long recordStride, ByteOrder order, DType dtype, long[] shape, long[] start, int[] count,
              Object dst, int at) throws IOException {
        boolean rec = recordStride > 0;
        int lo = rec ? 1 : 0; // dimensions lo.. lie in C order inside one record
        int records = rec ? count[0] : 1;
        int rank = shape.length;
        long[] inShape = Arrays.copyOfRange(shape, lo, rank);
        long[] inStart = Arrays.copyOfRange(start, lo, rank);
        int[] inCount = Arrays.copyOfRange(count, lo, rank);
        for (int r = 0; r < records; r++) {
            long base = rec ? begin + (start[0] + r) * recordStride : begin;
            BoxRuns runs = BoxRuns.into(inShape, inStart, inCount);
            while (runs.next()) {
                readRun(order, dtype, base + runs.src() * dtype.size(), runs.length(), dst, at);
                at += runs.length();
            }
        }
    }

    private void readRun(ByteOrder order, DType dtype, long offset, int elements, Object dst, int at)
            throws IOException {
        int size = dtype.size();
        int per = Math.max(1, MAX_READ / size);
        int want = Math.min(elements, per) * size;
        if (buffer.length < want) {
            buffer = new byte[want];
        }
        for (int done = 0; done < elements; ) {
            int m = Math.min(per, elements - done);
            src.readFully(offset + (long) done * size, buffer, 0, m * size);
            if (dst instanceof BytePlanes planes) {
                Hdf5ChunkReader.toPlanes(buffer, m * size, size, order, false, planes, at + done);
            } else {
                ElementValues.decode(buffer, m * size, size, order, false, dst, at + done);
            }
            done += m;
        }
    }
}
