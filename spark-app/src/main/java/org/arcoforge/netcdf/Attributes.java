package org.arcoforge.netcdf;

import java.util.List;
import java.util.Set;

/** Attribute rules shared by the backends. */
final class Attributes {
    private Attributes() {}

    /**
     * Attributes that netCDF-C (hence netCDF4-python) keeps hidden or that netcdf-java invents.
     * _Unsigned is handled separately: it is genuine in NetCDF-3 files.
     */
    static final Set<String> HIDDEN = Set.of(
            "_ChunkSizes", "_Netcdf4Dimid", "_Netcdf4Coordinates", "_lastModified", "_CoordinateAxisType",
            "_CoordinateAxes", "_CoordinateSystems", "_CoordinateTransforms", "_NCProperties", "_nc3_strict",
            "_IsNetcdf4", "_SuperblockVersion", "_Format", "_Storage", "_Endianness", "_NoFill", "_Shuffle",
            "_DeflateLevel", "_Fletcher32", "_Filter", "_Codecs", "_Encodings",
            "CLASS", "NAME", "REFERENCE_LIST", "DIMENSION_LIST");

    /** Widens an unsigned integer to the next signed type so that it shows its unsigned value. */
    static Number unsigned(Number n) {
        if (n instanceof Byte b) {
            return (short) Byte.toUnsignedInt(b);
        }
        if (n instanceof Short s) {
            return Short.toUnsignedInt(s);
        }
        if (n instanceof Integer i) {
            return Integer.toUnsignedLong(i);
        }
        if (n instanceof Long l) {
            return l >= 0 ? l : new java.math.BigInteger(Long.toUnsignedString(l));
        }
        return n;
    }

    /** One value as itself, several as a list: netCDF4-python shows a 1-element attribute as a scalar. */
    static Object single(List<?> values) {
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }
}
