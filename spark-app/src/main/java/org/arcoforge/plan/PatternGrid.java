package org.arcoforge.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Planner step 1: the file pattern as a full grid of inputs (concat position x merge position),
 * each concat position's length along the concat dimension and where it starts. The grid may
 * start at index {@code start} of the concat dimension (0 for a new store; appending to a store
 * that holds N steps plans from N). Immutable.
 */
final class PatternGrid {
    private final InputMetadata[][] cells;
    private final String concatDim;
    private final long[] lengths;
    private final long[] offsets;

    private PatternGrid(InputMetadata[][] cells, String concatDim, long[] lengths, long[] offsets) {
        this.cells = cells;
        this.concatDim = concatDim;
        this.lengths = lengths;
        this.offsets = offsets;
    }

    static PatternGrid of(List<InputMetadata> inputs, String concatDim, Integer itemsPerFile) {
        return of(inputs, concatDim, itemsPerFile, 0);
    }

    /**
     * @param start index along the concat dimension where the first concat position goes
     * @throws PlanException for gaps, duplicate positions, or lengths that disagree; names the file
     */
    static PatternGrid of(List<InputMetadata> inputs, String concatDim, Integer itemsPerFile, long start) {
        if (inputs.isEmpty()) {
            throw new PlanException("There are no inputs to plan: the recipe's file pattern is empty.");
        }
        if (start < 0) {
            throw new IllegalArgumentException("a grid starts at index 0 or later, not " + start);
        }
        InputMetadata[][] cells = cells(inputs, concatDim);
        int nConcat = cells.length;
        long[] lengths = new long[nConcat];
        long[] offsets = new long[nConcat + 1];
        offsets[0] = start;
        if (concatDim != null) {
            for (int c = 0; c < nConcat; c++) {
                lengths[c] = length(cells[c], concatDim, itemsPerFile);
                offsets[c + 1] = offsets[c] + lengths[c];
            }
        } else {
            java.util.Arrays.fill(offsets, start);
        }
        return new PatternGrid(cells, concatDim, lengths, offsets);
    }

    private static InputMetadata[][] cells(List<InputMetadata> inputs, String concatDim) {
        int maxC = 0;
        int maxM = 0;
        Map<Long, InputMetadata> seen = new HashMap<>();
        for (InputMetadata im : inputs) {
            int c = im.input().concatIndex();
            int m = im.input().mergeIndex();
            if (c < 0 || m < 0) {
                throw new PlanException(im.input().url() + " has a negative pattern position (concat " + c + ", merge " + m + ").");
            }
            maxC = Math.max(maxC, c);
            maxM = Math.max(maxM, m);
            InputMetadata before = seen.put(((long) c << 32) | m, im);
            if (before != null) {
                throw new PlanException(im.input().url() + " and " + before.input().url() + " are both at concat position " + c
                        + ", merge position " + m + " of the file pattern.");
            }
        }
        if ((long) (maxC + 1) * (maxM + 1) != inputs.size()) {
            throw new PlanException("The file pattern is not a full grid: " + inputs.size() + " inputs for "
                    + (maxC + 1) + " concat x " + (maxM + 1) + " merge positions; " + firstGap(seen, maxM + 1) + ".");
        }
        if (concatDim == null && maxC > 0) {
            throw new PlanException(inputs.get(inputs.size() - 1).input().url() + " is at concat position " + maxC
                    + " but the recipe names no concat dimension.");
        }
        InputMetadata[][] cells = new InputMetadata[maxC + 1][maxM + 1];
        for (InputMetadata im : inputs) {
            cells[im.input().concatIndex()][im.input().mergeIndex()] = im;
        }
        return cells;
    }

    private static String firstGap(Map<Long, InputMetadata> seen, int nMerge) {
        long[] keys = seen.keySet().stream().mapToLong(k -> (k >>> 32) * nMerge + (k & 0xffffffffL)).sorted().toArray();
        long expected = 0;
        for (long k : keys) {
            if (k != expected) {
                break;
            }
            expected++;
        }
        return "there is no input at concat position " + expected / nMerge + ", merge position " + expected % nMerge;
    }

    // The length along the concat dimension shared by the inputs of one concat position.
    private static long length(InputMetadata[] row, String concatDim, Integer items) {
        Long len = null;
        InputMetadata from = null;
        for (InputMetadata im : row) {
            Long l = lengthAlong(im, concatDim);
            if (l == null) {
                continue;
            }
            if (items != null && l != items.longValue()) {
                throw new PlanException(im.input().url() + " has " + l + " steps along '" + concatDim
                        + "' but the recipe declares " + items + " items per file.");
            }
            if (len == null) {
                len = l;
                from = im;
            } else if (!len.equals(l)) {
                throw new PlanException(im.input().url() + " has " + l + " steps along '" + concatDim + "' but "
                        + from.input().url() + ", at the same concat position, has " + len
                        + "; merged inputs must have the same length.");
            }
        }
        if (len == null) {
            throw new PlanException(row[0].input().url() + " has no dimension '" + concatDim
                    + "', the recipe's concat dimension.");
        }
        return len;
    }

    private static Long lengthAlong(InputMetadata im, String dim) {
        if (im.dims() != null && im.dims().get(dim) != null) {
            return im.dims().get(dim);
        }
        for (DatasetVariable v : im.dataset().variables().values()) {
            int a = v.dims().indexOf(dim);
            if (a >= 0) {
                return v.shape()[a];
            }
        }
        return null;
    }

    String concatDim() {
        return concatDim;
    }

    int concatPositions() {
        return cells.length;
    }

    int mergePositions() {
        return cells[0].length;
    }

    InputMetadata at(int concat, int merge) {
        return cells[concat][merge];
    }

    /** Steps of concat position {@code c} along the concat dimension (0 without one). */
    long length(int c) {
        return lengths[c];
    }

    /** Where concat position {@code c} starts; {@code offset(concatPositions())} is {@link #end()}. */
    long offset(int c) {
        return offsets[c];
    }

    /** Index along the concat dimension of the grid's first step. */
    long start() {
        return offsets[0];
    }

    /** Length of the concat dimension with the grid in place: {@link #start()} plus every position's length. */
    long end() {
        return offsets[cells.length];
    }

    long[] offsets() {
        return offsets.clone();
    }

    ConcatAxis axis() {
        return new ConcatAxis(offsets.clone());
    }
}
