package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.Piece;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Preprocessor;
import org.arcoforge.recipe.data.Fragment;
import org.arcoforge.recipe.data.FragmentVariable;
import org.arcoforge.codec.FillValues;

/**
 * Store stage (runs on executors). Direct: one {@link StoreTask} per call reads from each input the
 * box of every variable its pieces need, runs the recipe's preprocessors over that data fragment,
 * copies the pieces into whole-chunk buffers and writes each chunk. The shuffle path is
 * {@link ShuffleStore}, which reads its slabs through the helpers here.
 */
public final class StoreChunks {
    private StoreChunks() {
    }

    /**
     * Figures for progress and the final summary.
     *
     * @param stored each chunk written (its key) and its stored size, for the progress log
     */
    public record Result(int chunks, long bytesDecoded, long bytesWritten, Map<String, Long> stored)
            implements java.io.Serializable {
        public Result(int chunks, long bytesDecoded, long bytesWritten) {
            this(chunks, bytesDecoded, bytesWritten, Map.of());
        }
    }

    public static Result run(StoreTask task, TargetSchema schema, List<InputFile> inputs, JobSpec job) {
        TargetStore store = TargetStore.open(job);
        TreeMap<Integer, List<Placed>> byInput = new TreeMap<>();
        Set<String> planeVariables = new HashSet<>();
        for (ChunkWrite w : task.writes()) {
            TargetVariable v = schema.variable(w.variable());
            if (store.takesBytePlanes(v)) {
                planeVariables.add(v.name());
            }
            for (Piece p : w.pieces()) {
                byInput.computeIfAbsent(p.inputIndex(), k -> new ArrayList<>()).add(new Placed(w, v, p));
            }
        }
        Chunks chunks = new Chunks(planeVariables);
        long decoded = 0;
        for (Map.Entry<Integer, List<Placed>> e : byInput.entrySet()) {
            decoded += fillFromInput(inputs.get(e.getKey()), e.getValue(), chunks, job);
        }
        long written = 0;
        Map<String, Long> stored = new LinkedHashMap<>();
        for (ChunkWrite w : task.writes()) {
            TargetVariable v = schema.variable(w.variable());
            Object buffer = chunks.finished(w, v);
            long n = store.writeChunk(v, w.chunkIndex(), buffer);
            stored.put(store.chunkKey(v, w.chunkIndex()), n);
            written += n;
            ChunkBuffers.give(buffer);
        }
        return new Result(task.writes().size(), decoded, written, stored);
    }

    private record Placed(ChunkWrite write, TargetVariable variable, Piece piece) {
    }

    /**
     * A task's chunk buffers, made on first use. A piece decoded straight from a stored chunk goes
     * into byte planes when the variable's target codec shuffles (no pass through values); the
     * first piece that has to be copied as values turns the chunk into values.
     */
    private static final class Chunks {
        private final Map<ChunkWrite, Object> buffers = new HashMap<>();
        private final Set<String> planeVariables;

        Chunks(Set<String> planeVariables) {
            this.planeVariables = planeVariables;
        }

        /** Decodes the piece straight into its chunk at {@code offset}, if the input can. */
        boolean readInto(NetcdfInput in, Placed pl, int[] count, int offset) {
            Object chunk = buffers.get(pl.write());
            boolean fresh = chunk == null;
            if (fresh) {
                chunk = newBuffer(pl.write(), pl.variable(), planeVariables.contains(pl.variable().name()));
            }
            boolean done = in.readInto(pl.variable().sourceName(), pl.piece().sourceStart(), count, chunk, offset);
            if (done) {
                buffers.put(pl.write(), chunk);
            } else if (fresh) {
                ChunkBuffers.give(chunk);
            }
            return done;
        }

        /** The piece's chunk as values, to copy the piece into. */
        Object values(Placed pl) {
            Object chunk = buffers.get(pl.write());
            if (chunk == null) {
                chunk = newBuffer(pl.write(), pl.variable(), false);
            } else if (chunk instanceof BytePlanes planes) {
                chunk = planes.toValues(ChunkBuffers.take(planes.dtype(), planes.elements()));
                ChunkBuffers.give(planes);
            }
            buffers.put(pl.write(), chunk);
            return chunk;
        }

