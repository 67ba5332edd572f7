package org.arcoforge.netcdf;

/**
 * Where one NetCDF-3 variable's bytes lie in its file (big-endian, never compressed): record
 * {@code r}'s {@code bytesPerRecord} bytes starts at {@code begin + r * recordStride}. A
 * variable without the record dimension has one record ({@code recordCount} 1, {@code recordStride}
 * 0). These are the byte ranges a reference (kerchunk-style) store points at.
 */
public record Nc3Layout(String variable, long begin, long bytesPerRecord, long recordStride, long recordCount) {

    /** File offset of record {@code r}'s bytes. */
    public long offset(long r) {
        return begin + r * recordStride;
    }
}
