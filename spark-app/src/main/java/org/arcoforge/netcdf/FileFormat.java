package org.arcoforge.netcdf;

/** The on-disk format of an input, as detected from its magic bytes. */
public enum FileFormat {
    NETCDF3_CLASSIC, NETCDF3_64BIT_OFFSET,
    /** CDF-5: 64-bit counts and the unsigned and 64-bit integer types; read by {@link Nc3Backend}. */
    NETCDF3_64BIT_DATA,
    NETCDF4
}
