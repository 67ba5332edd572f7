package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;

/** The concat dimension laid end to end: which inputs, and which part of each, cover a range of it. */
final class ConcatAxis {
    /** Part of one concat position inside a range: {@code count} steps from {@code sourceStart}, at {@code destStart}. */
    record Span(int position, long sourceStart, int count, int destStart) {
    }

    private final long[] offsets;

    ConcatAxis(long[] offsets) {
        this.offsets = offsets;
    }

    /** The spans of [start, end) in order; positions of length zero never appear. end - start must fit an int. */
    List<Span> spans(long start, long end) {
        List<Span> out = new ArrayList<>(2);
        if (end <= start) {
            return out;
        }
        int c = lastStartingAtOrBefore(start);
        int last = offsets.length - 2;
        while (c <= last && offsets[c] < end) {
            long lo = Math.max(start, offsets[c]);
            long hi = Math.min(end, offsets[c + 1]);
            if (hi > lo) {
                out.add(new Span(c, lo - offsets[c], (int) (hi - lo), (int) (lo - start)));
            }
            c++;
        }
        return out;
    }

    // Largest position c with offsets[c] <= x; skips zero-length positions because their successor starts at the same offset.
    private int lastStartingAtOrBefore(long x) {
        int lo = 0;
        int hi = offsets.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
