package org.arcoforge.plan;

import java.io.Serializable;

/**
 * new = old * scale + offset, applied to raw values of one input when its time units differ from
 * the target's (e.g. "days since 1981-01-01" in one file, "days since 1982-01-01" in the next).
 */
public record ValueTransform(double scale, double offset) implements Serializable {
    public static final ValueTransform IDENTITY = new ValueTransform(1, 0);

    public boolean isIdentity() {
        return scale == 1 && offset == 0;
    }

    public double apply(double v) {
        return v * scale + offset;
    }
}
