package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.arcoforge.plan.ShuffleFragment;
import org.arcoforge.plan.ReadTask;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.ShuffleVariable;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Store stage through the shuffle, map side (runs on executors): reads a {@link ReadTask}'s pieces
 * of one input the way {@link DirectWriter} reads a direct task's ({@link PieceReader}) and cuts
 * them into {@link ChunkFragment}s, one per target chunk each piece touches, for
 * {@link ShuffleReduce} to assemble.
 */
public final class ShuffleMap {
    private ShuffleMap() {
    }

    /** Where one fragment lies: in which piece of the task, and where in that piece and in its chunk. */
    private record Cut(ReadTask.Piece piece, ShuffleFragment fragment) {
    }

    /**
     * The task's fragments, made lazily so that only one is held besides the pieces read (pieces of
     * one input are read and preprocessed together). Time re-encoding and the target dtype are
     * applied here. Adds the bytes decoded to {@code decodedOut[0]} as pieces are read.
     */
    public static Iterator<ChunkFragment> cut(ReadTask task, TargetSchema schema, ShufflePlan shuffle,
                                              List<InputFile> inputs, JobSpec job, long[] decodedOut) {
        // Pieces of one variable in one task would share a name in the dataset read: read them one at a time.
        List<List<ReadTask.Piece>> groups = new ArrayList<>();
        for (ReadTask.Piece s : task.pieces()) {
            List<ReadTask.Piece> g = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            boolean clash = g != null && g.stream().anyMatch(x -> x.variable().equals(s.variable()));
            if (g == null || clash) {
                g = new ArrayList<>();
                groups.add(g);
            }
            g.add(s);
        }
        Map<String, ShuffleVariable> svars = new HashMap<>();
        for (ShuffleVariable sv : shuffle.variables()) {
            svars.put(sv.name(), sv);
        }
        InputFile file = inputs.get(task.inputIndex());
        return new Iterator<>() {
            private final Map<String, TargetVariable> vars = new HashMap<>();
            private int group = -1;
            private Dataset read;
            private final List<Cut> pending = new ArrayList<>();
            private int next;

            private void load() {
                while (next == pending.size() && ++group < groups.size()) {
                    Map<String, long[]> starts = new LinkedHashMap<>();
                    Map<String, int[]> shapes = new LinkedHashMap<>();
                    vars.clear();
                    pending.clear();
                    next = 0;
                    for (ReadTask.Piece s : groups.get(group)) {
                        vars.put(s.variable(), schema.variable(s.variable()));
                        starts.put(s.variable(), s.start());
                        shapes.put(s.variable(), s.count());
                    }
                    read = null;
                    read = PieceReader.read(file, vars, starts, shapes, job);
                    decodedOut[0] += PieceReader.decodedBytes(vars, shapes);
                    for (ReadTask.Piece s : groups.get(group)) {
                        for (ShuffleFragment c : ShuffleFragment.of(svars.get(s.variable()), s, task.concatOffset())) {
                            pending.add(new Cut(s, c));
                        }
                    }
                }
            }

            @Override
            public boolean hasNext() {
                load();
                return next < pending.size();
            }

            @Override
            public ChunkFragment next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Cut cut = pending.get(next);
                pending.set(next++, null);
                return fragment(cut.piece(), cut.fragment(), vars.get(cut.piece().variable()), read);
            }
        };
    }

    /** The fragment's values, copied out of the piece read, in the target's dtype and time units. */
    static ChunkFragment fragment(ReadTask.Piece piece, ShuffleFragment c, TargetVariable v, Dataset read) {
        DatasetVariable dv = read.variable(v.name());
        Object data = v.dtype().newArray(NdArrays.product(c.count()));
        NdArrays.copyBox(dv.data(), piece.count(), c.srcStart(), data, c.count(), new int[c.count().length],
                c.count(), piece.transform(), dv.dtype().isUnsigned(), v.fillValue());
        return new ChunkFragment(c.chunkId(), c.destStart(), c.count(), data);
    }
}
