package org.arcoforge.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the NetCDF-3 header to know where the last byte of data must be. netcdf-java 4.5
 * does not tell when the file is shorter than its header says (it may lower the record count).
 */
final class Nc3Header {
    private static final int NC_DIMENSION = 0x0A;
    private static final int NC_VARIABLE = 0x0B;
    private static final int NC_ATTRIBUTE = 0x0C;
    private static final int STREAMING = -1;

    private final ByteSource src;
    private final byte[] buf = new byte[64 * 1024];
    private long bufStart = 0;
    private int bufLen = 0;
    private long pos = 0;

    private Nc3Header(ByteSource src) {
        this.src = src;
    }

    static long requiredLength(ByteSource src) throws IOException {
        try {
            return new Nc3Header(src).parse();
        } catch (EOFException e) {
            throw new InputException(src.location(), "truncated NetCDF-3 file: the header itself is cut off ("
                    + src.length() + " bytes)", e);
        }
    }

    private long parse() throws IOException {
        byte[] magic = bytes(4);
        boolean offset64 = magic[3] == 2;
        int numrecs = int32();
        List<Long> dimLengths = new ArrayList<>();
        int tag = int32();
        int n = int32();
        if (tag == NC_DIMENSION || tag == 0) {
            for (int i = 0; i < n; i++) {
                skipName();
                dimLengths.add((long) Integer.toUnsignedLong(int32()));
            }
        }
        skipAttributes();
        tag = int32();
        n = int32();
        if (tag != NC_VARIABLE && n != 0) {
            throw new InputException(src.location(), "corrupt NetCDF-3 header (no variable list)");
        }
        long required = pos;
        long recsize = 0;
        int recordVars = 0;
        List<long[]> recs = new ArrayList<>(); // {begin, bytes per record}
        for (int i = 0; i < n; i++) {
            skipName();
            int ndims = int32();
            long count = 1;
            boolean record = false;
            for (int d = 0; d < ndims; d++) {
                int dimid = int32();
                long len = dimLengths.get(dimid);
                if (d == 0 && len == 0) {
                    record = true;
                } else {
                    count *= len;
                }
            }
            skipAttributes();
            int type = int32();
            int32(); // vsize: may be clipped for large variables, so recompute
            long begin = offset64 ? int64() : Integer.toUnsignedLong(int32());
            long bytes = count * typeSize(type);
            if (record) {
                recordVars++;
                recsize += pad4(bytes);
                recs.add(new long[] {begin, bytes});
            } else {
                required = Math.max(required, begin + bytes);
            }
        }
        if (recordVars == 1) {
            recsize = recs.get(0)[1]; // a lone record variable is not padded
        }
        if (numrecs != STREAMING && numrecs > 0) {
            for (long[] r : recs) {
                required = Math.max(required, r[0] + (numrecs - 1L) * recsize + r[1]);
            }
        }
        return required;
    }

    private void skipAttributes() throws IOException {
        int tag = int32();
        int n = int32();
        if (tag != NC_ATTRIBUTE && n != 0) {
            throw new InputException(src.location(), "corrupt NetCDF-3 header (bad attribute list)");
        }
        for (int i = 0; i < n; i++) {
            skipName();
            int type = int32();
            long nelems = Integer.toUnsignedLong(int32());
            pos += pad4(nelems * typeSize(type));
        }
    }

    private int typeSize(int type) {
        return switch (type) {
            case 1, 2 -> 1;
            case 3 -> 2;
            case 4, 5 -> 4;
            case 6 -> 8;
            default -> throw new InputException(src.location(), "corrupt NetCDF-3 header (type " + type + ")");
        };
    }

    private static long pad4(long n) {
        return (n + 3) & ~3L;
    }

    private void skipName() throws IOException {
        long len = Integer.toUnsignedLong(int32());
        pos += pad4(len);
    }

    private int int32() throws IOException {
        byte[] b = bytes(4);
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private long int64() throws IOException {
        return ((long) int32() << 32) | Integer.toUnsignedLong(int32());
    }

    private byte[] bytes(int n) throws IOException {
        if (pos < bufStart || pos + n > bufStart + bufLen) {
            long len = src.length();
            if (pos + n > len) {
                throw new EOFException();
            }
            bufStart = pos;
            bufLen = (int) Math.min(buf.length, len - pos);
            src.readFully(pos, buf, 0, bufLen);
        }
        byte[] out = new byte[n];
        System.arraycopy(buf, (int) (pos - bufStart), out, 0, n);
        pos += n;
        return out;
    }
}
