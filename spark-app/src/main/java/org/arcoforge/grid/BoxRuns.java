package org.arcoforge.grid;

/**
 * The contiguous runs of a box {@code count} that sits at {@code srcStart} in one C-ordered array
 * (or file region) of shape {@code srcShape} and at {@code dstStart} in another of shape
 * {@code dstShape}, in C order: each run is {@link #length()} elements at flat offset {@link #src()}
 * in the first and {@link #dst()} in the second. A run is at least the box's innermost dimension
 * and spans further dimensions where the box covers whole rows of both arrays, so copies move as
 * few runs as the layout allows. A 0-d box is one run of one element; an empty box has none.
 *
 * <pre>for (BoxRuns r = BoxRuns.of(...); r.next(); ) { System.arraycopy(a, (int) r.src(), b, (int) r.dst(), r.length()); }</pre>
 */
public final class BoxRuns {
    private final int[] count;
    private final int outer; // dimensions 0..outer-1 are walked; the rest lie inside one run
    private final long[] srcStride;
    private final long[] dstStride;
    private final int[] idx;
    private final int length;
    private long src;
    private long dst;
    private boolean started;
    private boolean done;

    private BoxRuns(long[] srcShape, long[] srcStart, long[] dstShape, long[] dstStart, int[] count) {
        int rank = count.length;
        if (srcShape.length != rank || srcStart.length != rank || dstShape.length != rank || dstStart.length != rank) {
            throw new IllegalArgumentException("shapes, starts and count differ in rank");
        }
        this.count = count.clone();
        srcStride = strides(srcShape);
        dstStride = strides(dstShape);
        boolean empty = false;
        for (int c : count) {
            empty |= c == 0;
        }
        int j = rank - 1;
        int run = rank == 0 ? 1 : count[j];
        while (j > 0 && count[j] == srcShape[j] && count[j] == dstShape[j]) {
            j--;
            run = Math.multiplyExact(run, count[j]);
        }
        outer = Math.max(j, 0);
        length = run;
        idx = new int[outer];
        for (int d = 0; d < rank; d++) {
            src += srcStart[d] * srcStride[d];
            dst += dstStart[d] * dstStride[d];
        }
        done = empty;
    }

    /** Runs between two arrays, offsets in elements. */
    public static BoxRuns of(int[] srcShape, int[] srcStart, int[] dstShape, int[] dstStart, int[] count) {
        return new BoxRuns(longs(srcShape), longs(srcStart), longs(dstShape), longs(dstStart), count);
    }

    /** Runs of a region of a large C-ordered source (a file's variable) into a C-ordered array of shape {@code count}. */
    public static BoxRuns into(long[] srcShape, long[] srcStart, int[] count) {
        return new BoxRuns(srcShape, srcStart, longs(count), new long[count.length], count);
    }

    /** Moves to the next run (the first on the first call); false once every run was visited. */
    public boolean next() {
        if (done) {
            return false;
        }
        if (!started) {
            started = true;
            return true;
        }
        for (int k = outer - 1; k >= 0; k--) {
            if (++idx[k] < count[k]) {
                src += srcStride[k];
                dst += dstStride[k];
                return true;
            }
            idx[k] = 0;
            src -= (count[k] - 1) * srcStride[k];
            dst -= (count[k] - 1) * dstStride[k];
        }
        done = true;
        return false;
    }

    /** Elements in every run. */
    public int length() {
        return length;
    }

    /** Flat offset of the current run in the source. */
    public long src() {
        return src;
    }

    /** Flat offset of the current run in the destination. */
    public long dst() {
        return dst;
    }

    private static long[] strides(long[] shape) {
        long[] st = new long[shape.length];
        long acc = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            st[k] = acc;
            acc *= shape[k];
        }
        return st;
    }

    private static long[] longs(int[] a) {
        long[] l = new long[a.length];
        for (int d = 0; d < a.length; d++) {
            l[d] = a[d];
        }
        return l;
    }
}
