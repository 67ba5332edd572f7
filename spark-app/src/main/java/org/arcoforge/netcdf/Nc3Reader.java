package org.arcoforge.netcdf;

import org.arcoforge.recipe.data.DType;
import org.arcoforge.source.ByteSource;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * NetCDF-3 values (big-endian, never compressed) by the project's own {@link ContiguousReader}
 * from the byte layout of {@link Nc3Header}: used for every NetCDF-3 file, also those netcdf-java
 * opens, whose value-at-a-time reads took 84% of a store task (JFR, bench/kinds.sh nc3).
 */
final class Nc3Reader {
    private final Nc3Header.Parsed header;
    private final ContiguousReader reader;
    private final Map<String, Nc3Header.Var> byName = new HashMap<>();

    Nc3Reader(ByteSource src, Nc3Header.Parsed header) {
        this.header = header;
        this.reader = new ContiguousReader(src);
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

    /** Whether {@code var}'s values can go by this reader into {@code dst} (null: a new array). */
    static boolean fits(Backend.Var var, Object dst) {
        return ContiguousReader.fits(var.dtype(), dst);
    }

    /**
     * Writes the values of {@code start + [0, count)} of {@code hv} (of {@code shape}, within it) in
     * C order to {@code dst} (a primitive array or byte planes) from element {@code at} on.
     */
    void read(Nc3Header.Var hv, DType dtype, long[] shape, long[] start, int[] count, Object dst, int at)
            throws IOException {
        Nc3Layout layout = header.layout(hv);
        long stride = header.isRecord(hv) ? Math.max(1, layout.recordStride()) : 0;
        reader.read(layout.begin(), stride, ByteOrder.BIG_ENDIAN, dtype, shape, start, count, dst, at);
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
}
