package org.arcoforge.stage;

import java.util.List;
import java.util.Map;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.format.StoredArray;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.store.HadoopStore;

/**
 * The chunk an append shares with the store (the last, partly filled chunk along the concat
 * dimension): its steps before the store's end are taken from the stored chunk, so the rewrite
 * keeps the old values and its bytes are those a one-shot run writes. A schema whose concat
 * offsets start at 0 (every run but an append) passes chunks through untouched. Old readers never
 * see the rewrite: their metadata ends the array at the old length.
 */
final class AppendBoundary {
    private AppendBoundary() {
    }

    /** The chunk to write: {@code buffer}, with the store's old steps copied in where it has them. */
    static Object withOldSteps(JobSpec job, TargetSchema schema, TargetVariable v, long[] chunkIndex, Object buffer) {
        long start = schema.concatOffsets()[0];
        if (start == 0 || job.concatDim() == null) {
            return buffer; // not an append (and List.of's indexOf refuses null)
        }
        int axis = v.dims().indexOf(job.concatDim());
        if (axis < 0) {
            return buffer;
        }
        long chunkStart = chunkIndex[axis] * v.chunks()[axis];
        if (chunkStart >= start) {
            return buffer;
        }
        boolean dimCoordinate = v.dims().size() == 1;
        int[] oldChunks = v.chunks().clone();
        long[] oldShape = v.shape().clone();
        oldShape[axis] = start;
        if (dimCoordinate) {
            oldChunks[axis] = Math.toIntExact(start);
        }
        StoredArray old = new StoredArray(v.name(), v.dims(), oldShape, oldChunks, v.dtype(), v.fillValue(),
                CodecRegistry.compression(job.recipe().compressor()), Map.of());
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        Object stored = null;
        // an earlier, unfinished run of this append may have rewritten the chunk already (new chunk size)
        for (int n : List.of(NdArrays.product(oldChunks), NdArrays.product(v.chunks()))) {
            try {
                stored = TargetStore.format(job).readChunk(store, old, chunkIndex, n);
                break;
            } catch (RuntimeException e) {
                stored = e;
            }
        }
        if (stored instanceof RuntimeException e) {
            throw new StageException("cannot read chunk " + chunkIndex[axis] + " of '" + v.name() + "' from "
                    + store.location() + " to extend it: " + e.getMessage(), e);
        }
        if (stored == null) {
            return buffer; // never written: the fill value stays
        }
        int[] srcShape = NdArrays.product(oldChunks) == org.arcoforge.codec.ElementBytes.length(stored) ? oldChunks
                : v.chunks();
        Object values = buffer;
        if (buffer instanceof BytePlanes planes) {
            values = planes.toValues(ChunkBuffers.take(planes.dtype(), planes.elements()));
            ChunkBuffers.give(planes);
        }
        int[] count = v.chunks().clone();
        count[axis] = (int) Math.min(count[axis], start - chunkStart);
        NdArrays.copyBox(stored, srcShape, new int[count.length], values, v.chunks(), new int[count.length], count,
                null, false, null);
        return values;
    }

    /** Elements of the chunk that hold the store's old steps (0 but for the boundary chunk of an append). */
    static long oldElements(JobSpec job, TargetSchema schema, TargetVariable v, long[] chunkIndex) {
        long start = schema.concatOffsets()[0];
        if (start == 0 || job.concatDim() == null) {
            return 0;
        }
        int axis = v.dims().indexOf(job.concatDim());
        if (axis < 0) {
            return 0;
        }
        long n = 1;
        for (int a = 0; a < chunkIndex.length; a++) {
            long from = chunkIndex[a] * v.chunks()[a];
            long end = a == axis ? Math.min(start, v.shape()[a]) : v.shape()[a];
            n *= Math.max(0, Math.min(v.chunks()[a], end - from));
        }
        return n;
    }
}
