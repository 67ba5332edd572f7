package org.arcoforge.format.zarr2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.Base64;
import org.arcoforge.codec.FillValues;
import org.arcoforge.recipe.data.DType;

/** A fill value as {@code .zarray}'s {@code fill_value} JSON, and back. */
public final class FillValueJson {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private FillValueJson() {
    }

    /** The v2 {@code fill_value} JSON: null, integer, number or "NaN"/"Infinity"/"-Infinity", base64 for CHAR. */
    public static JsonNode toJson(DType dtype, Number fill) {
        Number n = FillValues.normalize(dtype, fill);
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

    /** Parses a {@code .zarray} fill_value back to the {@link FillValues#normalize} form. */
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
            return FillValues.normalize(dtype, d);
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("bad fill_value " + node);
        }
        if (node.isIntegralNumber()) {
            return FillValues.normalize(dtype, node.bigIntegerValue());
        }
        return FillValues.normalize(dtype, node.doubleValue());
    }
}
