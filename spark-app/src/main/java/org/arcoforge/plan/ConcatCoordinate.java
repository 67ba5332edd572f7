package org.arcoforge.plan;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.FragmentVariable;

/** Values of the concat coordinate known from the inputs' metadata, so no task has to read them. */
final class ConcatCoordinate {
    private final String concatDim;
    private final Map<String, Var> vars;
    private final InputMetadata[][] grid;
    private final int nConcat;
    private final long[] lengths;
    private final long[] offsets;

    ConcatCoordinate(String concatDim, Map<String, Var> vars, InputMetadata[][] grid, int nConcat, long[] lengths,
            long[] offsets) {
        this.concatDim = concatDim;
        this.vars = vars;
        this.grid = grid;
        this.nConcat = nConcat;
        this.lengths = lengths;
        this.offsets = offsets;
    }

    void precomputeConcatCoordinate() {
        Var v = concatDim == null ? null : vars.get(concatDim);
        if (v == null || !v.isDimensionCoordinate() || v.dtype == DType.CHAR || v.dtype == DType.STRING || v.shape[0] > Integer.MAX_VALUE - 8
                || v.transforms != null && Arrays.stream(v.transforms).anyMatch(t -> t.packing() != null)) {
            return;
        }
        for (int c = 0; c < nConcat; c++) {
            if (grid[c][v.mergeIndex].concatCoordinate() == null) {
                return;
            }
        }
        int n = (int) v.shape[0];
        Number fill = fillValue(v.first);
        boolean integral = v.dtype.isInteger() && (v.transforms == null || TimeTransforms.allIntegral(v.transforms));
        long[] asLong = integral ? new long[n] : null;
        double[] asDouble = integral ? null : new double[n];
        boolean unsigned = v.first.dtype().isUnsigned();
        for (int c = 0; c < nConcat; c++) {
            InputMetadata im = grid[c][v.mergeIndex];
            Object raw = im.concatCoordinate();
            if (!raw.getClass().isArray() || Array.getLength(raw) != lengths[c]) {
                throw new PlanException(im.input().url() + ": the values of coordinate '" + v.name + "' are not an array of "
                        + lengths[c] + " elements.");
            }
            ValueTransform t = v.transform(c);
            int base = (int) offsets[c];
            for (int i = 0; i < lengths[c]; i++) {
                if (integral) {
                    long x = ArrayValues.asLong(raw, i, unsigned);
                    boolean isFill = fill != null && x == fill.longValue();
                    asLong[base + i] = isFill ? x : x * (long) t.scale() + (long) t.offset();
                } else {
                    double x = ArrayValues.asDouble(raw, i, unsigned);
                    boolean isFill = fill != null && x == fill.doubleValue();
                    asDouble[base + i] = isFill ? x : t.apply(x);
                }
            }
        }
        if (integral) {
            if (!fits(asLong, v.dtype)) {
                // Re-encoded values outgrew the input's integer type.
                v.dtype = DType.INT64;
            }
            v.precomputed = fromLongs(asLong, v.dtype);
        } else if (v.dtype == DType.FLOAT32 && exactInFloat(asDouble)) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) asDouble[i];
            }
            v.precomputed = f;
        } else {
            v.dtype = DType.FLOAT64;
            v.precomputed = asDouble;
        }
    }

    private static boolean fits(long[] values, DType t) {
        long min;
        long max;
        switch (t) {
            case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case UINT8 -> { min = 0; max = 0xffL; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case UINT16 -> { min = 0; max = 0xffffL; }
            case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            case UINT32 -> { min = 0; max = 0xffffffffL; }
            default -> { return true; }
        }
        for (long v : values) {
            if (v < min || v > max) {
                return false;
            }
        }
        return true;
    }

    private static Object fromLongs(long[] values, DType t) {
        int n = values.length;
        Object out = t.newArray(n);
        for (int i = 0; i < n; i++) {
            switch (t.size()) {
                case 1 -> ((byte[]) out)[i] = (byte) values[i];
                case 2 -> ((short[]) out)[i] = (short) values[i];
                case 4 -> ((int[]) out)[i] = (int) values[i];
                default -> ((long[]) out)[i] = values[i];
            }
        }
        return out;
    }

    private static boolean exactInFloat(double[] values) {
        for (double v : values) {
            if ((double) (float) v != v && !Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    static Number fillValue(FragmentVariable v) {
        Object f = v.attributes().get("_FillValue");
        if (f instanceof List<?> l && l.size() == 1) {
            f = l.get(0);
        }
        return f instanceof Number n ? n : null;
    }
}
