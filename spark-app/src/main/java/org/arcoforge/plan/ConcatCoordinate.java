package org.arcoforge.plan;

import java.lang.reflect.Array;
import java.util.LinkedHashMap;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * Planner step 6: the values of the concat coordinate, known from the inputs' metadata (already
 * re-encoded, in the target dtype) so that no task has to read them. The coordinate's dtype widens
 * when re-encoded values need it.
 */
final class ConcatCoordinate {
    private ConcatCoordinate() {
    }

    /** The specs with the concat coordinate's values set, when every input gave them. */
    static Map<String, VariableSpec> compute(PatternGrid grid, Map<String, VariableSpec> vars) {
        String concatDim = grid.concatDim();
        VariableSpec v = concatDim == null ? null : vars.get(concatDim);
        if (v == null || !v.isDimensionCoordinate() || v.dtype() == DType.CHAR || v.dtype() == DType.STRING
                || v.shape()[0] > Integer.MAX_VALUE - 8
                || v.transforms() != null && v.transforms().stream().anyMatch(t -> t.packing() != null)) {
            return vars;
        }
        for (int c = 0; c < grid.concatPositions(); c++) {
            if (grid.at(c, v.mergeIndex()).concatCoordinate() == null) {
                return vars;
            }
        }
        Map<String, VariableSpec> out = new LinkedHashMap<>(vars);
        out.put(v.name(), values(grid, v));
        return VariableSpec.byName(out.values());
    }

    private static VariableSpec values(PatternGrid grid, VariableSpec v) {
        int n = (int) v.shape()[0];
        Number fill = SchemaCombination.fillValue(v.first());
        boolean integral = v.dtype().isInteger() && (v.transforms() == null || TimeEncoding.allIntegral(v.transforms()));
        long[] asLong = integral ? new long[n] : null;
        double[] asDouble = integral ? null : new double[n];
        boolean unsigned = v.first().dtype().isUnsigned();
        for (int c = 0; c < grid.concatPositions(); c++) {
            InputMetadata im = grid.at(c, v.mergeIndex());
            Object raw = im.concatCoordinate();
            long length = grid.length(c);
            if (!raw.getClass().isArray() || Array.getLength(raw) != length) {
                throw new PlanException(im.input().url() + ": the values of coordinate '" + v.name() + "' are not an array of "
                        + length + " elements.");
            }
            ValueTransform t = v.transform(c);
            int base = (int) grid.offset(c);
            for (int i = 0; i < length; i++) {
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
            // Re-encoded values may outgrow the input's integer type.
            DType d = fits(asLong, v.dtype()) ? v.dtype() : DType.INT64;
            return v.withValues(d, fromLongs(asLong, d));
        }
        if (v.dtype() == DType.FLOAT32 && exactInFloat(asDouble)) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) asDouble[i];
            }
            return v.withValues(v.dtype(), f);
        }
        return v.withValues(DType.FLOAT64, asDouble);
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
}
