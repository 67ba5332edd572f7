package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Planner step 2: checks that the inputs fit together (dimension lengths, the same variables at
 * each merge position with the same dims and dtypes) and combines their variables into immutable
 * {@link VariableSpec}s, in the order of the first input (merge inputs in order), as
 * {@code xarray.open_mfdataset} would. {@link #target} turns the finished specs into the schema.
 */
final class SchemaCombination {
    private SchemaCombination() {
    }

    /**
     * @param dimLengths length of every dimension but the concat one
     * @param variables  by name, in order
     */
    record Combined(Map<String, Long> dimLengths, Map<String, VariableSpec> variables) {
        Combined {
            dimLengths = Collections.unmodifiableMap(new LinkedHashMap<>(dimLengths));
            variables = VariableSpec.byName(variables.values());
        }

        /** A dimension's length in the target, the concat dimension's included. */
        long length(String dim, PatternGrid grid) {
            return dim.equals(grid.concatDim()) ? grid.end() : dimLengths.get(dim);
        }
    }

    static Combined combine(PatternGrid grid) {
        Map<String, Long> dims = dimensions(grid);
        return new Combined(dims, variables(grid));
    }

    private static Map<String, Long> dimensions(PatternGrid grid) {
        String concatDim = grid.concatDim();
        Map<String, Long> dimLengths = new LinkedHashMap<>();
        Map<String, String> dimSource = new HashMap<>();
        for (int c = 0; c < grid.concatPositions(); c++) {
            for (int m = 0; m < grid.mergePositions(); m++) {
                InputMetadata im = grid.at(c, m);
                for (DatasetVariable v : im.dataset().variables().values()) {
                    long[] shape = v.shape();
                    for (int a = 0; a < shape.length; a++) {
                        String d = v.dims().get(a);
                        Long declared = im.dims() == null ? null : im.dims().get(d);
                        if (declared != null && declared != shape[a]) {
                            throw new PlanException(url(im) + ": variable '" + v.name() + "' has length " + shape[a]
                                    + " along '" + d + "' but the file's dimension '" + d + "' has length " + declared + ".");
                        }
                        if (d.equals(concatDim)) {
                            if (shape[a] != grid.length(c)) {
                                throw new PlanException(url(im) + ": variable '" + v.name() + "' has " + shape[a]
                                        + " steps along '" + d + "' but the file has " + grid.length(c) + ".");
                            }
                            continue;
                        }
                        Long ref = dimLengths.putIfAbsent(d, shape[a]);
                        if (ref == null) {
                            dimSource.put(d, url(im));
                        } else if (ref != shape[a]) {
                            throw new PlanException(url(im) + ": dimension '" + d + "' (of variable '" + v.name()
                                    + "') has length " + shape[a] + " but it has length " + ref + " in "
                                    + dimSource.get(d) + "; "
                                    + (concatDim == null ? "the recipe has no concat dimension, so no dimension may differ"
                                    : "only the concat dimension '" + concatDim + "' may differ between inputs") + ".");
                        }
                    }
                }
            }
        }
        return dimLengths;
    }

    private static Map<String, VariableSpec> variables(PatternGrid grid) {
        Map<String, VariableSpec> vars = new LinkedHashMap<>();
        for (int m = 0; m < grid.mergePositions(); m++) {
            InputMetadata im = grid.at(0, m);
            for (DatasetVariable v : im.dataset().variables().values()) {
                VariableSpec known = vars.get(v.name());
                if (known == null) {
                    vars.put(v.name(), VariableSpec.of(v, m, grid.concatDim()));
                } else if (!known.first().dims().equals(v.dims())) {
                    throw new PlanException(url(im) + ": variable '" + v.name() + "' has dims " + v.dims()
                            + " but " + url(grid.at(0, known.mergeIndex())) + " (merge position " + known.mergeIndex()
                            + ") has it with dims " + known.first().dims()
                            + "; a variable in several merge inputs must have the same dims.");
                } else {
                    checkSame(grid, im, v, known);
                }
            }
        }
        List<Set<String>> names = new ArrayList<>(grid.mergePositions());
        for (int m = 0; m < grid.mergePositions(); m++) {
            names.add(grid.at(0, m).dataset().variables().keySet());
        }
        for (int c = 1; c < grid.concatPositions(); c++) {
            for (int m = 0; m < grid.mergePositions(); m++) {
                InputMetadata im = grid.at(c, m);
                Map<String, DatasetVariable> have = im.dataset().variables();
                if (!have.keySet().equals(names.get(m))) {
                    throw new PlanException(differentVariables(im, grid.at(0, m), names.get(m), have.keySet()));
                }
                for (DatasetVariable v : have.values()) {
                    checkSame(grid, im, v, vars.get(v.name()));
                }
            }
        }
        return vars;
    }

    private static void checkSame(PatternGrid grid, InputMetadata im, DatasetVariable v, VariableSpec known) {
        String firstUrl = url(grid.at(0, known.mergeIndex()));
        if (!known.first().dims().equals(v.dims())) {
            throw new PlanException(url(im) + ": variable '" + v.name() + "' has dims " + v.dims()
                    + " but the first input that has it, " + firstUrl + ", has " + known.first().dims() + ".");
        }
        if (known.first().dtype() != v.dtype()) {
            throw new PlanException(url(im) + ": variable '" + v.name() + "' is stored as " + v.dtype()
                    + " but the first input that has it, " + firstUrl + ", stores it as " + known.first().dtype() + ".");
        }
    }

    private static String differentVariables(InputMetadata im, InputMetadata ref, Set<String> want, Set<String> have) {
        Set<String> missing = new LinkedHashSet<>(want);
        missing.removeAll(have);
        Set<String> extra = new LinkedHashSet<>(have);
        extra.removeAll(want);
        StringBuilder sb = new StringBuilder(url(im)).append(" (merge position ")
                .append(im.input().mergeIndex()).append(")");
        if (!missing.isEmpty()) {
            sb.append(" lacks variable(s) ").append(missing);
        }
        if (!extra.isEmpty()) {
            sb.append(missing.isEmpty() ? "" : " and").append(" has extra variable(s) ").append(extra);
        }
        return sb.append(" compared with ").append(url(ref))
                .append("; every input at one merge position must hold the same variables.").toString();
    }

    /**
     * The target schema from the finished specs: global attributes of the first input with the
     * recipe's overrides (a null value removes one), dimensions in order of first use.
     */
    static TargetSchema target(PatternGrid grid, Collection<VariableSpec> vars, Map<String, Object> setAttributes) {
        Map<String, Object> attrs = new LinkedHashMap<>(grid.at(0, 0).dataset().attributes());
        if (setAttributes != null) {
            setAttributes.forEach((k, val) -> {
                if (val == null) {
                    attrs.remove(k);
                } else {
                    attrs.put(k, val);
                }
            });
        }
        Map<String, Long> dims = new LinkedHashMap<>();
        List<TargetVariable> targets = new ArrayList<>(vars.size());
        Map<String, Object> precomputed = new LinkedHashMap<>();
        for (VariableSpec v : vars) {
            long[] shape = v.shape();
            for (int a = 0; a < shape.length; a++) {
                dims.putIfAbsent(v.dims().get(a), shape[a]);
            }
            Map<String, Object> va = new LinkedHashMap<>(v.attrs() != null ? v.attrs() : v.first().attributes());
            if (v.dtype() != DType.STRING) { // a string fill stays an attribute: .zarray fill_value is numeric here
                va.remove("_FillValue");
            }
            targets.add(new TargetVariable(v.name(), v.first().sourceName(), v.dims(), shape, v.chunks(), v.dtype(),
                    Collections.unmodifiableMap(va), v.attrs() != null ? v.fill() : fillValue(v.first()),
                    v.mergeIndex(), v.alongConcat()));
            if (v.precomputed() != null) {
                precomputed.put(v.name(), v.precomputed());
            }
        }
        if (grid.concatDim() != null) {
            dims.putIfAbsent(grid.concatDim(), grid.end());
        }
        return new TargetSchema(Collections.unmodifiableMap(dims), Collections.unmodifiableMap(attrs),
                List.copyOf(targets), Collections.unmodifiableMap(precomputed), grid.offsets());
    }

    /** The input's _FillValue as a number, or null. */
    static Number fillValue(DatasetVariable v) {
        Object f = v.attributes().get("_FillValue");
        if (f instanceof List<?> l && l.size() == 1) {
            f = l.get(0);
        }
        return f instanceof Number n ? n : null;
    }

    private static String url(InputMetadata im) {
        return im.input().url();
    }
}
