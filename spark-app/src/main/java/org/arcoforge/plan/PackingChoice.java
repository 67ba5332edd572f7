package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Planner step 4: per-file packing ({@link PackingPlan}) for every variable, and the recipe's
 * {@code encoding} (dtype, attributes and fill value of the target).
 */
final class PackingChoice {
    private PackingChoice() {
    }

    /** @param warnings for the scientist: which inputs are packed differently */
    record Result(Map<String, VariableSpec> variables, List<String> warnings) {
        Result {
            variables = VariableSpec.byName(variables.values());
            warnings = List.copyOf(warnings);
        }
    }

    static Result apply(PatternGrid grid, Map<String, VariableSpec> vars, Map<String, VariableEncoding> encoding) {
        PackingPlan.checkNames(encoding.keySet(), vars.keySet());
        Map<String, VariableSpec> out = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (VariableSpec v : vars.values()) {
            int n = v.alongConcat() ? grid.concatPositions() : 1;
            List<DatasetVariable> dvs = new ArrayList<>(n);
            List<String> urls = new ArrayList<>(n);
            for (int c = 0; c < n; c++) {
                dvs.add(grid.at(c, v.mergeIndex()).dataset().variable(v.name()));
                urls.add(grid.at(c, v.mergeIndex()).input().url());
            }
            VariableEncoding e = encoding.get(v.name());
            PackingPlan.Result r = PackingPlan.plan(v.name(), dvs, urls, e);
            if (r.transforms() != null && v.transforms() != null) {
                throw new PlanException("variable '" + v.name() + "' has both other time units and other packing"
                        + " in some inputs (" + r.warning() + "); re-encoding both at once is not supported.");
            }
            VariableSpec next = r.transforms() != null ? v.withTransforms(Arrays.asList(r.transforms()), v.dtype()) : v;
            if (r.warning() != null) {
                warnings.add(r.warning());
            }
            if (e != null) {
                next = next.withEncoding(r.dtype(), keepUnits(r.attributes(), v.attrs()), r.fill());
            }
            out.put(v.name(), next);
        }
        return new Result(out, warnings);
    }

    // Time units a step before chose stay (the encoding's attributes start from the first input's).
    private static Map<String, Object> keepUnits(Map<String, Object> attrs, Map<String, Object> before) {
        if (before == null) {
            return attrs;
        }
        Map<String, Object> a = new LinkedHashMap<>(attrs);
        for (String k : List.of("units", "calendar")) {
            if (before.containsKey(k)) {
                a.put(k, before.get(k));
            } else {
                a.remove(k);
            }
        }
        return a;
    }
}
