package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * Planner step 3: time variables along the concat dimension (CF time units) re-encoded into one
 * set of units and calendar, the first input's unless {@code target} names others; their bounds
 * follow them. An integer variable whose re-encoding is not integral becomes float64.
 */
final class TimeEncoding {
    private TimeEncoding() {
    }

    /** Units such as "days since 1981-01-01" and a CF calendar (null: standard). */
    record Units(String units, Object calendar) {
    }

    /**
     * @param target the units to store time in; null keeps each variable's units of the first input
     * @throws PlanException naming the input whose units cannot be re-encoded
     */
    static Map<String, VariableSpec> reencode(PatternGrid grid, Map<String, VariableSpec> vars, Units target) {
        if (grid.concatDim() == null) {
            return vars;
        }
        Map<String, VariableSpec> out = new LinkedHashMap<>(vars);
        List<String> timeVars = new ArrayList<>();
        for (VariableSpec v : vars.values()) {
            if (v.alongConcat() && CfTime.isTimeUnits(v.first().attributes().get("units"))) {
                timeVars.add(v.name());
            }
        }
        Map<String, List<ValueTransform>> transforms = new HashMap<>();
        for (String name : timeVars) {
            VariableSpec t = vars.get(name);
            Units to = target != null ? target
                    : new Units((String) t.first().attributes().get("units"), t.first().attributes().get("calendar"));
            List<ValueTransform> ts = transformsOf(grid, t, to, target != null);
            transforms.put(name, ts);
            out.put(name, withUnits(t, ts, target));
        }
        for (String name : timeVars) {
            Object b = vars.get(name).first().attributes().get("bounds");
            VariableSpec bounds = b instanceof String s ? vars.get(s) : null;
            // Bounds carrying time units of their own were handled above.
            if (bounds != null && bounds.alongConcat() && !timeVars.contains(bounds.name())) {
                out.put(bounds.name(), bounds.withTransforms(transforms.get(name), bounds.dtype()));
            }
        }
        for (Map.Entry<String, VariableSpec> e : out.entrySet()) {
            VariableSpec v = e.getValue();
            if (v.transforms() != null && v.dtype().isInteger() && !allIntegral(v.transforms())) {
                e.setValue(v.withTransforms(v.transforms(), DType.FLOAT64));
            }
        }
        return VariableSpec.byName(out.values());
    }

    private static VariableSpec withUnits(VariableSpec t, List<ValueTransform> ts, Units target) {
        VariableSpec v = t.withTransforms(ts, t.dtype());
        if (target == null) {
            return v;
        }
        Map<String, Object> attrs = new LinkedHashMap<>(t.first().attributes());
        attrs.put("units", target.units());
        if (target.calendar() == null) {
            attrs.remove("calendar");
        } else {
            attrs.put("calendar", target.calendar());
        }
        return v.withEncoding(v.dtype(), attrs, SchemaCombination.fillValue(t.first()));
    }

    // Per concat position; null when every input already has the target units.
    private static List<ValueTransform> transformsOf(PatternGrid grid, VariableSpec t, Units to, boolean chosen) {
        String first = grid.at(0, t.mergeIndex()).input().url();
        ValueTransform[] out = new ValueTransform[grid.concatPositions()];
        Map<List<Object>, ValueTransform> cache = new HashMap<>();
        boolean any = false;
        for (int c = 0; c < grid.concatPositions(); c++) {
            InputMetadata im = grid.at(c, t.mergeIndex());
            Map<String, Object> attrs = im.dataset().variable(t.name()).attributes();
            Object units = attrs.get("units");
            Object cal = attrs.get("calendar");
            if (!(units instanceof String u)) {
                throw new PlanException(im.input().url() + ": variable '" + t.name() + "' has no units but " + first
                        + " has units '" + t.first().attributes().get("units") + "', so its values cannot be re-encoded.");
            }
            try {
                out[c] = cache.computeIfAbsent(Arrays.asList(u, cal), k -> CfTime.transform(u, cal, to.units(), to.calendar()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new PlanException(im.input().url() + ": variable '" + t.name() + "' has units '" + u + "' (calendar '"
                        + (cal == null ? "standard" : cal) + "') and cannot be re-encoded into the units '" + to.units()
                        + "'" + (chosen ? "" : " of " + first) + ": " + e.getMessage());
            }
            any |= !out[c].isIdentity();
        }
        return any ? Arrays.asList(out) : null;
    }

    static boolean allIntegral(List<ValueTransform> ts) {
        for (ValueTransform t : ts) {
            if (t.scale() != Math.rint(t.scale()) || t.offset() != Math.rint(t.offset())) {
                return false;
            }
        }
        return true;
    }
}
