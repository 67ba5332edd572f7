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
 * Values of NetCDF-3 variables by positioned reads of their big-endian bytes and bulk decoding: one
 * read per contiguous run (a whole record of a record variable when the read covers it), straight
 * into the caller's array or byte planes. netcdf-java 4.5 reads the same data a value at a time
 * through its RandomAccessFile and copies it once more into a C-order array (84% of a NetCDF-3
 * store task's time in a JFR profile, bench/kinds.sh nc3). Not thread-safe (one reusable buffer).
 */
final class Nc3Reader {
    /** Largest single positioned read. */
    private static final int MAX_READ = 8 << 20;

    private final ByteSource src;
    private final Nc3Header.Parsed header;
    private final java.util.Map<String, Nc3Header.Var> byName = new java.util.HashMap<>();
    private byte[] buffer = new byte[0];

    Nc3Reader(ByteSource src, Nc3Header.Parsed header) {
        this.src = src;
        this.header = header;
        header.vars().forEach(v -> byName.put(v.name(), v));
    }

    /** A reader of a classic or 64-bit offset file that netcdf-java opened; null when its header does not parse. */
    static Nc3Reader open(ByteSource src) {
        try {
            return new Nc3Reader(src, Nc3Header.parse(src));
        } catch (IOException | RuntimeException e) {
            return null; // netcdf-java reads it, as before
        }
    }

    /** The header's variable of this name, or null. */
    Nc3Header.Var var(String name) {
        return byName.get(name);
    }

    /**
     * Writes the values of {@code start + [0, count)} of {@code hv} (of {@code shape}, within it) in
     * C order to {@code dst} (a primitive array of the dtype's Java type, or {@link BytePlanes})
     * from element {@code at} on.
     */
    void read(Nc3Header.Var hv, DType dtype, long[] shape, long[] start, int[] count, Object dst, int at)
            throws IOException {
        Nc3Layout layout = header.layout(hv);
        boolean rec = header.isRecord(hv);
        int lo = rec ? 1 : 0; // dimensions lo.. lie in C order inside one record
        int records = rec ? count[0] : 1;
        int rank = shape.length;
        long[] inShape = Arrays.copyOfRange(shape, lo, rank);
        long[] inStart = Arrays.copyOfRange(start, lo, rank);
        int[] inCount = Arrays.copyOfRange(count, lo, rank);
        for (int r = 0; r < records; r++) {
            long base = rec ? layout.offset(start[0] + r) : layout.begin();
            BoxRuns runs = BoxRuns.into(inShape, inStart, inCount);
            while (runs.next()) {
                readRun(dtype, base + runs.src() * dtype.size(), runs.length(), dst, at);
                at += runs.length();
            }
        }
    }

    /** Whether {@code var}'s values can go by this reader into {@code dst} (null: a new array). */
    static boolean fits(Backend.Var var, Object dst) {
        DType t = var.dtype();
        if (t == null || t == DType.STRING || t == DType.CHAR) {
            return false;
        }
        return dst == null || (dst instanceof BytePlanes p ? p.dtype() == t : dst.getClass() == t.newArray(0).getClass());
    }

    /** {@link Backend#readInto} by this reader: false (nothing written) where {@link #fits} says no. */
    static boolean into(Nc3Reader reader, Nc3Header.Var hv, Backend.Var var, long[] start, int[] count, Object dst,
                        int dstOffset) throws IOException {
        if (reader == null || hv == null || !fits(var, dst)) {
            return false;
        }
        reader.read(hv, var.dtype(), var.shape(), start, count, dst, dstOffset);
        return true;
    }

    private void readRun(DType dtype, long offset, int elements, Object dst, int at) throws IOException {
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
                Hdf5ChunkReader.toPlanes(buffer, m * size, size, ByteOrder.BIG_ENDIAN, false, planes, at + done);
            } else {
                ElementValues.decode(buffer, m * size, size, ByteOrder.BIG_ENDIAN, false, dst, at + done);
            }
            done += m;
        }
    }
}
