package org.arcoforge.grid;

/**
 * The index tuples of a box {@code start + [0, count)} in C order (the last dimension varies
 * fastest): chunk cells of a grid, chunks a piece touches, rows of a chunk. A 0-d box has one
 * tuple, the empty one; a box with a zero count has none. Element copies walk {@link BoxRuns}
 * instead, one contiguous run at a time.
 *
 * <pre>for (GridIndex i = GridIndex.box(start, count); i.next(); ) { use(i.index()); }</pre>
 */
public final class GridIndex {
    private final long[] start;
    private final long[] end;
    private final long[] index;
    private boolean started;
    private boolean done;

    private GridIndex(long[] start, long[] count) {
        if (start.length != count.length) {
            throw new IllegalArgumentException("start and count differ in rank: " + start.length + " and "
                    + count.length);
        }
        this.start = start.clone();
        this.end = new long[start.length];
        boolean empty = false;
        for (int d = 0; d < start.length; d++) {
            if (count[d] < 0) {
                throw new IllegalArgumentException("negative count " + count[d] + " in dimension " + d);
            }
            end[d] = start[d] + count[d];
            empty |= count[d] == 0;
        }
        this.index = start.clone();
        this.done = empty;
    }

    /** Tuples of {@code start + [0, count)}. */
    public static GridIndex box(long[] start, long[] count) {
        return new GridIndex(start, count);
    }

    /** Tuples of {@code first .. last}, both ends included (the cells a box of elements touches). */
    public static GridIndex between(long[] first, long[] last) {
        long[] count = new long[first.length];
        for (int d = 0; d < count.length; d++) {
            count[d] = last[d] - first[d] + 1;
        }
        return new GridIndex(first, count);
    }

    /** Tuples of {@code [0, shape)}: every cell of a grid. */
    public static GridIndex of(long[] shape) {
        return new GridIndex(new long[shape.length], shape);
    }

    /** Tuples of {@code [0, shape)}. */
    public static GridIndex of(int[] shape) {
        long[] s = new long[shape.length];
        for (int d = 0; d < s.length; d++) {
            s[d] = shape[d];
        }
        return of(s);
    }

    /** Moves to the next tuple (the first on the first call); false once every tuple was visited. */
    public boolean next() {
        if (done) {
            return false;
        }
        if (!started) {
            started = true;
            return true;
        }
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < end[d]) {
                return true;
            }
            index[d] = start[d];
        }
        done = true;
        return false;
    }

    /** The current tuple. Owned by the walk, overwritten by {@link #next}: copy it to keep it. */
    public long[] index() {
        return index;
    }

    /** Component {@code d} of the current tuple. */
    public long at(int d) {
        return index[d];
    }
}
