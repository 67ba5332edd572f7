package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.ByteSize;

/**
 * Planner step 7: for each variable, direct or shuffle writes ({@link TaskMemory} decides what
 * fits one task); the direct chunk writes grouped into tasks within the budget; the shuffled
 * variables' reads from {@link ShuffleReads}.
 */
final class TaskPlanner {
    private TaskPlanner() {
    }

    /** Above this many fragments a variable's chunk writes are not listed one by one but shuffled. */
    private static final long MAX_LISTED_FRAGMENTS = 2_000_000;
    /** A reduce or map task aims at this much data, so task counts stay sane. */
    static final long TASK_BYTES = 128L << 20;
    /** Per-chunk overhead (a store object each) caps how many chunks one reduce task writes. */
    static final long MAX_CHUNKS_PER_TASK = 20_000;
    private static final long TINY_CHUNK = 1_000_000;
    private static final long HUGE_CHUNK = 500_000_000;

    private static long chunkCount(VariableSpec v) {
        return ChunkGrid.count(ChunkGrid.of(v.shape(), v.chunks()));
    }

    private static long concatChunks(VariableSpec v) {
        return ChunkGrid.along(v.shape()[v.concatAxis()], v.chunks()[v.concatAxis()]);
    }

    /** Bytes of every chunk of {@code v} at one index along the concat axis. */
    private static long rowBytes(VariableSpec v) {
        long chunks = chunkCount(v) / Math.max(1, concatChunks(v));
        return Math.multiplyExact(chunks, v.chunkBytes());
    }

    private static String describeChunks(VariableSpec v) {
        StringBuilder sb = new StringBuilder();
        int[] chunks = v.chunks();
        for (int a = 0; a < chunks.length; a++) {
            sb.append(a == 0 ? "" : ", ").append(v.dims().get(a)).append('=').append(chunks[a]);
        }
        return sb.toString();
    }

    /**
     * @param concatChunk chunk length along the concat dimension (null when no variable is chunked along it)
     * @param warnings    warnings of the steps before, kept first
     * @throws PlanException when a chunk is too large for any task
     */
    static StorePlan plan(PatternGrid grid, Map<String, VariableSpec> vars, TargetSchema schema, Integer concatChunk,
                          long budget, List<String> warnings) {
        String concatDim = grid.concatDim();
        List<VariableSpec> direct = new ArrayList<>();
        List<VariableSpec> shuffled = new ArrayList<>();
        List<VariableSpec> alone = new ArrayList<>();
        List<VariablePlan> modes = new ArrayList<>();
        List<String> allWarnings = new ArrayList<>(warnings);
        for (VariableSpec v : vars.values()) {
            if (v.precomputed() != null) {
                modes.add(new VariablePlan(v.name(), VariablePlan.Mode.METADATA, 1, 0, "values known from metadata"));
                continue;
            }
            long cb = v.chunkBytes();
            if (TaskMemory.oneChunk(cb) > budget) {
                throw new PlanException("chunks of '" + v.name() + "' (" + describeChunks(v) + ") are "
                        + ByteSize.format(cb) + ", more than a third of max_task_memory ("
                        + ByteSize.format(budget) + "), so no task could hold one with its"
                        + " inputs: choose smaller target_chunks (or target_chunk_size) or raise max_task_memory.");
            }
            warnSize(v, cb, concatDim, allWarnings);
            long n = chunkCount(v);
            if (v.alongConcat() && !v.isDimensionCoordinate()) {
                long row = rowBytes(v);
                long concatChunks = concatChunks(v);
                long fragments = (n / Math.max(1, concatChunks)) * (concatChunks + grid.concatPositions());
                if (TaskMemory.rows(row, cb) > budget) {
                    shuffled.add(v);
                    modes.add(new VariablePlan(v.name(), VariablePlan.Mode.SHUFFLE, n, cb,
                            "one step of chunks along '" + concatDim + "' is "
                                    + ByteSize.format(row) + ", too much for one task"));
                } else if (fragments > MAX_LISTED_FRAGMENTS) {
                    shuffled.add(v);
                    modes.add(new VariablePlan(v.name(), VariablePlan.Mode.SHUFFLE, n, cb,
                            "about " + fragments + " fragments: too many small chunks to list one by one"));
                } else {
                    direct.add(v);
                    modes.add(new VariablePlan(v.name(), VariablePlan.Mode.DIRECT, n, cb,
                            "each step of chunks along '" + concatDim + "' fits one task; inputs read once"));
                }
            } else if (!v.alongConcat() && n > 1 && TaskMemory.wholeVariable(n, cb) > budget) {
                // E.g. one large input: read once in slices rather than once per chunk.
                shuffled.add(v);
                modes.add(new VariablePlan(v.name(), VariablePlan.Mode.SHUFFLE, n, cb,
                        "its " + n + " chunks (" + ByteSize.format(n * cb)
                                + ") are too much for one task; the input is read once, in slices"));
            } else {
                alone.add(v);
                modes.add(new VariablePlan(v.name(), VariablePlan.Mode.DIRECT, n, cb,
                        v.alongConcat() ? "coordinate read from every input" : "read from one input"));
            }
        }
        List<StoreTask> tasks = new ArrayList<>();
        rowTasks(grid, direct, concatChunk, budget, tasks);
        aloneTasks(grid, alone, budget, tasks);
        ShufflePlan shuffle = ShuffleReads.plan(grid, shuffled, budget);
        return new StorePlan(schema, tasks, shuffle, modes, allWarnings, budget);
    }

