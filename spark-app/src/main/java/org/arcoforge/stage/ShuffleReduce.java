package org.arcoforge.stage;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.arcoforge.codec.FillValues;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.ShuffleVariable;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;

/**
 * Store stage through the shuffle, reduce side (runs on executors): takes the fragments of one
 * reduce partition sorted by chunk id ({@link ShuffleMap} made them), fills one chunk buffer at a
 * time and writes each chunk once all its elements arrived.
 */
public final class ShuffleReduce {
    private ShuffleReduce() {
    }

    public static StoreResult assemble(Iterator<ChunkFragment> sorted, TargetSchema schema, ShufflePlan shuffle,
                                       JobSpec job) {
        TargetStore store = TargetStore.open(job);
        int chunks = 0;
        long written = 0;
        long decoded = 0; // of the chunks written: the store stage's progress counts these
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
                long expected = sv.elementsInside(index) - AppendBoundary.oldElements(job, schema, v, index);
                if (filled != expected) {
                    throw new StageException("chunk " + store.chunkKey(v, index) + " received " + filled
                            + " of its " + expected + " values through the shuffle; the store is left unconsolidated");
                }
                buffer = AppendBoundary.withOldSteps(job, schema, v, index, buffer);
                long n = store.writeChunk(v, index, buffer);
                stored.put(store.chunkKey(v, index), n);
                written += n;
                decoded += filled * v.dtype().size();
                chunks++;
                buffer = null;
            }
            if (f == null) {
                return new StoreResult(chunks, decoded, written, stored);
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
