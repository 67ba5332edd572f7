package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Planner step 7, shuffle side: the read tasks of the shuffled variables (every input read once,
 * in pieces) and the chunk-id ranges of the reduce tasks.
 */
final class ShuffleReads {
    private ShuffleReads() {
    }

    /**
     * Read tasks: every input once, in pieces of at most {@link TaskMemory#pieceLimit} (several variables
     * of one input together when they fit, one variable in slices along its leading axes when it does not).
     */
    static ShufflePlan plan(PatternGrid grid, List<VariableSpec> shuffled, long budget) {
        if (shuffled.isEmpty()) {
            return ShufflePlan.EMPTY;
        }
        List<ShuffleVariable> svars = new ArrayList<>();
        long nextId = 0;
        long maxChunk = 0;
        List<Long> starts = new ArrayList<>();
        for (VariableSpec v : shuffled) {
            ShuffleVariable sv = new ShuffleVariable(v.name(), nextId, v.shape(), v.chunks(), v.concatAxis());
            svars.add(sv);
            long cb = v.chunkBytes();
            maxChunk = Math.max(maxChunk, cb);
            long perTask = Math.max(1,
                    Math.min(TaskPlanner.MAX_CHUNKS_PER_TASK, Math.min(TaskPlanner.TASK_BYTES, budget / 2) / cb));
            for (long c = 0; c < sv.chunkCount(); c += perTask) {
                starts.add(nextId + c);
            }
            nextId += sv.chunkCount();
        }
        starts.add(nextId);
        long pieceLimit = TaskMemory.pieceLimit(budget);
        List<ReadTask> reads = new ArrayList<>();
        long readBytes = 0;
        for (int c = 0; c < grid.concatPositions(); c++) {
            for (int m = 0; m < grid.mergePositions(); m++) {
                int input = grid.at(c, m).input().index();
                List<ReadTask.Piece> open = new ArrayList<>();
                long openBytes = 0;
                long openFrag = 0;
                for (VariableSpec v : shuffled) {
                    // Variables without the concat dimension come from the first concat position only.
                    if (v.mergeIndex() != m || (v.alongConcat() ? grid.length(c) == 0 : c > 0)) {
                        continue;
                    }
                    int item = Math.max(v.first().dtype().size(), v.dtype().size());
                    long[] local = v.shape();
                    if (v.alongConcat()) {
                        local[v.concatAxis()] = grid.length(c);
                    }
                    long frag = Math.min(v.chunkBytes(), bytes(local, item));
                    for (ReadTask.Piece piece : cutIntoPieces(v, local, item, pieceLimit, v.transform(c))) {
                        long b = piece.elements() * item;
                        if (!open.isEmpty() && openBytes + b > pieceLimit) {
                            reads.add(new ReadTask(input, grid.offset(c), open, TaskMemory.map(openBytes, openFrag)));
                            open = new ArrayList<>();
                            openBytes = 0;
                            openFrag = 0;
                        }
                        open.add(piece);
                        openBytes += b;
                        openFrag = Math.max(openFrag, Math.min(frag, b));
                        readBytes += b;
                    }
                }
                if (!open.isEmpty()) {
                    reads.add(new ReadTask(input, grid.offset(c), open, TaskMemory.map(openBytes, openFrag)));
                }
            }
        }
        int mapPartitions = (int) Math.max(1,
                Math.min(reads.size(), (readBytes + TaskPlanner.TASK_BYTES - 1) / TaskPlanner.TASK_BYTES));
        return new ShufflePlan(svars, reads, starts.stream().mapToLong(Long::longValue).toArray(), mapPartitions,
                TaskMemory.reduce(maxChunk));
    }

    private static long bytes(long[] shape, int item) {
        long n = item;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** The variable's box in one input, cut along its leading axes into pieces of at most {@code limit} bytes. */
    private static List<ReadTask.Piece> cutIntoPieces(VariableSpec v, long[] local, int item, long limit, ValueTransform t) {
        int n = local.length;
        // Split axis: the first whose inner part fits; axes before it go one step at a time.
        int split = n;
        long inner = item;
        for (int a = n - 1; a >= 0; a--) {
            if (inner * local[a] > limit) {
                split = a;
                break;
            }
            inner *= local[a];
        }
        List<ReadTask.Piece> out = new ArrayList<>();
        if (split == n) {
            int[] count = new int[n];
            for (int a = 0; a < n; a++) {
                count[a] = Math.toIntExact(local[a]);
            }
            out.add(new ReadTask.Piece(v.name(), new long[n], count, t));
            return out;
        }
        long step = Math.max(1, limit / inner);
        if (step >= v.chunks()[split]) {
            // Whole chunks along the split axis (not the concat axis: its chunks start elsewhere in each input).
            int along = v.chunks()[split];
            step = split == v.concatAxis() ? step : step / along * along;
        }
        long[] idx = new long[split];
        while (true) {
            for (long s = 0; s < local[split]; s += step) {
                long[] start = new long[n];
                int[] count = new int[n];
                for (int a = 0; a < n; a++) {
                    if (a < split) {
                        start[a] = idx[a];
                        count[a] = 1;
                    } else if (a == split) {
                        start[a] = s;
                        count[a] = (int) Math.min(step, local[a] - s);
                    } else {
                        count[a] = Math.toIntExact(local[a]);
                    }
                }
                out.add(new ReadTask.Piece(v.name(), start, count, t));
            }
            int a = split - 1;
            while (a >= 0 && ++idx[a] == local[a]) {
                idx[a] = 0;
                a--;
            }
            if (a < 0) {
                return out;
            }
        }
    }

}
