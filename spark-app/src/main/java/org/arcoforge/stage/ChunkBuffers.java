package org.arcoforge.stage;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.codec.ElementBytes;
import org.arcoforge.codec.FillValues;

/**
 * Whole-chunk arrays reused by the store tasks of one executor thread: a fresh chunk-sized array
 * per chunk costs more (zeroing, page faults, GC of large objects) than filling it. Callers
 * overwrite every element of what they take. Holds at most {@link #MAX_BYTES} per thread.
 */
final class ChunkBuffers {
    static final long MAX_BYTES = 128L << 20;
    private static final ThreadLocal<ArrayDeque<Object>> FREE = ThreadLocal.withInitial(ArrayDeque::new);

    private ChunkBuffers() {
    }

    /** An array of {@code n} elements of the dtype's Java type, holding anything. */
    static Object take(DType dtype, int n) {
        BufferMeter.hold((long) n * dtype.size());
        Class<?> type = dtype.newArray(0).getClass();
        for (Iterator<Object> it = FREE.get().iterator(); it.hasNext(); ) {
            Object a = it.next();
            if (a.getClass() == type && ElementBytes.length(a) == n) {
                it.remove();
                return a;
            }
        }
        return dtype.newArray(n);
    }

    /** Byte planes for {@code n} values of the dtype, holding anything. */
    static BytePlanes takePlanes(DType dtype, int n) {
        return new BytePlanes((byte[]) take(DType.INT8, Math.multiplyExact(n, dtype.size())), n, dtype);
    }

    /** A new chunk of {@code n} fill values (the array goes back through {@link #give} like the others). */
    static Object filled(DType dtype, int n, Number fill) {
        BufferMeter.hold((long) n * dtype.size());
        return FillValues.filledChunk(dtype, n, fill);
    }

    /** Hands an array (or byte planes) back once its contents are written; dropped when the pool is full. */
    static void give(Object array) {
        Object a = array instanceof BytePlanes p ? p.bytes() : array;
        BufferMeter.release(BufferMeter.bytesOf(a));
        give(a, MAX_BYTES);
    }

    static void give(Object array, long maxBytes) {
        ArrayDeque<Object> free = FREE.get();
        long held = bytes(array);
        for (Object a : free) {
            held += bytes(a);
        }
        if (held <= maxBytes) {
            free.addFirst(array);
        } else {
            // keep the newest shapes: drop the oldest until it fits
            while (!free.isEmpty() && held > maxBytes) {
                held -= bytes(free.removeLast());
            }
            if (held <= maxBytes) {
                free.addFirst(array);
            }
        }
    }

    private static long bytes(Object a) {
        return (long) ElementBytes.length(a) * ElementBytes.elementSize(a);
    }
}
