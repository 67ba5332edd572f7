package org.arcoforge.plan;

import java.lang.reflect.Array;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Inputs must share their coordinates other than the concat dimension: every 1-D coordinate named
 * like its dimension is compared, value by value (after its own scale_factor/add_offset), with the
 * first input that has it. The store keeps the first input's values, so a shifted grid would
 * silently relabel data. Pure: values come from the metadata stage.
 */
final class CoordinateCheck {
    private CoordinateCheck() {
    }

    /**
     * @param tolerance largest absolute difference allowed, in the coordinate's units (0: equal; NaN equals NaN)
     * @throws PlanException naming both files, the coordinate and the first differing index
     */
    static void check(List<InputMetadata> inputs, String concatDim, double tolerance) {
        Map<String, double[]> reference = new HashMap<>();
        Map<String, InputMetadata> from = new HashMap<>();
        for (InputMetadata im : inputs) {
            for (Map.Entry<String, Object> e : im.coordinates().entrySet()) {
                String name = e.getKey();
                if (name.equals(concatDim) || !e.getValue().getClass().isArray()) {
                    continue;
                }
                double[] values = decoded(im, name, e.getValue());
                double[] ref = reference.putIfAbsent(name, values);
                if (ref == null) {
                    from.put(name, im);
                    continue;
                }
                if (ref.length != values.length) {
                    throw new PlanException(im.input().url() + ": coordinate '" + name + "' has " + values.length
                            + " values but " + from.get(name).input().url() + " has " + ref.length + ".");
                }
                for (int i = 0; i < ref.length; i++) {
                    double a = ref[i];
                    double b = values[i];
                    boolean same = Double.isNaN(a) ? Double.isNaN(b) : Math.abs(a - b) <= tolerance;
                    if (!same) {
                        throw new PlanException(im.input().url() + ": coordinate '" + name + "' differs from "
                                + from.get(name).input().url() + " at index " + i + ": " + b + " instead of " + a
                                + (concatDim == null ? "" : "; only the concat dimension '" + concatDim + "' may differ")
                                + "; inputs must share the other coordinates" + (tolerance > 0
                                ? " (within coordinate_tolerance " + tolerance + ")"
                                : " (set coordinate_tolerance to allow small differences)") + ".");
                    }
                }
            }
        }
    }

    private static double[] decoded(InputMetadata im, String name, Object raw) {
        DatasetVariable v = im.dataset().has(name) ? im.dataset().variable(name) : null;
        double scale = 1;
        double offset = 0;
        boolean unsigned = false;
        if (v != null) {
            List<Double> s = PackingPlan.numbers(v.attributes().get("scale_factor"));
            List<Double> o = PackingPlan.numbers(v.attributes().get("add_offset"));
            scale = s.isEmpty() ? 1 : s.get(0);
            offset = o.isEmpty() ? 0 : o.get(0);
            unsigned = v.dtype().isUnsigned();
        }
        double[] out = new double[Array.getLength(raw)];
        for (int i = 0; i < out.length; i++) {
            out[i] = ArrayValues.asDouble(raw, i, unsigned) * scale + offset;
        }
        return out;
    }
}
