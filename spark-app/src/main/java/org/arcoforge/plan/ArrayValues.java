package org.arcoforge.plan;

/**
 * One element of a primitive array (see {@link org.arcoforge.recipe.data.DType} for the array types) as a
 * long or a double, honouring the source type's signedness: the one reading rule of the planner's
 * precomputed coordinates and the store stage's converting copies.
 */
public final class ArrayValues {
    private ArrayValues() {
    }

    /** Element {@code i}; floating-point values are truncated; a uint64 keeps its bits (read it with unsigned ops). */
    public static long asLong(Object a, int i, boolean unsigned) {
        if (a instanceof byte[] b) {
            return unsigned ? Byte.toUnsignedLong(b[i]) : b[i];
        } else if (a instanceof short[] s) {
            return unsigned ? Short.toUnsignedLong(s[i]) : s[i];
        } else if (a instanceof int[] x) {
            return unsigned ? Integer.toUnsignedLong(x[i]) : x[i];
        } else if (a instanceof long[] l) {
            return l[i];
        } else if (a instanceof float[] f) {
            return (long) f[i];
        } else if (a instanceof double[] d) {
            return (long) d[i];
        }
        throw new IllegalArgumentException("not a numeric array: " + a.getClass().getSimpleName());
    }

    /** Element {@code i}; a uint64 above Long.MAX_VALUE becomes the nearest double, not a negative one. */
    public static double asDouble(Object a, int i, boolean unsigned) {
        if (a instanceof float[] f) {
            return f[i];
        } else if (a instanceof double[] d) {
            return d[i];
        } else if (a instanceof long[] l && unsigned && l[i] < 0) {
            long v = l[i];
            // Halve keeping the lowest bit as a sticky bit, so the conversion rounds once, correctly.
            return (double) ((v >>> 1) | (v & 1)) * 2.0;
        }
        return asLong(a, i, unsigned);
    }
}
