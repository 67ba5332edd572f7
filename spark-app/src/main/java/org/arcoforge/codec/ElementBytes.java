package org.arcoforge.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.arcoforge.recipe.data.DType;

/** Little-endian element bytes of primitive arrays, and the numcodecs byte shuffle. */
public final class ElementBytes {
    private ElementBytes() {
    }

    /** Number of elements of a primitive array of one of DType's Java types. */
    public static int length(Object array) {
        if (array instanceof byte[] a) return a.length;
        if (array instanceof short[] a) return a.length;
        if (array instanceof int[] a) return a.length;
        if (array instanceof long[] a) return a.length;
        if (array instanceof float[] a) return a.length;
        if (array instanceof double[] a) return a.length;
        if (array instanceof String[] a) return a.length;
        throw new IllegalArgumentException("not a supported primitive array: "
                + (array == null ? "null" : array.getClass().getSimpleName()));
    }

    /** Bytes per element of a primitive array of one of DType's Java types. */
    public static int elementSize(Object array) {
        return array instanceof byte[] ? 1 : array instanceof short[] ? 2
                : array instanceof int[] || array instanceof float[] ? 4 : 8;
    }

    /** Whether the array is of the Java type that holds {@code dtype}. */
    public static boolean matches(DType dtype, Object array) {
        return array != null && array.getClass() == dtype.newArray(0).getClass();
    }

    /** The array's elements as little-endian bytes, in array order. */
    public static byte[] toLittleEndian(Object array) {
        return toLittleEndian(array, null);
    }

    /** Little-endian bytes back to a new array of the dtype's Java type. */
    public static Object fromLittleEndian(byte[] bytes, DType dtype) {
        if (bytes.length % dtype.size() != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes is not a whole number of " + dtype + " elements");
        }
        Object out = dtype.newArray(bytes.length / dtype.size());
        ElementValues.decode(bytes, bytes.length, dtype.size(), ByteOrder.LITTLE_ENDIAN, false, out, 0);
        return out;
    }

    /**
     * Byte shuffle: byte j of element i moves to position j * count + i, so equal-significance
     * bytes sit together. Trailing bytes that do not fill an element stay in place.
     */
    public static byte[] shuffle(byte[] in, int elementSize) {
        if (elementSize <= 1) {
            return in.clone();
        }
        byte[] out = new byte[in.length];
        int count = in.length / elementSize;
        // one output plane at a time: sequential writes are what keeps this fast
        for (int j = 0; j < elementSize; j++) {
            int o = j * count;
            for (int i = 0, p = j; i < count; i++, p += elementSize) {
                out[o + i] = in[p];
            }
        }
        int tail = count * elementSize;
        System.arraycopy(in, tail, out, tail, in.length - tail);
        return out;
    }

    /**
     * {@code shuffle(toLittleEndian(array), size)} in one pass over the values, without the
     * intermediate byte array.
     */
    public static byte[] shuffledLittleEndian(Object array) {
        return shuffledLittleEndian(array, null);
    }

    /**
     * {@link #shuffledLittleEndian(Object)} written to the start of {@code out} when it is large
     * enough (else to a new array); returns the array written. Reusing {@code out} spares a
     * chunk-sized allocation per chunk.
     */
    public static byte[] shuffledLittleEndian(Object array, byte[] out) {
        int n = length(array);
        int size = elementSize(array);
        if (out == null || out.length < n * size) {
            out = new byte[Math.multiplyExact(n, size)];
        }
        if (array instanceof byte[] a) {
            System.arraycopy(a, 0, out, 0, n);
        } else if (array instanceof short[] a) {
            for (int i = 0; i < n; i++) {
                short v = a[i];
                out[i] = (byte) v;
                out[n + i] = (byte) (v >> 8);
            }
        } else if (array instanceof int[] a) {
            shuffle32(a, n, null, out);
        } else if (array instanceof float[] a) {
            shuffle32(null, n, a, out);
        } else if (array instanceof long[] a) {
            shuffle64(a, n, null, out);
        } else {
            shuffle64(null, n, (double[]) array, out);
        }
        return out;
    }

    /** {@link #toLittleEndian} written to the start of {@code out} when large enough (else a new array). */
    public static byte[] toLittleEndian(Object array, byte[] out) {
        int n = length(array);
        int size = elementSize(array);
        if (out == null || out.length < n * size) {
            out = new byte[Math.multiplyExact(n, size)];
        }
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        if (array instanceof byte[] a) {
            System.arraycopy(a, 0, out, 0, n);
        } else if (array instanceof short[] a) {
            b.asShortBuffer().put(a);
        } else if (array instanceof int[] a) {
            b.asIntBuffer().put(a);
        } else if (array instanceof long[] a) {
            b.asLongBuffer().put(a);
        } else if (array instanceof float[] a) {
            b.asFloatBuffer().put(a);
        } else {
            b.asDoubleBuffer().put((double[]) array);
        }
        return out;
    }

    private static void shuffle32(int[] ints, int n, float[] floats, byte[] out) {
        for (int i = 0; i < n; i++) {
            int v = ints != null ? ints[i] : Float.floatToRawIntBits(floats[i]);
            out[i] = (byte) v;
            out[n + i] = (byte) (v >> 8);
            out[2 * n + i] = (byte) (v >> 16);
            out[3 * n + i] = (byte) (v >> 24);
        }
    }

    private static void shuffle64(long[] longs, int n, double[] doubles, byte[] out) {
        for (int i = 0; i < n; i++) {
            long v = longs != null ? longs[i] : Double.doubleToRawLongBits(doubles[i]);
            for (int j = 0; j < 8; j++) {
                out[j * n + i] = (byte) (v >> (8 * j));
            }
        }
    }
}
