package org.arcoforge.netcdf;

/** NetCDF-4 string (NC_STRING) values as netCDF4-python reads them. */
final class Strings {
    private Strings() {
    }

    /** The values as String[]; a missing (null) string reads as "", as netCDF4-python shows it. */
    static String[] of(Object[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == null ? "" : values[i].toString();
        }
        return out;
    }
}