        /** The chunk to write once every piece is in. */
        Object finished(ChunkWrite w, TargetVariable v) {
            Object chunk = buffers.remove(w);
            return chunk != null ? chunk : newBuffer(w, v, false);
        }
    }

    /** A buffer for the write's chunk: set to the fill value unless its pieces cover all of it. */
    private static Object newBuffer(ChunkWrite w, TargetVariable v, boolean planes) {
        int n = NdArrays.product(v.chunks());
        // Pieces never overlap: when they cover the whole chunk, every element gets overwritten.
        boolean covered = w.pieces().stream().mapToLong(p -> NdArrays.product(p.count())).sum() == n;
        if (planes) {
            BytePlanes b = ChunkBuffers.takePlanes(v.dtype(), n);
            if (!covered) {
                FillValues.fill(b, v.fillValue());
            }
            return b;
        }
        return covered ? ChunkBuffers.take(v.dtype(), n) : FillValues.filledChunk(v.dtype(), n, v.fillValue());
    }

    /** A box in an input's index space. */
    private static final class Box {
        final long[] start;
        final long[] end;

        Box(long[] start, int[] count) {
            this.start = start.clone();
            end = new long[start.length];
            for (int d = 0; d < start.length; d++) {
                end[d] = start[d] + count[d];
            }
        }

        void add(Piece p) {
            for (int d = 0; d < start.length; d++) {
                start[d] = Math.min(start[d], p.sourceStart()[d]);
                end[d] = Math.max(end[d], p.sourceStart()[d] + p.count()[d]);
            }
        }

        int[] shape() {
            int[] s = new int[start.length];
            for (int d = 0; d < s.length; d++) {
                s[d] = Math.toIntExact(end[d] - start[d]);
            }
            return s;
        }

        long elements() {
            long n = 1;
            for (int d = 0; d < start.length; d++) {
                n *= end[d] - start[d];
            }
            return n;
        }
    }

    private static long fillFromInput(InputFile file, List<Placed> placed, Chunks chunks, JobSpec job) {
        // One bounding box per variable, unless it is more than twice what the pieces need (scattered
        // chunks): then one read per piece, so a task never holds much more than its chunks.
        Map<String, List<Placed>> byVar = new LinkedHashMap<>();
        for (Placed pl : placed) {
            byVar.computeIfAbsent(pl.variable().name(), k -> new ArrayList<>()).add(pl);
        }
        List<Map<String, Box>> reads = new ArrayList<>();
        List<Map<String, List<Placed>>> readPieces = new ArrayList<>();
        Map<String, Box> together = new LinkedHashMap<>();
        Map<String, List<Placed>> togetherPieces = new LinkedHashMap<>();
        for (Map.Entry<String, List<Placed>> e : byVar.entrySet()) {
            Box b = null;
            long needed = 0;
            for (Placed pl : e.getValue()) {
                needed += NdArrays.product(pl.piece().count());
                if (b == null) {
                    b = new Box(pl.piece().sourceStart(), pl.piece().count());
                } else {
                    b.add(pl.piece());
                }
            }
            if (b.elements() <= 2 * needed) {
                together.put(e.getKey(), b);
                togetherPieces.put(e.getKey(), e.getValue());
            } else {
                for (Placed pl : e.getValue()) {
                    reads.add(Map.of(e.getKey(), new Box(pl.piece().sourceStart(), pl.piece().count())));
                    readPieces.add(Map.of(e.getKey(), List.of(pl)));
                }
            }
        }
        if (!together.isEmpty()) {
            reads.add(0, together);
            readPieces.add(0, togetherPieces);
        }
        long decoded = 0;
        try (NetcdfInput in = open(file, job)) {
            for (int r = 0; r < reads.size(); r++) {
                Map<String, Box> boxes = reads.get(r);
                Map<String, TargetVariable> vars = new HashMap<>();
                readPieces.get(r).forEach((name, pls) -> vars.put(name, pls.get(0).variable()));
                Map<String, long[]> starts = new LinkedHashMap<>();
                Map<String, int[]> shapes = new LinkedHashMap<>();
                boxes.forEach((name, b) -> {
                    starts.put(name, b.start);
                    shapes.put(name, b.shape());
                });
                decoded += decodedBytes(vars, shapes);
                Map<String, List<Placed>> rest = new LinkedHashMap<>(readPieces.get(r));
                if (job.recipe().preprocessors().isEmpty()) {
                    // No preprocessor needs the data fragment: whole stored chunks decode straight
                    // into the chunk buffer.
                    rest.values().removeIf(pls -> pls.size() == 1 && readInto(in, pls.get(0), chunks));
                    starts.keySet().retainAll(rest.keySet());
                    shapes.keySet().retainAll(rest.keySet());
                }
                Fragment fragment = starts.isEmpty() ? null : readFragment(in, vars, starts, shapes, job);
                for (List<Placed> pls : rest.values()) {
                    for (Placed pl : pls) {
                        TargetVariable v = pl.variable();
                        Box b = boxes.get(v.name());
                        FragmentVariable fv = fragment.variable(v.name());
                        Piece p = pl.piece();
                        int[] srcStart = new int[b.start.length];
                        for (int d = 0; d < srcStart.length; d++) {
                            srcStart[d] = Math.toIntExact(p.sourceStart()[d] - b.start[d]);
                        }
                        NdArrays.copyBox(fv.data(), b.shape(), srcStart, chunks.values(pl), v.chunks(), p.destStart(),
                                p.count(), p.transform(), fv.dtype().isUnsigned(), v.fillValue());
                    }
                }
            }
        }
        return decoded;
    }

