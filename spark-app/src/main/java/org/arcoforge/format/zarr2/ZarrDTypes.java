package org.arcoforge.format.zarr2;

import java.util.Map;
import org.arcoforge.recipe.data.DType;

/** Zarr v2 {@code dtype} strings (NumPy's array-protocol type strings) of the element types. */
public final class ZarrDTypes {
    private static final Map<DType, String> NAMES = Map.ofEntries(
            Map.entry(DType.INT8, "|i1"), Map.entry(DType.UINT8, "|u1"),
            Map.entry(DType.INT16, "<i2"), Map.entry(DType.UINT16, "<u2"),
            Map.entry(DType.INT32, "<i4"), Map.entry(DType.UINT32, "<u4"),
            Map.entry(DType.INT64, "<i8"), Map.entry(DType.UINT64, "<u8"),
            Map.entry(DType.FLOAT32, "<f4"), Map.entry(DType.FLOAT64, "<f8"),
            Map.entry(DType.CHAR, "|S1"), Map.entry(DType.STRING, "|O"));

    private ZarrDTypes() {}

    /** The dtype string this project writes: little-endian ("<f4"), or "|" where order means nothing. */
    public static String name(DType t) {
        return NAMES.get(t);
    }

    /**
     * The element type of a dtype string, in any byte order but big-endian (which this project
     * does not read): "<f4", "|u1", "=i2" ...
     *
     * @throws IllegalArgumentException for another
     */
    public static DType parse(String name) {
        for (DType t : DType.values()) {
            String n = NAMES.get(t);
            if (n.equals(name) || name.length() > 1 && n.substring(1).equals(name.substring(1)) && name.charAt(0) != '>') {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + name + "'");
    }
}
