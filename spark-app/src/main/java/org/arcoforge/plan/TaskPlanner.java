package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.arcoforge.recipe.ByteSize;

/** Chooses direct or shuffle writes per variable and groups the direct chunk writes into tasks within the budget. */
final class TaskPlanner {
    private final String concatDim;
    private final Map<String, Var> vars;
    private final InputMetadata[][] grid;
    private final int nConcat;
    private final int nMerge;
    private final long[] lengths;
    private final long[] offsets;
    private final long budget;
    private final List<String> packingWarnings;
    private final ToIntFunction<String> dimChunk;

    TaskPlanner(String concatDim, Map<String, Var> vars, InputMetadata[][] grid, int nConcat, int nMerge, long[] lengths,
            long[] offsets, long budget, List<String> packingWarnings, ToIntFunction<String> dimChunk) {
        this.concatDim = concatDim;
        this.vars = vars;
        this.grid = grid;
        this.nConcat = nConcat;
        this.nMerge = nMerge;
        this.lengths = lengths;
        this.offsets = offsets;
        this.budget = budget;
        this.packingWarnings = packingWarnings;
        this.dimChunk = dimChunk;
    }

    // ---- chunk writes and tasks ---------------------------------------------------------------

    /** Above this many pieces a variable's chunk writes are not listed one by one but shuffled. */
    private static final long MAX_LISTED_PIECES = 2_000_000;
    /** A reduce or map task aims at this much data, so task counts stay sane. */
    static final long TASK_BYTES = 128L << 20;
    /** Per-chunk overhead (a store object each) caps how many chunks one reduce task writes. */
    static final long MAX_CHUNKS_PER_TASK = 20_000;
    private static final long TINY_CHUNK = 1_000_000;
    private static final long HUGE_CHUNK = 500_000_000;

    static long chunkBytes(Var v) {
        long n = v.dtype.size();
        for (int c : v.chunks) {
            n = Math.multiplyExact(n, (long) c);
        }
        return n;
    }

    private static long chunkCount(Var v) {
        return ChunkGrid.count(ChunkGrid.of(v.shape, v.chunks));
    }

    private static long concatChunks(Var v) {
        return ChunkGrid.along(v.shape[v.concatAxis], v.chunks[v.concatAxis]);
    }

    /** Bytes of every chunk of {@code v} at one index along the concat axis. */
    private static long rowBytes(Var v) {
        long chunks = chunkCount(v) / Math.max(1, concatChunks(v));
        return Math.multiplyExact(chunks, chunkBytes(v));
    }

