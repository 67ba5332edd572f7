package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/** Re-encodes time variables along the concat dimension into the first input's units and calendar. */
final class TimeTransforms {
    private final String concatDim;
    private final Map<String, Var> vars;
    private final InputMetadata[][] grid;
    private final int nConcat;

    TimeTransforms(String concatDim, Map<String, Var> vars, InputMetadata[][] grid, int nConcat) {
        this.concatDim = concatDim;
        this.vars = vars;
        this.grid = grid;
        this.nConcat = nConcat;
    }

    void timeTransforms() {
        if (concatDim == null) {
            return;
        }
        Map<String, Var> boundsOf = new LinkedHashMap<>();
        List<Var> timeVars = new ArrayList<>();
        for (Var v : vars.values()) {
            if (v.alongConcat() && CfTime.isTimeUnits(v.first.attributes().get("units"))) {
                timeVars.add(v);
            }
        }
        for (Var t : timeVars) {
            t.transforms = transformsOf(t);
        }
        for (Var t : timeVars) {
            Object b = t.first.attributes().get("bounds");
            Var bounds = b instanceof String s ? vars.get(s) : null;
            // Bounds carrying time units of their own were handled above.
            if (bounds != null && bounds.alongConcat() && !timeVars.contains(bounds)) {
                bounds.transforms = t.transforms;
            }
        }
        for (Var v : vars.values()) {
            if (v.transforms != null && v.dtype.isInteger() && !allIntegral(v.transforms)) {
                v.dtype = DType.FLOAT64;
            }
        }
    }

    private ValueTransform[] transformsOf(Var t) {
        Map<String, Object> firstAttrs = t.first.attributes();
        String units0 = (String) firstAttrs.get("units");
        Object cal0 = firstAttrs.get("calendar");
        ValueTransform[] out = new ValueTransform[nConcat];
        Map<List<Object>, ValueTransform> cache = new HashMap<>();
        boolean any = false;
        for (int c = 0; c < nConcat; c++) {
            InputMetadata im = grid[c][t.mergeIndex];
            Map<String, Object> attrs = im.fragment().variable(t.name).attributes();
            Object units = attrs.get("units");
            Object cal = attrs.get("calendar");
            if (!(units instanceof String u)) {
                throw new PlanException(im.input().url() + ": variable '" + t.name + "' has no units but " + grid[0][t.mergeIndex].input().url()
                        + " has units '" + units0 + "', so its values cannot be re-encoded.");
            }
            try {
                out[c] = cache.computeIfAbsent(Arrays.asList(u, cal), k -> CfTime.transform(u, cal, units0, cal0));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new PlanException(im.input().url() + ": variable '" + t.name + "' has units '" + u + "' (calendar '"
                        + (cal == null ? "standard" : cal) + "') and cannot be re-encoded into the units '" + units0
                        + "' of " + grid[0][t.mergeIndex].input().url() + ": " + e.getMessage());
            }
            any |= !out[c].isIdentity();
        }
        return any ? out : null;
    }

    static boolean allIntegral(ValueTransform[] ts) {
        for (ValueTransform t : ts) {
            if (t.scale() != Math.rint(t.scale()) || t.offset() != Math.rint(t.offset())) {
                return false;
            }
        }
        return true;
    }
}
