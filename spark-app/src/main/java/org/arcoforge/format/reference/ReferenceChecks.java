package org.arcoforge.format.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arcoforge.format.FormatException;

/**
 * What makes a reference store silently wrong elsewhere (kerchunk, VirtualiZarr): inputs whose
 * encoding attributes, dtype, filters or chunk shape differ, and chunks that do not fall on one
 * regular grid along the concat dimension. Each is an error before anything is written, naming the
 * variable, the files and the difference.
 */
final class ReferenceChecks {
    /** Attributes that change how stored values decode: they must be the same in every input. */
    static final List<String> DECODING_ATTRIBUTES = List.of("scale_factor", "add_offset", "_FillValue", "missing_value",
            "units", "calendar");
    private static final String USE_ZARR = "; the Zarr recipe (kind: zarr) handles this, as it re-encodes the values";

    private ReferenceChecks() {
    }

    /** One input's view of a variable: its file, layout and attributes. */
    record Seen(String url, VariableLayout layout, Map<String, Object> attributes) {}

    static void problem(String variable, String url, VariableLayout l) {
        if (l.problem() != null) {
            throw new FormatException("variable '" + variable + "' in " + url + " cannot be referenced: " + l.problem());
        }
    }

    /** Same dtype, filters, chunk shape and decoding attributes in every input as in the first. */
    static void same(String variable, List<Seen> seen, int concatAxis) {
        Seen first = seen.get(0);
        for (Seen s : seen.subList(1, seen.size())) {
            for (String a : DECODING_ATTRIBUTES) {
                Object x = first.attributes().get(a);
                Object y = s.attributes().get(a);
                if (!Objects.deepEquals(x, y)) {
                    throw differ(variable, first, s, a + " " + show(x) + " against " + show(y));
                }
            }
            VariableLayout p = first.layout();
            VariableLayout q = s.layout();
            if (!Objects.equals(p.dtype(), q.dtype())) {
                throw differ(variable, first, s, "dtype " + p.dtype() + " against " + q.dtype());
            }
            if (!p.filters().equals(q.filters())) {
                throw differ(variable, first, s, "filters " + p.filters() + " against " + q.filters());
            }
            if (!Arrays.equals(p.chunkShape(), q.chunkShape())) {
                boolean wholeFile = concatAxis >= 0 && p.chunkShape()[concatAxis] == p.shape()[concatAxis];
                String along = wholeFile ? ": whole-file chunks cannot form one regular grid along the concat dimension"
                        + lengths(seen, concatAxis) : "";
                throw differ(variable, first, s, "chunk shape " + Arrays.toString(p.chunkShape()) + " against "
                        + Arrays.toString(q.chunkShape()) + along);
            }
        }
    }

    /**
     * Every input's first chunk must start on the grid of chunk length {@code chunk} along the
     * concat axis, and every input but the last must end on it.
     *
     * @param offsets start of each input along the concat dimension, and the total last
     */
    static void regular(String variable, List<Seen> seen, long[] offsets, int concatAxis) {
        int chunk = seen.get(0).layout().chunkShape()[concatAxis];
        for (int c = 0; c < seen.size(); c++) {
            long start = offsets[c];
            long length = offsets[c + 1] - start;
            boolean last = c == seen.size() - 1;
            if (start % chunk != 0 || !last && length % chunk != 0) {
                throw new FormatException("variable '" + variable + "': its chunks of " + chunk + " along the concat"
                        + " dimension cannot form one regular grid: " + seen.get(c).url() + " holds " + length
                        + " steps from step " + start + lengths(seen, concatAxis) + USE_ZARR);
            }
        }
    }

    private static String lengths(List<Seen> seen, int axis) {
        List<Long> n = new ArrayList<>();
        for (Seen s : seen) {
            n.add(s.layout().shape()[axis]);
            if (n.size() == 6) {
                break;
            }
        }
        return " (the inputs hold " + n.toString().replaceAll("[\\[\\]]", "") + (seen.size() > 6 ? "..." : "")
                + " steps)";
    }

    private static FormatException differ(String variable, Seen a, Seen b, String what) {
        return new FormatException("variable '" + variable + "' differs between inputs " + a.url() + " and " + b.url()
                + ": " + what + USE_ZARR);
    }

    private static String show(Object v) {
        if (v == null) {
            return "(none)";
        }
        if (v.getClass().isArray()) {
            if (v instanceof Object[] o) {
                return Arrays.deepToString(o);
            }
            return Arrays.deepToString(new Object[] {v}).replaceAll("^\\[|\\]$", "");
        }
        return v instanceof String ? "'" + v + "'" : String.valueOf(v);
    }
}
