package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Per-file packing: compares each input's CF packing of one variable (scale_factor, add_offset,
 * _FillValue, missing_value) with the target's (the first input's, or the recipe's {@code encoding})
 * and gives the inputs that differ a {@link ValueTransform.Packing}, so that the store holds what
 * xarray decodes from each file. Stops where re-encoding could change a value (see docs/recipes.md).
 * Pure: metadata only.
 */
final class PackingPlan {
    /** Re-encoded values may be this far (in target units) from a whole number and still count as exact. */
    private static final double EXACT = 1e-3;
    private static final List<String> PACKING = List.of("scale_factor", "add_offset", "_FillValue", "missing_value");
    private static final List<String> VALID = List.of("valid_range", "valid_min", "valid_max");
    private static final int LISTED = 5;

    private PackingPlan() {
    }

    /**
     * @param transforms null when every input is stored as it is
     * @param attributes the target's attributes (with _FillValue; the planner moves it out)
     * @param warning    null, or what differed and in which files
     */
    record Result(ValueTransform[] transforms, DType dtype, Map<String, Object> attributes, Number fill,
                  String warning) {
    }

    /** Every variable the recipe's encoding names must exist. */
    static void checkNames(java.util.Set<String> encoded, java.util.Set<String> variables) {
        for (String name : encoded) {
            if (!variables.contains(name)) {
                throw new PlanException("the recipe's encoding names variable '" + name
                        + "', which no input has; the variables are " + variables + ".");
            }
        }
    }