    static long decodedBytes(Map<String, TargetVariable> vars, Map<String, int[]> shapes) {
        long n = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            n += (long) NdArrays.product(e.getValue()) * vars.get(e.getKey()).dtype().size();
        }
        return n;
    }

    /**
     * Reads the box {@code starts + [0, shapes)} of each variable (by target name) from one input
     * and runs the recipe's preprocessors over it: the map side of both store paths.
     */
    static Fragment readFragment(InputFile file, Map<String, TargetVariable> vars, Map<String, long[]> starts,
                                         Map<String, int[]> shapes, JobSpec job) {
        try (NetcdfInput in = open(file, job)) {
            return readFragment(in, vars, starts, shapes, job);
        }
    }

    private static NetcdfInput open(InputFile file, JobSpec job) {
        return NetcdfInput.open(job.readLocation(file), job.hadoopConf(), job.sourceAccess(), job.recipe().fileType(),
                job.recipe().group()).dropping(job.recipe().dropVariables());
    }

    /**
     * Whether the piece's values were decoded straight into its place in the chunk buffer: only
     * without a transform, and where that place is one contiguous run of the buffer.
     */
    private static boolean readInto(NetcdfInput in, Placed pl, Chunks chunks) {
        Piece p = pl.piece();
        if (p.transform() != null && !p.transform().isIdentity()) {
            return false;
        }
        int[] count = p.count();
        int[] shape = pl.variable().chunks();
        int j = 0;
        while (j < count.length && count[j] == 1) {
            j++;
        }
        for (int d = j + 1; d < count.length; d++) {
            if (count[d] != shape[d]) {
                return false;
            }
        }
        int offset = 0;
        int stride = 1;
        for (int d = count.length - 1; d >= 0; d--) {
            offset += p.destStart()[d] * stride;
            stride *= shape[d];
        }
        return chunks.readInto(in, pl, count, offset);
    }

    private static Fragment readFragment(NetcdfInput in, Map<String, TargetVariable> vars, Map<String, long[]> starts,
                                         Map<String, int[]> shapes, JobSpec job) {
        List<FragmentVariable> fvs = new ArrayList<>();
        for (Map.Entry<String, long[]> e : starts.entrySet()) {
            TargetVariable v = vars.get(e.getKey());
            int[] shape = shapes.get(e.getKey());
            Object data = in.read(v.sourceName(), e.getValue(), shape);
            long[] lshape = Arrays.stream(shape).asLongStream().toArray();
            fvs.add(new FragmentVariable(v.sourceName(), v.dims(), lshape, v.dtype(),
                    new LinkedHashMap<>(v.attributes()), data));
        }
        Fragment fragment = new Fragment(in.location(), Map.of(), fvs);
        for (Preprocessor p : job.recipe().preprocessors()) {
            p.apply(fragment);
        }
        return fragment;
    }
}
