package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.List;

/**
 * The on-disk encoding a recipe asks for one target variable (recipe field {@code encoding}):
 * inputs whose own packing differs are decoded and re-encoded into it. A null field means "not
 * given": see docs/recipes.md for the defaults.
 *
 * @param dtype       NumPy name of the stored type (int8 ... float64), or null for the inputs' type
 * @param scaleFactor CF scale_factor of the target, or null for none
 * @param addOffset   CF add_offset of the target, or null for none
 * @param fillValue   _FillValue of the target, or null: NaN for floating types, the first input's otherwise
 */
public record VariableEncoding(String dtype, Double scaleFactor, Double addOffset, Double fillValue)
        implements Serializable {
    /** The dtype names accepted, as NumPy writes them. */
    public static final List<String> DTYPES = List.of("int8", "uint8", "int16", "uint16", "int32", "uint32", "int64",
            "uint64", "float32", "float64");

    /** A float32 target: decoded values, no packing. */
    public static VariableEncoding float32() {
        return new VariableEncoding("float32", null, null, null);
    }

    public boolean isFloating() {
        return dtype != null && dtype.startsWith("float");
    }
}
