package org.arcoforge.codec;

import java.util.Objects;
import org.arcoforge.recipe.data.DType;

/**
 * {@code elements} values of {@code dtype} laid out the way the shuffle filter (HDF5's and
 * numcodecs') lays them out: {@code dtype.size()} planes of {@code elements} bytes, plane s holding
 * the byte of significance s (little-endian) of every value. A shuffled NetCDF-4 chunk copies into
 * it plane by plane, and a shuffled Zarr chunk is these bytes compressed, so values pass from the
 * one to the other with no per-element work.
 */
public record BytePlanes(byte[] bytes, int elements, DType dtype) {
    public BytePlanes {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(dtype, "dtype");
        if ((long) elements * dtype.size() != bytes.length) {
            throw new IllegalArgumentException(bytes.length + " bytes do not hold " + elements + " " + dtype + " values");
        }
    }

    /** Offset in {@link #bytes} of plane {@code s}. */
    public int plane(int s) {
        return s * elements;
    }

    /** The values, written to {@code dst} (a primitive array of the dtype's Java type, at least {@link #elements} long). */
    public Object toValues(Object dst) {
        ElementValues.decode(bytes, bytes.length, dtype.size(), java.nio.ByteOrder.LITTLE_ENDIAN, true, dst, 0);
        return dst;
    }
}
