package org.arcoforge.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import org.arcoforge.recipe.data.DType;

/**
 * Fill values: checking them against a dtype, and chunk buffers pre-filled with them (their JSON
 * form is the format's). Integer fills are handled as bit patterns of the dtype's width, so an
 * unsigned fill may be given as its unsigned value (65535) or as the signed pattern (-1).
 */
public final class FillValues {
    private FillValues() {
    }

    /**
     * The fill value as the dtype holds it: Long (bit pattern, sign-extended for signed types,
     * zero-extended for unsigned ones up to 32 bits, raw 64 bits for UINT64), Double (float
     * dtypes; FLOAT32 fills rounded to float) or Byte (CHAR); null stays null.
     *
     * @throws IllegalArgumentException when the value does not fit the dtype
     */
    public static Number normalize(DType dtype, Number fill) {
        if (fill == null || dtype == DType.STRING) {  // strings: missing is "", fill_value null as xarray writes
            return null;
        }
        if (dtype.isFloating()) {
            double d = fill.doubleValue();
            return dtype == DType.FLOAT32 ? (double) (float) d : d;
        }
        BigInteger v = integral(dtype, fill);
        int bits = dtype.size() * 8;
        // Unsigned types also accept their signed bit pattern, so the lower bound is the same.
        BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = dtype.isUnsigned() || dtype == DType.CHAR
                ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException("fill value " + fill + " does not fit " + dtype);
        }
        long pattern = v.longValue();
        if (dtype == DType.CHAR) {
            return (byte) pattern;
        }
        if (dtype.isUnsigned() && bits < 64) {
            return pattern & ((1L << bits) - 1);
        }
        if (!dtype.isUnsigned() && bits < 64) {
            return (pattern << (64 - bits)) >> (64 - bits);
        }
        return pattern;
    }

    private static BigInteger integral(DType dtype, Number fill) {
        if (fill instanceof BigInteger b) {
            return b;
        }
        if (fill instanceof Long || fill instanceof Integer || fill instanceof Short || fill instanceof Byte) {
            return BigInteger.valueOf(fill.longValue());
        }
        double d = fill.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
            throw new IllegalArgumentException("fill value " + fill + " is not an integer, as " + dtype + " needs");
        }
        return new BigDecimal(d).toBigIntegerExact();
    }

    /** A new chunk buffer of {@code n} elements, every one the fill value (0 when it is null). */
    public static Object filledChunk(DType dtype, int n, Number fill) {
        Object a = dtype.newArray(n);
        Number v = normalize(dtype, fill);
        if (v == null) {
            return a;
        }
        fill(a, 0, n, v);
        return a;
    }

    /** Sets every element of {@code planes} to the fill value (0 when it is null). */
    public static void fill(BytePlanes planes, Number fill) {
        fill(planes, 0, planes.elements(), littleEndian(planes.dtype(), fill));
    }

    /** The fill value's little-endian bytes as a {@code dtype} element (0 when it is null). */
    public static byte[] littleEndian(DType dtype, Number fill) {
        return ElementBytes.toLittleEndian(filledChunk(dtype, 1, fill));
    }

    /** Sets elements [from, to) of {@code planes} to the element whose little-endian bytes are {@code value}. */
    public static void fill(BytePlanes planes, int from, int to, byte[] value) {
        for (int s = 0; s < value.length; s++) {
            Arrays.fill(planes.bytes(), planes.plane(s) + from, planes.plane(s) + to, value[s]);
        }
    }

    /** Sets elements [from, to) of a primitive array to an already normalized fill value. */
    public static void fill(Object a, int from, int to, Number v) {
        if (a instanceof byte[] x) Arrays.fill(x, from, to, v.byteValue());
        else if (a instanceof short[] x) Arrays.fill(x, from, to, v.shortValue());
        else if (a instanceof int[] x) Arrays.fill(x, from, to, v.intValue());
        else if (a instanceof long[] x) Arrays.fill(x, from, to, v.longValue());
        else if (a instanceof float[] x) Arrays.fill(x, from, to, v.floatValue());
        else if (a instanceof double[] x) Arrays.fill(x, from, to, v.doubleValue());
        else if (a instanceof String[] x) Arrays.fill(x, from, to, "");
        else throw new IllegalArgumentException("not a primitive array: " + a);
    }

    /** Whether two fill values are the same for the dtype (bit patterns; NaN equals NaN). */
    public static boolean same(DType dtype, Number a, Number b) {
        Number x = normalize(dtype, a);
        Number y = normalize(dtype, b);
        if (x == null || y == null) {
            return x == y;
        }
        if (dtype.isFloating()) {
            return Double.doubleToLongBits(x.doubleValue()) == Double.doubleToLongBits(y.doubleValue());
        }
        return x.longValue() == y.longValue();
    }
}
