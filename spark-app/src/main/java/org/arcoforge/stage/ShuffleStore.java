package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.arcoforge.plan.FragmentCut;
import org.arcoforge.plan.ReadTask;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.ShuffleVariable;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.Fragment;
import org.arcoforge.recipe.data.FragmentVariable;
import org.arcoforge.codec.FillValues;

/**
 * Store stage through the shuffle (runs on executors). {@link #cut} reads a {@link ReadTask}'s slabs
 * the way {@link StoreChunks} reads a direct task's boxes and cuts them into {@link ChunkFragment}s;
 * {@link #assemble} takes fragments sorted by chunk and writes one whole chunk at a time.
 */
public final class ShuffleStore {
    private ShuffleStore() {
    }
    /**
     * Map side: reads the task's slabs (one input, preprocessed together) and returns their
     * fragments, one per output chunk each slab touches, made lazily so that only one is held
     * besides the slabs. Time re-encoding and the target dtype are applied here.
     */
    public static Iterator<ChunkFragment> cut(ReadTask task, TargetSchema schema, ShufflePlan shuffle,
                                              List<InputFile> inputs, JobSpec job, long[] decodedOut) {
        Map<String, TargetVariable> vars = new HashMap<>();
        Map<String, long[]> starts = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        // Slabs of one variable in one task would share a fragment name: read them one at a time.
        List<List<ReadTask.Slab>> groups = new ArrayList<>();
        for (ReadTask.Slab s : task.slabs()) {
            List<ReadTask.Slab> g = groups.isEmpty() ? null : groups.get(groups.size() - 1);
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
            private int group = -1;
            private Fragment fragment;
            private final List<Object[]> pending = new ArrayList<>();
            private int next;

            private void load() {
                while (next == pending.size() && ++group < groups.size()) {
                    vars.clear();
                    starts.clear();
                    shapes.clear();
                    pending.clear();
                    next = 0;
                    for (ReadTask.Slab s : groups.get(group)) {
                        vars.put(s.variable(), schema.variable(s.variable()));
                        starts.put(s.variable(), s.start());
                        shapes.put(s.variable(), s.count());
                    }
                    fragment = null;
                    fragment = StoreChunks.readFragment(file, vars, starts, shapes, job);
                    decodedOut[0] += StoreChunks.decodedBytes(vars, shapes);
                    for (ReadTask.Slab s : groups.get(group)) {
                        for (FragmentCut c : FragmentCut.of(svars.get(s.variable()), s, task.concatOffset())) {
                            pending.add(new Object[] {s, c});
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
                Object[] p = pending.get(next);
                pending.set(next++, null);
                ReadTask.Slab s = (ReadTask.Slab) p[0];
                FragmentCut c = (FragmentCut) p[1];
                TargetVariable v = vars.get(s.variable());
                FragmentVariable fv = fragment.variable(v.name());
                Object data = v.dtype().newArray(NdArrays.product(c.count()));
                NdArrays.copyBox(fv.data(), s.count(), c.srcStart(), data, c.count(), new int[c.count().length],
                        c.count(), s.transform(), fv.dtype().isUnsigned(), v.fillValue());
                return new ChunkFragment(c.chunkId(), c.destStart(), c.count(), data);
            }
        };
    }

    /**
     * Reduce side: fragments sorted by chunk id; fills one chunk buffer at a time and writes it once
     * all its elements arrived.
     */
    public static StoreChunks.Result assemble(Iterator<ChunkFragment> sorted, TargetSchema schema, ShufflePlan shuffle,
                                              JobSpec job) {
        TargetStore store = TargetStore.open(job);
        int chunks = 0;
        long written = 0;
        Map<String, Long> stored = new LinkedHashMap<>();
        long current = -1;
        ShuffleVariable sv = null;
        TargetVariable v = null;
        Object buffer = null;
        long[] index = null;
        long filled = 0;
        while (true) {
            ChunkFragment f = sorted.hasNext() ? sorted.next() : null;
            if (buffer != null && (f == null || f.chunkId() != current)) {
                long expected = sv.elementsInside(index);
                if (filled != expected) {
                    throw new StageException("chunk " + store.chunkKey(v, index) + " received " + filled
                            + " of its " + expected + " values through the shuffle; the store is left unconsolidated");
                }
                long n = store.writeChunk(v, index, buffer);
                stored.put(store.chunkKey(v, index), n);
                written += n;
                chunks++;
                buffer = null;
            }
            if (f == null) {
                return new StoreChunks.Result(chunks, 0, written, stored);
            }
            if (buffer == null) {
                current = f.chunkId();
                sv = shuffle.variableOf(current);
                v = schema.variable(sv.name());
                index = sv.chunkIndex(current);
                buffer = FillValues.filledChunk(v.dtype(), NdArrays.product(v.chunks()), v.fillValue());
                filled = 0;
            }
            NdArrays.copyBox(f.data(), f.count(), new int[f.count().length], buffer, v.chunks(), f.destStart(),
                    f.count(), null, false, null);
            filled += NdArrays.product(f.count());
        }
    }
}
