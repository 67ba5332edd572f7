package org.arcoforge.recipe.data;

/**
 * On-disk element types, named as NumPy / Zarr v2 name them. Values are held in Java primitive
 * arrays: byte[] for INT8, UINT8 and CHAR, short[] for INT16/UINT16, int[] for INT32/UINT32,
 * long[] for INT64/UINT64, float[] and double[]. Unsigned types keep their bit pattern in the
 * signed Java type of the same width.
 */
public enum DType {
    INT8("|i1", 1, false, false),
    UINT8("|u1", 1, false, true),
    INT16("<i2", 2, false, false),
    UINT16("<u2", 2, false, true),
    INT32("<i4", 4, false, false),
    UINT32("<u4", 4, false, true),
    INT64("<i8", 8, false, false),
    UINT64("<u8", 8, false, true),
    FLOAT32("<f4", 4, true, false),
    FLOAT64("<f8", 8, true, false),
    /** NetCDF char: one byte per element. */
    CHAR("|S1", 1, false, false),
    /**
     * NetCDF-4 variable-length string (NC_STRING): values in String[] (never null; a missing string
     * is ""), stored as Zarr v2 object dtype with the vlen-utf8 filter. Size is a nominal 8 bytes
     * per element for memory estimates.
     */
    STRING("|O", 8, false, false);

    private final String zarrName;
    private final int size;
    private final boolean floating;
    private final boolean unsigned;

    DType(String zarrName, int size, boolean floating, boolean unsigned) {
        this.zarrName = zarrName;
        this.size = size;
        this.floating = floating;
        this.unsigned = unsigned;
    }

    /** The Zarr v2 {@code dtype} string, little-endian. */
    public String zarrName() { return zarrName; }

    /** Bytes per element. */
    public int size() { return size; }

    public boolean isFloating() { return floating; }

    public boolean isUnsigned() { return unsigned; }

    public boolean isInteger() { return !floating && this != CHAR && this != STRING; }

    /** A new zero-filled Java array able to hold {@code n} elements of this type. */
    public Object newArray(int n) {
        if (this == STRING) {
            String[] s = new String[n];
            java.util.Arrays.fill(s, "");
            return s;
        }
        return switch (size) {
            case 1 -> new byte[n];
            case 2 -> new short[n];
            case 4 -> floating ? new float[n] : new int[n];
            default -> floating ? new double[n] : new long[n];
        };
    }

    public static DType fromZarrName(String name) {
        for (DType t : values()) {
            if (t.zarrName.equals(name) || t.zarrName.substring(1).equals(name.substring(1)) && name.charAt(0) != '>') {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported dtype '" + name + "'");
    }
}
