package org.arcoforge.stage;

import java.lang.reflect.Array;

/**
 * Bytes a direct store task holds on this thread in the buffers {@link org.arcoforge.plan.TaskMemory}
 * models (chunk buffers, values read and not yet copied, the encoded chunk being written), and
 * the peak since {@link #reset}: {@code TaskMemoryTest} holds a real task's peak to the plan's
 * estimate. A few additions per chunk; never read in production.
 */
final class BufferMeter {
    private static final ThreadLocal<long[]> HELD = ThreadLocal.withInitial(() -> new long[2]);

    private BufferMeter() {
    }

    static void reset() {
        long[] h = HELD.get();
        h[0] = 0;
        h[1] = 0;
    }

    static void hold(long bytes) {
        long[] h = HELD.get();
        h[0] += bytes;
        h[1] = Math.max(h[1], h[0]);
    }

    static void release(long bytes) {
        HELD.get()[0] -= bytes;
    }

    /** Bytes held only for a moment, e.g. an encoded chunk on its way out. */
    static void passing(long bytes) {
        hold(bytes);
        release(bytes);
    }

    static long held() {
        return HELD.get()[0];
    }

    static long peak() {
        return HELD.get()[1];
    }

    /** Holds the values of a read (null: none); returns the bytes to release once they are copied. */
    static long holdRead(org.arcoforge.recipe.data.Dataset dataset) {
        long n = 0;
        if (dataset != null) {
            for (org.arcoforge.recipe.data.DatasetVariable dv : dataset.variables().values()) {
                n += bytesOf(dv.data());
            }
        }
        hold(n);
        return n;
    }

    /** Bytes of a primitive array (8 per reference for others). */
    static long bytesOf(Object array) {
        if (array == null || !array.getClass().isArray()) {
            return 0;
        }
        Class<?> t = array.getClass().getComponentType();
        int size = t == byte.class || t == boolean.class ? 1 : t == short.class || t == char.class ? 2
                : t == int.class || t == float.class ? 4 : 8;
        return (long) Array.getLength(array) * size;
    }
}
