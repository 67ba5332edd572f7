package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.arcoforge.io.NetcdfInput;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.Piece;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Preprocessor;
import org.arcoforge.recipe.data.Fragment;
import org.arcoforge.recipe.data.FragmentVariable;
import org.arcoforge.zarr.FillValues;

/**
 * Store stage (runs on executors, one {@link StoreTask} per call): reads from each input the box
 * of every variable the task's pieces need, once, runs the recipe's preprocessors over that data
 * fragment, copies the pieces into whole-chunk buffers and writes each chunk.
 */
public final class StoreChunks {
    private StoreChunks() {
    }

    /** Figures for progress and the final summary. */
    public record Result(int chunks, long bytesDecoded, long bytesWritten) implements java.io.Serializable {
    }

    public static Result run(StoreTask task, TargetSchema schema, List<InputFile> inputs, JobSpec job) {
        Map<ChunkWrite, Object> buffers = new LinkedHashMap<>();
        TreeMap<Integer, List<Placed>> byInput = new TreeMap<>();
        for (ChunkWrite w : task.writes()) {
            TargetVariable v = schema.variable(w.variable());
            int n = NdArrays.product(v.chunks());
            // Pieces never overlap: when they cover the whole chunk, every element gets overwritten.
            long covered = w.pieces().stream().mapToLong(p -> NdArrays.product(p.count())).sum();
            buffers.put(w, covered == n ? v.dtype().newArray(n) : FillValues.filledChunk(v.dtype(), n, v.fillValue()));
            for (Piece p : w.pieces()) {
                byInput.computeIfAbsent(p.inputIndex(), k -> new ArrayList<>()).add(new Placed(w, v, p));
            }
        }
        long decoded = 0;
        for (Map.Entry<Integer, List<Placed>> e : byInput.entrySet()) {
            decoded += fillFromInput(inputs.get(e.getKey()), e.getValue(), buffers, job);
        }
        long written = 0;
        TargetStore store = TargetStore.open(job);
        for (Map.Entry<ChunkWrite, Object> e : buffers.entrySet()) {
            TargetVariable v = schema.variable(e.getKey().variable());
            written += store.writeChunk(v, e.getKey().chunkIndex(), e.getValue());
        }
        return new Result(buffers.size(), decoded, written);
    }

    private record Placed(ChunkWrite write, TargetVariable variable, Piece piece) {
    }

    /** The bounding box, in the input's index space, of one variable's pieces. */
    private static final class Box {
        final long[] start;
        final long[] end;

        Box(Piece p) {
            start = p.sourceStart().clone();
            end = new long[start.length];
            for (int d = 0; d < start.length; d++) {
                end[d] = start[d] + p.count()[d];
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
    }

    private static long fillFromInput(InputFile file, List<Placed> placed, Map<ChunkWrite, Object> buffers, JobSpec job) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        Map<String, TargetVariable> vars = new HashMap<>();
        for (Placed pl : placed) {
            String name = pl.variable().name();
            vars.put(name, pl.variable());
            Box b = boxes.get(name);
            if (b == null) {
                boxes.put(name, new Box(pl.piece()));
            } else {
                b.add(pl.piece());
            }
        }
        long decoded = 0;
        Fragment fragment;
        try (NetcdfInput in = NetcdfInput.open(file.url(), job.hadoopConf(), job.recipe().fileType())) {
            List<FragmentVariable> fvs = new ArrayList<>();
            for (Map.Entry<String, Box> e : boxes.entrySet()) {
                TargetVariable v = vars.get(e.getKey());
                Box b = e.getValue();
                int[] shape = b.shape();
                Object data = in.read(v.sourceName(), b.start, shape);
                long[] lshape = java.util.Arrays.stream(shape).asLongStream().toArray();
                fvs.add(new FragmentVariable(v.sourceName(), v.dims(), lshape, v.dtype(),
                        new LinkedHashMap<>(v.attributes()), data));
                decoded += (long) NdArrays.product(shape) * v.dtype().size();
            }
            fragment = new Fragment(in.location(), Map.of(), fvs);
        }
        for (Preprocessor p : job.recipe().preprocessors()) {
            p.apply(fragment);
        }
        for (Placed pl : placed) {
            TargetVariable v = pl.variable();
            Box b = boxes.get(v.name());
            FragmentVariable fv = fragment.variable(v.name());
            Piece p = pl.piece();
            int[] srcStart = new int[b.start.length];
            for (int d = 0; d < srcStart.length; d++) {
                srcStart[d] = Math.toIntExact(p.sourceStart()[d] - b.start[d]);
            }
            NdArrays.copyBox(fv.data(), b.shape(), srcStart, buffers.get(pl.write()), v.chunks(), p.destStart(),
                    p.count(), p.transform(), fv.dtype().isUnsigned(), v.fillValue());
        }
        return decoded;
    }
}
