package org.arcoforge.stage;

import org.arcoforge.grid.BoxRuns;
import org.arcoforge.plan.ArrayValues;
import org.arcoforge.plan.ValueTransform;
import org.arcoforge.recipe.data.DType;

/**
 * Copies boxes between C-ordered primitive arrays (see {@link DType} for the array types), the
 * one data movement the store stage needs: a fragment of a piece read from an input into its
 * chunk buffer.
 */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * Copies the box {@code srcStart + [0, count)} of {@code src} (shape {@code srcShape}) to
     * {@code dstStart + [0, count)} of {@code dst} (shape {@code dstShape}), one contiguous run
     * at a time ({@link BoxRuns}). With an identity transform and equal array types runs are copied
     * whole; otherwise values go through double, which is exact for the time coordinates the transform exists for. Elements equal to
     * {@code fill} stay the fill value, except under a packing transform, which maps the input's own
     * missing values.
     */
    public static void copyBox(Object src, int[] srcShape, int[] srcStart, Object dst, int[] dstShape, int[] dstStart,
                               int[] count, ValueTransform transform, boolean srcUnsigned, Number fill) {
        BoxRuns r = BoxRuns.of(srcShape, srcStart, dstShape, dstStart, count);
        while (r.next()) {
            copyRun(src, (int) r.src(), dst, (int) r.dst(), r.length(), transform, srcUnsigned, fill);
        }
    }

    private static void copyRun(Object src, int s, Object dst, int d, int n, ValueTransform t, boolean srcUnsigned,
                                Number fill) {
        if ((t == null || t.isIdentity()) && src.getClass() == dst.getClass()) {
            System.arraycopy(src, s, dst, d, n);
            return;
        }
        ValueTransform tr = t == null ? ValueTransform.IDENTITY : t;
        if (tr.packing() != null) {
            // Re-packing maps the input's own missing values, whatever the target's fill is.
            ValueTransform.Packing p = tr.packing();
            for (int i = 0; i < n; i++) {
                set(dst, d + i, p.apply(ArrayValues.asDouble(src, s + i, p.inUnsigned())));
            }
            return;
        }
        double fillValue = fill == null ? Double.NaN : fill.doubleValue();
        for (int i = 0; i < n; i++) {
            double v = ArrayValues.asDouble(src, s + i, srcUnsigned);
            set(dst, d + i, v == fillValue ? v : tr.apply(v));
        }
    }

    private static void set(Object a, int i, double v) {
        if (a instanceof byte[] b) {
            b[i] = (byte) Math.round(v);
        } else if (a instanceof short[] s) {
            s[i] = (short) Math.round(v);
        } else if (a instanceof int[] x) {
            x[i] = (int) Math.round(v);
        } else if (a instanceof long[] l) {
            l[i] = Math.round(v);
        } else if (a instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) a)[i] = v;
        }
    }

    public static int product(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }
}
