package org.arcoforge.io;

/** The on-disk format of an input, as detected from its magic bytes. */
public enum FileFormat {
    NETCDF3_CLASSIC, NETCDF3_64BIT_OFFSET, NETCDF4
}
