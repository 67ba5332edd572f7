package org.arcoforge.plan;

import java.io.Serializable;

/**
 * What one input's raw values go through on their way into the target. Time re-encoding:
 * new = old * scale + offset (e.g. "days since 1981-01-01" in one file, "days since 1982-01-01" in
 * the next). Packing re-encoding ({@link Packing}): decode with the input's own CF attributes,
 * encode with the target's.
 *
 * @param packing null unless the input's packing differs from the target's
 */
public record ValueTransform(double scale, double offset, Packing packing) implements Serializable {
    public static final ValueTransform IDENTITY = new ValueTransform(1, 0);

    public ValueTransform(double scale, double offset) {
        this(scale, offset, null);
    }

    public static ValueTransform of(Packing p) {
        return new ValueTransform(1, 0, p);
    }

    public boolean isIdentity() {
        return scale == 1 && offset == 0 && packing == null;
    }

    public double apply(double v) {
        return packing != null ? packing.apply(v) : v * scale + offset;
    }

    /**
     * CF decode then encode, as xarray does: value = raw * inScale + inOffset, missing where raw is
     * NaN or one of {@code inMissing} (the input's _FillValue and missing_value); then
     * (value - outOffset) / outScale, rounded half to even when {@code round} (integer targets,
     * NumPy's around), and {@code outFill} for missing.
     *
     * @param inUnsigned whether the input's dtype is unsigned (the store stage's arrays are signed Java types)
     * @param min      smallest raw value the target dtype holds (integer targets)
     * @param max      largest
     * @param input    the input's URL, for the error when a value does not fit
     * @param variable the variable's name, likewise
     */
    public record Packing(double inScale, double inOffset, double[] inMissing, double outScale, double outOffset,
                          boolean round, double outFill, double min, double max, boolean inUnsigned, String input,
                          String variable)
            implements Serializable {

        public boolean isMissing(double raw) {
            if (Double.isNaN(raw)) {
                return true;
            }
            for (double m : inMissing) {
                if (raw == m) {
                    return true;
                }
            }
            return false;
        }

        /** The target raw value, before the cast to the target dtype. */
        public double encode(double raw) {
            double decoded = raw * inScale + inOffset;
            double y = (decoded - outOffset) / outScale;
            return round ? Math.rint(y) : y;
        }

        public double apply(double raw) {
            if (isMissing(raw)) {
                return outFill;
            }
            double y = encode(raw);
            if (round && (y < min || y > max || Double.isNaN(y))) {
                throw new PlanException(input + ": a value of variable '" + variable + "' (raw " + raw
                        + ", decoded " + (raw * inScale + inOffset) + ") does not fit the target encoding"
                        + " (raw range " + (long) min + " to " + (long) max + "); set a wider dtype in the recipe's"
                        + " encoding, e.g. encoding: {" + variable + ": {dtype: float32}}");
            }
            if (y == outFill) {
                // Stored as is, a real value would read back as missing.
                throw new PlanException(input + ": a value of variable '" + variable + "' (raw " + raw + ", decoded "
                        + (raw * inScale + inOffset) + ") re-encodes to the target's _FillValue " + outFill
                        + " and would read back as missing; choose another _FillValue in the recipe's encoding, e.g."
                        + " encoding: {" + variable + ": {dtype: float32}}");
            }
            return y;
        }
    }
}
