package org.arcoforge.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Continuity of an append (pure): the new inputs' concat values, in the store's units, must
 * continue the store's strictly after its last step. A value at or before the store's end is an
 * overlap (when the store holds that step, from another source), a prepend or an insert: all
 * refused, naming the inputs. When the store's steps are regular, a larger step is a gap, refused
 * with the missing range unless gaps are allowed.
 */
public final class AppendCheck {
    private AppendCheck() {
    }

    /** An input the store holds: where it was read and its steps [start, end). */
    public record Held(String url, long start, long end) {
    }

    /** A new input and its concat values in the store's units. */
    public record Fresh(String url, double[] values) {
    }

    /**
     * @param stored the store's concat values, in order
     * @param format how a value is written in a message (a date for time)
     * @throws PlanException naming the inputs and values at fault
     */
    public static void check(double[] stored, List<Held> held, List<Fresh> fresh, boolean allowGaps,
                             DoubleFunction<String> format) {
        int n = stored.length;
        Double step = regularStep(stored);
        double prev = n == 0 ? Double.NaN : stored[n - 1];
        String prevUrl = n == 0 ? null : holder(held, n - 1);
        boolean prevIsNew = false;
        for (Fresh f : fresh) {
            for (double v : f.values()) {
                if (!Double.isNaN(prev) && !(v > prev)) {
                    throw new PlanException(refusal(stored, held, f.url(), v, prevIsNew ? prevUrl : null, prev,
                            format));
                }
                if (step != null && !allowGaps && v - prev > step * (1 + 1e-9)) {
                    throw new PlanException("gap in '" + f.url() + "': " + format.apply(v) + " follows "
                            + format.apply(prev) + (prevUrl == null ? "" : " (" + prevUrl + ")") + " but the store's"
                            + " steps are regular (" + fmtStep(step) + "), so " + format.apply(prev + step)
                            + (v - prev > 2 * step * (1 + 1e-9) ? " to " + format.apply(v - step) : "")
                            + " is missing; add the missing inputs or pass --allow-gaps");
                }
                prev = v;
                prevUrl = f.url();
                prevIsNew = true;
            }
        }
    }

    /** @param newUrl the new input {@code prev} came from, or null when it is the store's last step */
    private static String refusal(double[] stored, List<Held> held, String url, double v, String newUrl, double prev,
                                  DoubleFunction<String> format) {
        int n = stored.length;
        int at = java.util.Arrays.binarySearch(stored, v);
        String prevUrl = newUrl;
        if (newUrl != null && v > stored[n - 1]) {
            return "'" + url + "' has " + format.apply(v) + " after " + format.apply(prev) + " in '" + prevUrl
                    + "': the new inputs' steps must be strictly increasing";
        }
        if (at >= 0) {
            return "'" + url + "' has " + format.apply(v) + ", a step the store already holds from '"
                    + holder(held, at) + "': an input overlapping the store must be the one it was built from";
        }
        if (n > 0 && v < stored[0]) {
            return "'" + url + "' has " + format.apply(v) + ", before the store's first step " + format.apply(stored[0])
                    + ": append only adds steps after the store's end (prepending is not supported)";
        }
        return "'" + url + "' has " + format.apply(v) + ", inside the store's range " + format.apply(stored[0]) + " to "
                + format.apply(stored[n - 1]) + ": append only adds steps after the store's end (inserting is not"
                + " supported)";
    }

    /** The input holding step {@code index}, or "an input the store does not record". */
    static String holder(List<Held> held, long index) {
        for (Held h : held) {
            if (h.start() <= index && index < h.end()) {
                return h.url();
            }
        }
        return "an input the store does not record";
    }

    /** The common difference of the values, or null when there are fewer than 2 or they differ. */
    static Double regularStep(double[] v) {
        if (v.length < 2) {
            return null;
        }
        double step = v[1] - v[0];
        for (int i = 2; i < v.length; i++) {
            if (Math.abs(v[i] - v[i - 1] - step) > Math.abs(step) * 1e-9) {
                return null;
            }
        }
        return step > 0 ? step : null;
    }

    private static String fmtStep(double step) {
        return step == Math.rint(step) ? String.valueOf((long) step) : String.valueOf(step);
    }

    /**
     * A value in CF time units as a date (time of day when it has one), or the number with its units
     * where the units or calendar are not the standard ones.
     */
    public static DoubleFunction<String> timeFormat(String units, Object calendar) {
        if (units == null || !CfTime.isTimeUnits(units)) {
            return v -> fmtStep(v);
        }
        ValueTransform toDays;
        try {
            toDays = CfTime.transform(units, calendar, "days since 1970-01-01", calendar);
        } catch (RuntimeException e) {
            return v -> fmtStep(v) + " " + units;
        }
        String cal = calendar == null ? "standard" : String.valueOf(calendar);
        if (!List.of("standard", "gregorian", "proleptic_gregorian").contains(cal)) {
            return v -> fmtStep(v) + " " + units;
        }
        return v -> {
            double days = toDays.apply(v);
            LocalDate d = LocalDate.ofEpochDay((long) Math.floor(days));
            double frac = days - Math.floor(days);
            if (frac < 1e-9) {
                return d.toString();
            }
            long s = Math.round(frac * 86400);
            return d + String.format(java.util.Locale.ROOT, "T%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        };
    }
}
