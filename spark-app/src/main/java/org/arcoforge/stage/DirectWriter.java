package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.Fragment;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Store stage, direct path (runs on executors): one {@link StoreTask} per call reads from each of
 * its inputs the pieces its fragments lie in ({@link PieceReads}), preprocessed ({@link PieceReader}),
 * copies the fragments into whole-chunk buffers ({@link TaskChunks}) and writes each chunk.
 */
public final class DirectWriter {
    private DirectWriter() {
    }

    public static StoreResult run(StoreTask task, TargetSchema schema, List<InputFile> inputs, JobSpec job) {
        TargetStore store = TargetStore.open(job);
        TreeMap<Integer, List<DirectFragment>> byInput = new TreeMap<>();
        Set<String> planeVariables = new HashSet<>();
        for (ChunkWrite w : task.writes()) {
            TargetVariable v = schema.variable(w.variable());
            if (store.takesBytePlanes(v)) {
                planeVariables.add(v.name());
            }
            for (Fragment p : w.fragments()) {
                byInput.computeIfAbsent(p.inputIndex(), k -> new ArrayList<>()).add(new DirectFragment(w, v, p));
            }
        }
        TaskChunks chunks = new TaskChunks(planeVariables);
        long decoded = 0;
        for (Map.Entry<Integer, List<DirectFragment>> e : byInput.entrySet()) {
            decoded += fillFromInput(inputs.get(e.getKey()), e.getValue(), chunks, job);
        }
        long written = 0;
        Map<String, Long> stored = new LinkedHashMap<>();
        for (ChunkWrite w : task.writes()) {
            TargetVariable v = schema.variable(w.variable());
            Object buffer = AppendBoundary.withOldSteps(job, schema, v, w.chunkIndex(), chunks.finished(w, v));
            long n = store.writeChunk(v, w.chunkIndex(), buffer);
            BufferMeter.passing(n);
            stored.put(store.chunkKey(v, w.chunkIndex()), n);
            written += n;
            ChunkBuffers.give(buffer);
        }
        return new StoreResult(task.writes().size(), decoded, written, stored);
    }

    /** Reads the pieces of one input and puts their fragments into the chunks; returns the bytes decoded. */
    private static long fillFromInput(InputFile file, List<DirectFragment> fragments, TaskChunks chunks, JobSpec job) {
        long decoded = 0;
        try (NetcdfInput in = PieceReader.open(file, job)) {
            for (PieceReads.Read read : PieceReads.of(fragments)) {
                decoded += PieceReader.decodedBytes(read.variables(), read.shapes());
                if (job.recipe().preprocessors().isEmpty()) {
                    // No preprocessor needs the piece as a whole: a fragment that is a whole stored
                    // chunk decodes straight into the chunk buffer.
                    for (Map.Entry<String, List<DirectFragment>> e : List.copyOf(read.fragments().entrySet())) {
                        if (e.getValue().size() == 1 && readInto(in, e.getValue().get(0), chunks)) {
                            read.remove(e.getKey());
                        }
                    }
                }
                if (read.starts().isEmpty()) {
                    continue;
                }
                Dataset piece = PieceReader.read(in, read.variables(), read.starts(), read.shapes(), job);
                long held = BufferMeter.holdRead(piece);
                read.fragments().forEach((name, fs) -> {
                    DatasetVariable dv = piece.variable(name);
                    for (DirectFragment f : fs) {
                        copy(dv, read.starts().get(name), read.shapes().get(name), f, chunks);
                    }
                });
                BufferMeter.release(held);
            }
        }
        return decoded;
    }

    /** Copies one fragment out of the piece it was read with ({@code pieceStart + [0, pieceShape)}). */
    private static void copy(DatasetVariable dv, long[] pieceStart, int[] pieceShape, DirectFragment f,
                             TaskChunks chunks) {
        TargetVariable v = f.variable();
        Fragment p = f.fragment();
        int[] srcStart = new int[pieceStart.length];
        for (int d = 0; d < srcStart.length; d++) {
            srcStart[d] = Math.toIntExact(p.sourceStart()[d] - pieceStart[d]);
        }
        NdArrays.copyBox(dv.data(), pieceShape, srcStart, chunks.values(f), v.chunks(), p.destStart(), p.count(),
                p.transform(), dv.dtype().isUnsigned(), v.fillValue());
    }

    /**
     * Whether the fragment's values were decoded straight into its place in the chunk buffer: only
     * without a transform, and where that place is one contiguous run of the buffer.
     */
    private static boolean readInto(NetcdfInput in, DirectFragment f, TaskChunks chunks) {
        Fragment p = f.fragment();
        if (p.transform() != null && !p.transform().isIdentity()) {
            return false;
        }
        int[] count = p.count();
        int[] shape = f.variable().chunks();
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
        return chunks.readInto(in, f, count, offset);
    }
}