    /**
     * @param name     the variable's target name
     * @param vars     the variable in each input that contributes to the store (concat order)
     * @param urls     those inputs' URLs
     * @param override the recipe's encoding for the variable, or null
     */
    static Result plan(String name, List<DatasetVariable> vars, List<String> urls, VariableEncoding override) {
        DatasetVariable first = vars.get(0);
        Map<String, Object> attrs = new LinkedHashMap<>(first.attributes());
        DType dtype = first.dtype();
        if (override != null && (dtype == DType.STRING || dtype == DType.CHAR)) {
            throw new PlanException("encoding of '" + name + "': it is a " + (dtype == DType.STRING ? "string" : "char")
                    + " variable in " + urls.get(0) + ", which has no numeric encoding; remove it from encoding");
        }
        if (override != null) {
            dtype = override.dtype() == null ? dtype : DType.valueOf(override.dtype().toUpperCase(Locale.ROOT));
            Enc in = Enc.of(first);
            attrs.keySet().removeAll(PACKING);
            Double fill = override.fillValue();
            if (fill == null) {
                fill = dtype.isFloating() ? Double.NaN : in.fill;
            }
            if (override.scaleFactor() != null) {
                attrs.put("scale_factor", override.scaleFactor());
            }
            if (override.addOffset() != null) {
                attrs.put("add_offset", override.addOffset());
            }
            if (fill != null) {
                attrs.put("_FillValue", fill);
            }
            revalueValid(attrs, in, Enc.of(attrs), dtype);
        }
        Enc target = Enc.of(attrs);
        if (!dtype.isFloating() && !dtype.isInteger()) {
            return new Result(null, dtype, attrs, target.fill, null);
        }
        ValueTransform[] out = new ValueTransform[vars.size()];
        boolean any = false;
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            DatasetVariable v = vars.get(i);
            Enc in = Enc.of(v.attributes());
            String what = in.differences(target, v.dtype() != dtype, dtype.isFloating() && v.dtype().isFloating());
            String valid = validDifferences(v.attributes(), first.attributes());
            if (what.isEmpty()) {
                out[i] = ValueTransform.IDENTITY;
                if (!valid.isEmpty() && override == null) {
                    differ.add(urls.get(i) + " (" + valid + ", kept from the first input: xarray does not apply it)");
                }
                continue;
            }
            if (!v.dtype().isFloating() && !v.dtype().isInteger()) {
                throw new PlanException(urls.get(i) + ": variable '" + name + "' is stored as " + v.dtype()
                        + " and cannot be re-encoded.");
            }
            out[i] = ValueTransform.of(packing(name, v, in, target, dtype, urls.get(i), override != null));
            any = true;
            differ.add(urls.get(i) + " (" + what + (valid.isEmpty() ? "" : ", " + valid) + ")");
        }
        String warning = null;
        if (!differ.isEmpty() && (any || override == null)) {
            StringBuilder sb = new StringBuilder("variable '" + name + "': ");
            sb.append(any ? differ.size() + " input(s) are packed differently from the target (" + target.describe(dtype)
                    + ") and are re-encoded into it: " : differ.size() + " input(s) differ from the first: ");
            for (int i = 0; i < Math.min(LISTED, differ.size()); i++) {
                sb.append(i == 0 ? "" : "; ").append(differ.get(i));
            }
            if (differ.size() > LISTED) {
                sb.append("; and ").append(differ.size() - LISTED).append(" more");
            }
            warning = sb.toString();
        }
        Number fill = target.fill == null ? null : dtype.isInteger() ? (Number) (long) Math.rint(target.fill) : target.fill;
        return new Result(any ? out : null, dtype, attrs, fill, warning);
    }

    private static ValueTransform.Packing packing(String name, DatasetVariable v, Enc in, Enc t, DType dtype,
                                                  String url, boolean chosen) {
        boolean round = dtype.isInteger();
        double[] range = dtypeRange(dtype);
        double outFill = t.fill != null ? t.fill : Double.NaN;
        if (round && t.fill == null && in.hasMissing()) {
            throw new PlanException(url + ": variable '" + name + "' marks missing values (" + in.describeMissing()
                    + ") but the target encoding has no _FillValue to store them as; give one in the recipe, e.g."
                    + " encoding: {" + name + ": {_FillValue: -999}}, or store floats: encoding: {" + name
                    + ": {dtype: float32}}");
        }
        if (round) {
            double r = in.scale / t.scale;
            double q = (in.offset - t.offset) / t.scale;
            double[] raw = inputRange(v);
            String suggestion = "; set the target encoding in the recipe instead, e.g. encoding: {" + name
                    + ": {dtype: float32}}";
            if (!chosen && v.dtype().isFloating()) {
                throw new PlanException(url + ": variable '" + name + "' holds floats but the target packs it as "
                        + dtype.name().toLowerCase(Locale.ROOT) + suggestion);
            }
            if (!chosen) {
                double rr = Math.rint(r);
                double qq = Math.rint(q);
                double worst = raw == null ? Double.POSITIVE_INFINITY
                        : Math.max(Math.abs(raw[0] * (r - rr) + (q - qq)), Math.abs(raw[1] * (r - rr) + (q - qq)));
                if (rr == 0 || worst > EXACT) {
                    throw new PlanException(url + ": variable '" + name + "' is packed with " + in.describePacking()
                            + " but the target (the first input) with " + t.describePacking()
                            + ": re-encoding would round its values to the target's steps of " + t.scale
                            + " and lose precision" + suggestion);
                }
            }
            if (raw != null) {
                double lo = Math.min(raw[0] * r + q, raw[1] * r + q);
                double hi = Math.max(raw[0] * r + q, raw[1] * r + q);
                if (Math.rint(lo) < range[0] || Math.rint(hi) > range[1]) {
                    throw new PlanException(url + ": variable '" + name + "' could overflow: its raw values "
                            + fmt(raw[0]) + " to " + fmt(raw[1]) + (in.declaresValidRange ? " (its valid range)" : " (its dtype's range; it declares no valid_range)")
                            + " re-encoded with " + t.describePacking() + " become " + fmt(Math.rint(lo)) + " to "
                            + fmt(Math.rint(hi)) + ", outside " + dtype.name().toLowerCase(Locale.ROOT)
                            + suggestion.replace("; set", "; declare a valid_range in the inputs, or set"));
                }
            }
        }
        return new ValueTransform.Packing(in.scale, in.offset, in.missing(), t.scale, t.offset, round, outFill,
                range[0], range[1], v.dtype().isUnsigned(), url, name);
    }

    /** The input's raw value range: its declared valid range, else its integer dtype's; null for floats without one. */
    private static double[] inputRange(DatasetVariable v) {
        double[] d = v.dtype().isInteger() ? dtypeRange(v.dtype()) : null;
        Map<String, Object> a = v.attributes();
        List<Double> vr = numbers(a.get("valid_range"));
        List<Double> vmin = numbers(a.get("valid_min"));
        List<Double> vmax = numbers(a.get("valid_max"));
        if (vr.size() == 2) {
            return new double[] {Math.min(vr.get(0), vr.get(1)), Math.max(vr.get(0), vr.get(1))};
        }
        if (vmin.size() == 1 || vmax.size() == 1) {
            double lo = vmin.size() == 1 ? vmin.get(0) : d == null ? Double.NEGATIVE_INFINITY : d[0];
            double hi = vmax.size() == 1 ? vmax.get(0) : d == null ? Double.POSITIVE_INFINITY : d[1];
            return Double.isInfinite(lo) || Double.isInfinite(hi) ? null : new double[] {lo, hi};
        }
        return d;
    }

    static double[] dtypeRange(DType t) {
        return switch (t) {
            case INT8 -> new double[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case UINT8 -> new double[] {0, 0xff};
            case INT16 -> new double[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case UINT16 -> new double[] {0, 0xffff};
            case INT32 -> new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case UINT32 -> new double[] {0, 0xffffffffL};
            case INT64 -> new double[] {Long.MIN_VALUE, Long.MAX_VALUE};
            case UINT64 -> new double[] {0, 0x1p64};
            default -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        };
    }

    /** Under a recipe encoding, valid_* (in packed units) are re-expressed in the target's. */
    private static void revalueValid(Map<String, Object> attrs, Enc from, Enc to, DType dtype) {
        for (String k : VALID) {
            List<Double> vals = numbers(attrs.get(k));
            if (vals.isEmpty()) {
                continue;
            }
            List<Object> out = new ArrayList<>();
            for (double x : vals) {
                double y = (x * from.scale + from.offset - to.offset) / to.scale;
                out.add(dtype.isInteger() ? (Object) (long) Math.rint(y) : dtype == DType.FLOAT32 ? (Object) (float) y : y);
            }
            attrs.put(k, out.size() == 1 ? out.get(0) : out);
        }
    }

    private static String validDifferences(Map<String, Object> a, Map<String, Object> first) {
        List<String> out = new ArrayList<>();
        for (String k : VALID) {
            if (!numbers(a.get(k)).equals(numbers(first.get(k)))) {
                out.add(k + " " + show(a.get(k)) + " instead of " + show(first.get(k)));
            }
        }
        return String.join(", ", out);
    }

    static List<Double> numbers(Object o) {
        List<Double> out = new ArrayList<>();
        if (o instanceof Number n) {
            out.add(n.doubleValue());
        } else if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x instanceof Number n) {
                    out.add(n.doubleValue());
                }
            }
        } else if (o != null && o.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(o); i++) {
                Object x = java.lang.reflect.Array.get(o, i);
                if (x instanceof Number n) {
                    out.add(n.doubleValue());
                }
            }
        }
        return out;
    }

    private static String show(Object o) {
        List<Double> n = numbers(o);
        if (n.isEmpty()) {
            return "none";
        }
        List<String> s = n.stream().map(PackingPlan::fmt).toList();
        return s.size() == 1 ? s.get(0) : s.toString();
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        // Attributes are often float32: show them as written, not with float32's binary tail.
        float f = (float) d;
        return (double) f == d ? Float.toString(f) : Double.toString(d);
    }

    /** One input's (or the target's) CF packing, as xarray's decoder uses it. */
    private record Enc(double scale, double offset, Double fill, List<Double> missingValue, boolean declaresValidRange) {
        static Enc of(DatasetVariable v) {
            return of(v.attributes());
        }

        static Enc of(Map<String, Object> a) {
            List<Double> s = numbers(a.get("scale_factor"));
            List<Double> o = numbers(a.get("add_offset"));
            List<Double> f = numbers(a.get("_FillValue"));
            boolean valid = numbers(a.get("valid_range")).size() == 2 || !numbers(a.get("valid_min")).isEmpty()
                    || !numbers(a.get("valid_max")).isEmpty();
            return new Enc(s.isEmpty() ? 1 : s.get(0), o.isEmpty() ? 0 : o.get(0), f.isEmpty() ? null : f.get(0),
                    numbers(a.get("missing_value")), valid);
        }

        boolean hasMissing() {
            return fill != null || !missingValue.isEmpty();
        }

        double[] missing() {
            List<Double> m = new ArrayList<>(missingValue);
            if (fill != null) {
                m.add(fill);
            }
            return m.stream().mapToDouble(Double::doubleValue).toArray();
        }

        /** What differs from {@code t}, or "" when the raw values can be stored as they are. */
        String differences(Enc t, boolean dtypeDiffers, boolean floats) {
            List<String> out = new ArrayList<>();
            if (dtypeDiffers) {
                out.add("stored as another dtype");
            }
            if (Double.compare(scale, t.scale) != 0) {
                out.add("scale_factor " + fmt(scale) + " instead of " + fmt(t.scale));
            }
            if (Double.compare(offset, t.offset) != 0) {
                out.add("add_offset " + fmt(offset) + " instead of " + fmt(t.offset));
            }
            // Between floats, no fill and a NaN fill mark the same values (NaN): e.g. time coordinates
            // that some tools write with _FillValue NaN and others without.
            boolean nanOnly = floats && (fill == null || fill.isNaN()) && (t.fill == null || t.fill.isNaN());
            if (!Objects.equals(fill, t.fill) && !nanOnly) {
                out.add("_FillValue " + (fill == null ? "none" : fmt(fill)) + " instead of "
                        + (t.fill == null ? "none" : fmt(t.fill)));
            }
            if (!missingValue.equals(t.missingValue)) {
                out.add("missing_value " + show(missingValue) + " instead of " + show(t.missingValue));
            }
            return String.join(", ", out);
        }

        String describePacking() {
            return "scale_factor " + fmt(scale) + ", add_offset " + fmt(offset);
        }

        String describeMissing() {
            return (fill == null ? "" : "_FillValue " + fmt(fill)) + (fill != null && !missingValue.isEmpty() ? ", " : "")
                    + (missingValue.isEmpty() ? "" : "missing_value " + show(missingValue));
        }

        String describe(DType dtype) {
            return dtype.name().toLowerCase(Locale.ROOT) + ", " + describePacking() + ", _FillValue "
                    + (fill == null ? "none" : fmt(fill));
        }
    }
}