    /** Tasks of whole steps of chunks along the concat dimension: variables together while they fit. */
    private static void rowTasks(PatternGrid grid, List<VariableSpec> direct, Integer concatChunk, long budget,
                                 List<StoreTask> tasks) {
        if (direct.isEmpty()) {
            return;
        }
        ConcatAxis axis = grid.axis();
        long total = grid.end();
        int ch = concatChunk;
        for (long k = grid.start() / ch; k * ch < total; k++) {
            List<ConcatAxis.Span> spans = axis.spans(k * ch, Math.min(total, (k + 1) * ch));
            List<ChunkWrite> writes = new ArrayList<>();
            long rows = 0;
            long maxChunk = 0;
            for (VariableSpec v : direct) {
                long row = rowBytes(v);
                long cb = v.chunkBytes();
                if (!writes.isEmpty() && TaskMemory.rows(rows + row, Math.max(maxChunk, cb)) > budget) {
                    addTask(tasks, writes, TaskMemory.rows(rows, maxChunk));
                    writes = new ArrayList<>();
                    rows = 0;
                    maxChunk = 0;
                }
                writes.addAll(ChunkWrites.of(grid, v, v.concatAxis(), k, spans));
                rows += row;
                maxChunk = Math.max(maxChunk, cb);
            }
            addTask(tasks, writes, TaskMemory.rows(rows, maxChunk));
        }
    }

    /** Tasks of variables read from one input (or the concat coordinate from all): chunks in order, as many as fit. */
    private static void aloneTasks(PatternGrid grid, List<VariableSpec> alone, long budget, List<StoreTask> tasks) {
        for (VariableSpec v : alone) {
            List<ChunkWrite> writes = v.alongConcat()
                    // The concat coordinate without values: one chunk spanning every input.
                    ? ChunkWrites.of(grid, v, 0, 0, grid.axis().spans(0, v.shape()[0]))
                    : ChunkWrites.of(grid, v, -1, 0, null);
            long cb = v.chunkBytes();
            int perTask = TaskMemory.chunksPerTask(budget, cb);
            for (int i = 0; i < writes.size(); i += perTask) {
                List<ChunkWrite> part = writes.subList(i, Math.min(writes.size(), i + perTask));
                addTask(tasks, part, TaskMemory.chunks(part.size(), cb));
            }
        }
    }

    private static void addTask(List<StoreTask> tasks, List<ChunkWrite> writes, long peak) {
        if (!writes.isEmpty()) {
            tasks.add(new StoreTask(tasks.size(), writes, peak));
        }
    }

    private static void warnSize(VariableSpec v, long cb, String concatDim, List<String> warnings) {
        long[] shape = v.shape();
        if (v.isDimensionCoordinate() || shape.length == 0) {
            return;
        }
        long whole = v.dtype().size();
        for (long s : shape) {
            whole *= s;
        }
        String favor = v.alongConcat() ? "{size: 50MB, favor: [" + concatDim + "]}" : "50MB";
        if (cb < TINY_CHUNK && whole > cb) {
            warnings.add("chunks of '" + v.name() + "' (" + describeChunks(v) + ") are "
                    + ByteSize.format(cb) + ", under 1 MB: every chunk is one object to"
                    + " write and to read; consider larger target_chunks or target_chunk_size: " + favor);
        } else if (cb > HUGE_CHUNK) {
            warnings.add("chunks of '" + v.name() + "' (" + describeChunks(v) + ") are "
                    + ByteSize.format(cb) + ", over 500 MB: readers must fetch a whole chunk"
                    + " for any value; consider smaller target_chunks or target_chunk_size: " + favor);
        }
    }
}
