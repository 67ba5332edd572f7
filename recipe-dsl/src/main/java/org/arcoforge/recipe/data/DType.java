package org.arcoforge.recipe.data;

/**
 * On-disk element types; each output format names them its own way. Values are held in Java
 * primitive arrays: byte[] for INT8, UINT8 and CHAR, short[] for INT16/UINT16, int[] for INT32/UINT32,
 * long[] for INT64/UINT64, float[] and double[]. Unsigned types keep their bit pattern in the
 * signed Java type of the same width.
 */
public enum DType {
    INT8(1, false, false),
    UINT8(1, false, true),
    INT16(2, false, false),
    UINT16(2, false, true),
    INT32(4, false, false),
    UINT32(4, false, true),
    INT64(8, false, false),
    UINT64(8, false, true),
    FLOAT32(4, true, false),
    FLOAT64(8, true, false),
    /** NetCDF char: one byte per element. */
    CHAR(1, false, false),
    /**
     * NetCDF-4 variable-length string (NC_STRING): values in String[] (never null; a missing string
     * is ""), stored as vlen-utf8 text. Size is a nominal 8 bytes per element for memory
     * estimates.
     */
    STRING(8, false, false);

    private final int size;
    private final boolean floating;
    private final boolean unsigned;

    DType(int size, boolean floating, boolean unsigned) {
        this.size = size;
        this.floating = floating;
        this.unsigned = unsigned;
    }

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
}