    private static String describeChunks(Var v) {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < v.chunks.length; a++) {
            sb.append(a == 0 ? "" : ", ").append(v.first.dims().get(a)).append('=').append(v.chunks[a]);
        }
        return sb.toString();
    }

    StorePlan build(TargetSchema schema) {
        List<Var> direct = new ArrayList<>();
        List<Var> shuffled = new ArrayList<>();
        List<Var> alone = new ArrayList<>();
        List<VariablePlan> modes = new ArrayList<>();
        List<String> warnings = new ArrayList<>(packingWarnings);
        long nConcatChunks = 0;
        for (Var v : vars.values()) {
            if (v.precomputed != null) {
                modes.add(new VariablePlan(v.name, VariablePlan.Mode.METADATA, 1, 0, "values known from metadata"));
                continue;
            }
            long cb = chunkBytes(v);
            if (cb * 3 > budget) {
                throw new PlanException("chunks of '" + v.name + "' (" + describeChunks(v) + ") are "
                        + ByteSize.format(cb) + ", more than a third of max_task_memory ("
                        + ByteSize.format(budget) + "), so no task could hold one with its"
                        + " inputs: choose smaller target_chunks (or target_chunk_size) or raise max_task_memory.");
            }
            warnSize(v, cb, warnings);
            if (v.alongConcat() && !v.isDimensionCoordinate()) {
                long row = rowBytes(v);
                long concatChunks = concatChunks(v);
                long pieces = (chunkCount(v) / Math.max(1, concatChunks)) * (concatChunks + nConcat);
                if (2 * row + cb > budget) {
                    shuffled.add(v);
                    modes.add(new VariablePlan(v.name, VariablePlan.Mode.SHUFFLE, chunkCount(v), cb,
                            "one step of chunks along '" + concatDim + "' is "
                                    + ByteSize.format(row) + ", too much for one task"));
                } else if (pieces > MAX_LISTED_PIECES) {
                    shuffled.add(v);
                    modes.add(new VariablePlan(v.name, VariablePlan.Mode.SHUFFLE, chunkCount(v), cb,
                            "about " + pieces + " pieces: too many small chunks to list one by one"));
                } else {
                    direct.add(v);
                    nConcatChunks = Math.max(nConcatChunks, concatChunks);
                    modes.add(new VariablePlan(v.name, VariablePlan.Mode.DIRECT, chunkCount(v), cb,
                            "each step of chunks along '" + concatDim + "' fits one task; inputs read once"));
                }
            } else if (!v.alongConcat() && chunkCount(v) > 1 && 2 * chunkCount(v) * cb + cb > budget) {
                // E.g. one large input: read once in slices rather than once per chunk.
                shuffled.add(v);
                modes.add(new VariablePlan(v.name, VariablePlan.Mode.SHUFFLE, chunkCount(v), cb,
                        "its " + chunkCount(v) + " chunks (" + ByteSize.format(chunkCount(v) * cb)
                                + ") are too much for one task; the input is read once, in slices"));
            } else {
                alone.add(v);
                modes.add(new VariablePlan(v.name, VariablePlan.Mode.DIRECT, chunkCount(v), cb,
                        v.alongConcat() ? "coordinate read from every input" : "read from one input"));
            }
        }
        List<StoreTask> tasks = new ArrayList<>();
        ConcatAxis axis = new ConcatAxis(offsets);
        if (!direct.isEmpty()) {
            long total = offsets[nConcat];
            int ch = dimChunk.applyAsInt(concatDim);
            for (long k = 0; k * ch < total; k++) {
                List<ConcatAxis.Segment> segments = axis.segments(k * ch, Math.min(total, (k + 1) * ch));
                List<ChunkWrite> writes = new ArrayList<>();
                long rows = 0;
                long maxChunk = 0;
                for (Var v : direct) {
                    long row = rowBytes(v);
                    long cb = chunkBytes(v);
                    if (!writes.isEmpty() && 2 * (rows + row) + Math.max(maxChunk, cb) > budget) {
                        addTask(tasks, writes, 2 * rows + maxChunk);
                        writes = new ArrayList<>();
                        rows = 0;
                        maxChunk = 0;
                    }
                    addWrites(v, v.concatAxis, k, segments, writes);
                    rows += row;
                    maxChunk = Math.max(maxChunk, cb);
                }
                addTask(tasks, writes, 2 * rows + maxChunk);
            }
        }
        for (Var v : alone) {
            List<ChunkWrite> writes = new ArrayList<>();
            if (v.alongConcat()) {
                // The concat coordinate without values: one chunk spanning every input.
                addWrites(v, 0, 0, axis.segments(0, v.shape[0]), writes);
            } else {
                addWrites(v, -1, 0, null, writes);
            }
            // Buffers, a read of at most twice what they hold (see StoreChunks; one chunk's piece
            // for a single chunk), one encoding.
            long cb = chunkBytes(v);
            int perTask = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budget - cb) / (3 * cb)));
            for (int i = 0; i < writes.size(); i += perTask) {
                List<ChunkWrite> part = writes.subList(i, Math.min(writes.size(), i + perTask));
                addTask(tasks, part, cb * part.size() + (part.size() == 1 ? cb : 2 * cb * part.size()) + cb);
            }
        }
        ShufflePlan shuffle = new ShuffleReads(budget, nConcat, nMerge, grid, lengths, offsets).shuffle(shuffled);
        return new StorePlan(schema, tasks, shuffle, modes, warnings, budget);
    }

    private static void addTask(List<StoreTask> tasks, List<ChunkWrite> writes, long peak) {
        if (!writes.isEmpty()) {
            tasks.add(new StoreTask(tasks.size(), writes, peak));
        }
    }

    private void warnSize(Var v, long cb, List<String> warnings) {
        if (v.isDimensionCoordinate() || v.shape.length == 0) {
            return;
        }
        long whole = v.dtype.size();
        for (long s : v.shape) {
            whole *= s;
        }
        String favor = v.alongConcat() ? "{size: 50MB, favor: [" + concatDim + "]}" : "50MB";
        if (cb < TINY_CHUNK && whole > cb) {
            warnings.add("chunks of '" + v.name + "' (" + describeChunks(v) + ") are "
                    + ByteSize.format(cb) + ", under 1 MB: every chunk is one object to"
                    + " write and to read; consider larger target_chunks or target_chunk_size: " + favor);
        } else if (cb > HUGE_CHUNK) {
            warnings.add("chunks of '" + v.name + "' (" + describeChunks(v) + ") are "
                    + ByteSize.format(cb) + ", over 500 MB: readers must fetch a whole chunk"
                    + " for any value; consider smaller target_chunks or target_chunk_size: " + favor);
        }
    }
    /**
     * Adds the writes of every chunk of {@code v} whose index along {@code fixedAxis} is {@code fixed}
     * (all chunks when fixedAxis is -1), in C order. {@code segments} split the fixed concat chunk among inputs.
     */
    private void addWrites(Var v, int fixedAxis, long fixed, List<ConcatAxis.Segment> segments, List<ChunkWrite> out) {
        long[] g = ChunkGrid.of(v.shape, v.chunks);
        for (long n : g) {
            if (n == 0) {
                return;
            }
        }
        long[] idx = new long[g.length];
        if (fixedAxis >= 0) {
            idx[fixedAxis] = fixed;
        }
        InputMetadata staticInput = grid[0][v.mergeIndex];
        while (true) {
            int n = g.length;
            long[] start = new long[n];
            int[] extent = new int[n];
            for (int a = 0; a < n; a++) {
                start[a] = idx[a] * v.chunks[a];
                extent[a] = (int) Math.min(v.chunks[a], v.shape[a] - start[a]);
            }
            List<Piece> pieces;
            if (fixedAxis < 0) {
                pieces = List.of(new Piece(staticInput.input().index(), start, extent, new int[n], v.transform(0)));
            } else {
                pieces = new ArrayList<>(segments.size());
                for (ConcatAxis.Segment s : segments) {
                    long[] src = start.clone();
                    int[] count = extent.clone();
                    int[] dest = new int[n];
                    src[fixedAxis] = s.sourceStart();
                    count[fixedAxis] = s.count();
                    dest[fixedAxis] = s.destStart();
                    pieces.add(new Piece(grid[s.position()][v.mergeIndex].input().index(), src, count, dest,
                            v.transform(s.position())));
                }
            }
            out.add(new ChunkWrite(v.name, idx.clone(), pieces));
            // Next index in C order, skipping the fixed axis.
            int a = n - 1;
            while (a >= 0) {
                if (a != fixedAxis && ++idx[a] < g[a]) {
                    break;
                }
                if (a != fixedAxis) {
                    idx[a] = 0;
                }
                a--;
            }
            if (a < 0) {
                return;
            }
        }
    }
}
