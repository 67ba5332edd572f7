package org.arcoforge.format.zarr2;

import org.arcoforge.codec.ElementBytes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.recipe.data.DType;

/**
 * Fill values: checking them against a dtype, their {@code .zarray} JSON form, and chunk buffers
 * pre-filled with them. Integer fills are handled as bit patterns of the dtype's width, so an
 * unsigned fill may be given as its unsigned value (65535) or as the signed pattern (-1).
 */
public final class FillValues {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

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

    /** The v2 {@code fill_value} JSON: null, integer, number or "NaN"/"Infinity"/"-Infinity", base64 for CHAR. */
    public static JsonNode toJson(DType dtype, Number fill) {
        Number n = normalize(dtype, fill);
        if (n == null) {
            return NullNode.getInstance();
        }
        if (dtype == DType.CHAR) {
            return TextNode.valueOf(Base64.getEncoder().encodeToString(new byte[] {n.byteValue()}));
        }
        if (dtype.isFloating()) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) return TextNode.valueOf("NaN");
            if (d == Double.POSITIVE_INFINITY) return TextNode.valueOf("Infinity");
            if (d == Double.NEGATIVE_INFINITY) return TextNode.valueOf("-Infinity");
            return DoubleNode.valueOf(d);
        }
        long bits = n.longValue();
        if (dtype == DType.UINT64 && bits < 0) {
            return BigIntegerNode.valueOf(BigInteger.valueOf(bits).add(TWO_64));
        }
        return LongNode.valueOf(bits);
    }

    /** Parses a {@code .zarray} fill_value back to the {@link #normalize} form. */
    public static Number fromJson(DType dtype, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (dtype == DType.STRING) {
            return null;
        }
        if (dtype == DType.CHAR) {
            if (!node.isTextual()) {
                throw new IllegalArgumentException("fill_value of " + dtype + " must be a base64 string, got " + node);
            }
            byte[] b = Base64.getDecoder().decode(node.textValue());
            return b.length == 0 ? (byte) 0 : b[0];
        }
        if (node.isTextual()) {
            double d = switch (node.textValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new IllegalArgumentException("bad fill_value " + node);
            };
            return normalize(dtype, d);
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("bad fill_value " + node);
        }
        if (node.isIntegralNumber()) {
            return normalize(dtype, node.bigIntegerValue());
        }
        return normalize(dtype, node.doubleValue());
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
    static byte[] littleEndian(DType dtype, Number fill) {
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
