package org.arcoforge.recipe;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;

/** Key sequences for {@link ConcatDim} and {@link MergeDim}. */
public final class Keys {
    /** Guards against a step so small that the list would not fit in memory. */
    static final int MAX_KEYS = 10_000_000;

    private Keys() {
    }

    /** Dates from {@code start} to {@code endInclusive} every {@code step} (P1D, P1M, P1Y...). */
    public static List<Object> dates(LocalDate start, LocalDate endInclusive, Period step) {
        return sequence(start, endInclusive, step);
    }

    /** Date-times from {@code start} to {@code endInclusive} every {@code step} (a Period or a Duration). */
    public static List<Object> dateTimes(LocalDateTime start, LocalDateTime endInclusive, TemporalAmount step) {
        return sequence(start, endInclusive, step);
    }

    /** start, start+1, ... stopExclusive-1. */
    public static List<Object> range(int start, int stopExclusive) {
        return range(start, stopExclusive, 1);
    }

    /** Like Python's range: start, start+step, ... up to but excluding stop; step may be negative. */
    public static List<Object> range(int start, int stopExclusive, int step) {
        if (step == 0) {
            throw new RecipeException("range: step must not be 0");
        }
        List<Object> out = new ArrayList<>();
        for (long v = start; step > 0 ? v < stopExclusive : v > stopExclusive; v += step) {
            out.add((int) v);
        }
        if (out.isEmpty()) {
            throw new RecipeException("range: start " + start + ", stop " + stopExclusive + ", step " + step
                    + " gives no keys (stop is exclusive)");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Temporal & Comparable<? super T>> List<Object> sequence(T start, T end, TemporalAmount step) {
        if (start == null || end == null || step == null) {
            throw new RecipeException("dates: start, end and step are all required");
        }
        if (end.compareTo(start) < 0) {
            throw new RecipeException("dates: end " + end + " is before start " + start);
        }
        boolean zeroOrNegative = step instanceof Period p ? p.isZero() || p.isNegative()
                : step instanceof Duration d ? d.isZero() || d.isNegative() : false;
        if (zeroOrNegative) {
            throw new RecipeException("dates: step " + step + " must be positive");
        }
        List<Object> out = new ArrayList<>();
        T previous = null;
        for (int i = 0; ; i++) {
            // From start each time: adding P1M repeatedly would drift (Jan 31, Feb 28, Mar 28...).
            T next = (T) start.plus(multiply(step, i));
            if (next.compareTo(end) > 0) {
                break;
            }
            if (previous != null && next.compareTo(previous) <= 0) {
                throw new RecipeException("dates: step " + step + " does not move forward after " + previous);
            }
            if (out.size() >= MAX_KEYS) {
                throw new RecipeException("dates: more than " + MAX_KEYS + " keys from " + start + " to " + end
                        + " every " + step);
            }
            out.add(next);
            previous = next;
        }
        return out;
    }

    private static TemporalAmount multiply(TemporalAmount step, int n) {
        if (step instanceof Period p) {
            return p.multipliedBy(n);
        }
        if (step instanceof Duration d) {
            return d.multipliedBy(n);
        }
        throw new RecipeException("dates: step must be a java.time.Period or Duration, got " + step.getClass().getName());
    }
}
