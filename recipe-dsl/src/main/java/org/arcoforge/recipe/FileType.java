package org.arcoforge.recipe;

/** Format of the input files; AUTO detects it from the first bytes of each file. */
public enum FileType {
    NETCDF3, NETCDF4, AUTO
}
