package org.arcoforge.stage;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.FillValues;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.TargetVariable;

/**
 * A direct task's chunk buffers, made on first use. A fragment decoded straight from a stored
 * chunk goes into byte planes when the variable's target codec shuffles (no pass through values);
 * the first fragment that has to be copied as values turns the chunk into values.
 */
final class TaskChunks {
    private final Map<ChunkWrite, Object> buffers = new HashMap<>();
    private final Set<String> planeVariables;

    /** @param planeVariables variables whose target codec takes byte planes */
    TaskChunks(Set<String> planeVariables) {
        this.planeVariables = planeVariables;
    }

    /** Decodes the fragment straight into its chunk at {@code offset}, if the input can. */
    boolean readInto(NetcdfInput in, DirectFragment f, int[] count, int offset) {
        Object chunk = buffers.get(f.write());
        boolean fresh = chunk == null;
        if (fresh) {
            chunk = newBuffer(f.write(), f.variable(), planeVariables.contains(f.variable().name()));
        }
        boolean done = in.readInto(f.variable().sourceName(), f.fragment().sourceStart(), count, chunk, offset);
        if (done) {
            buffers.put(f.write(), chunk);
        } else if (fresh) {
            ChunkBuffers.give(chunk);
        }
        return done;
    }

    /** The fragment's chunk as values, to copy the fragment into. */
    Object values(DirectFragment f) {
        Object chunk = buffers.get(f.write());
        if (chunk == null) {
            chunk = newBuffer(f.write(), f.variable(), false);
        } else if (chunk instanceof BytePlanes planes) {
            chunk = planes.toValues(ChunkBuffers.take(planes.dtype(), planes.elements()));
            ChunkBuffers.give(planes);
        }
        buffers.put(f.write(), chunk);
        return chunk;
    }

    /** The chunk to write once every fragment is in; the caller gives it back to {@link ChunkBuffers}. */
    Object finished(ChunkWrite w, TargetVariable v) {
        Object chunk = buffers.remove(w);
        return chunk != null ? chunk : newBuffer(w, v, false);
    }

    /** A buffer for the write's chunk: set to the fill value unless its fragments cover all of it. */
    static Object newBuffer(ChunkWrite w, TargetVariable v, boolean planes) {
        int n = NdArrays.product(v.chunks());
        // Fragments never overlap: when they cover the whole chunk, every element gets overwritten.
        boolean covered = w.fragments().stream().mapToLong(p -> NdArrays.product(p.count())).sum() == n;
        if (planes) {
            BytePlanes b = ChunkBuffers.takePlanes(v.dtype(), n);
            if (!covered) {
                FillValues.fill(b, v.fillValue());
            }
            return b;
        }
        return covered ? ChunkBuffers.take(v.dtype(), n) : ChunkBuffers.filled(v.dtype(), n, v.fillValue());
    }
}
