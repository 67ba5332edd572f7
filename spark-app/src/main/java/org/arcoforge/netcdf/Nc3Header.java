package org.arcoforge.netcdf;

import org.arcoforge.source.ByteSource;
import org.arcoforge.source.InputException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header of a NetCDF-3 file (classic CDF-1, 64-bit offset CDF-2, 64-bit data CDF-5), parsed
 * from the classic format specification: dimensions, attributes with their values, variables with
 * their types and byte layout. netcdf-java 4.5 does not tell when a file is shorter than its header
 * says (it may lower the record count), and it cannot read CDF-5 at all.
 */
final class Nc3Header {
    private static final int NC_DIMENSION = 0x0A;
    private static final int NC_VARIABLE = 0x0B;
    private static final int NC_ATTRIBUTE = 0x0C;

    /** NetCDF-3 external types (CDF-5 adds 7 to 11). */
    static final int NC_BYTE = 1, NC_CHAR = 2, NC_SHORT = 3, NC_INT = 4, NC_FLOAT = 5, NC_DOUBLE = 6,
            NC_UBYTE = 7, NC_USHORT = 8, NC_UINT = 9, NC_INT64 = 10, NC_UINT64 = 11;

    /** One attribute: its external type and raw big-endian value bytes. */
    record Attr(String name, int type, long nelems, byte[] values) {}

    /** One variable: dimension ids, attributes, type and where its data begins. */
    record Var(String name, int[] dimIds, List<Attr> attributes, int type, long begin) {}

    /** The parsed header. */
    record Parsed(int version, long numrecs, List<String> dimNames, List<Long> dimLengths, int recordDim,
                  List<Attr> globals, List<Var> vars, long headerEnd, long recordStride) {

        boolean isRecord(Var v) {
            return v.dimIds().length > 0 && v.dimIds()[0] == recordDim;
        }

        /** Bytes of the variable in one record (the whole variable when not a record variable). */
        long recordBytes(Var v) {
            long n = typeSize(v.type());
            for (int d = isRecord(v) ? 1 : 0; d < v.dimIds().length; d++) {
                n *= dimLengths.get(v.dimIds()[d]);
            }
            return n;
        }

        Nc3Layout layout(Var v) {
            boolean rec = isRecord(v);
            return new Nc3Layout(v.name(), v.begin(), recordBytes(v), rec ? recordStride : 0, rec ? numrecs : 1);
        }
    }

    private final ByteSource src;
    private final byte[] buf = new byte[64 * 1024];
    private long bufStart = 0;
    private int bufLen = 0;
    private long pos = 0;
    private boolean cdf5;

    private Nc3Header(ByteSource src) {
        this.src = src;
    }

    /** Parses the header; a header cut off or malformed is an InputException naming the file. */
    static Parsed parse(ByteSource src) throws IOException {
        try {
            return new Nc3Header(src).doParse();
        } catch (EOFException e) {
            throw new InputException(src.location(), "truncated NetCDF-3 file: the header itself is cut off ("
                    + src.length() + " bytes)", e);
        }
    }

    /** The bytes the file must have according to its header. */
    static long requiredLength(ByteSource src) throws IOException {
        Parsed h = parse(src);
        long required = h.headerEnd();
        for (Var v : h.vars()) {
            Nc3Layout l = h.layout(v);
            if (!h.isRecord(v)) {
                required = Math.max(required, v.begin() + l.bytesPerRecord());
            } else if (h.numrecs() > 0) {
                required = Math.max(required, l.offset(h.numrecs() - 1) + l.bytesPerRecord());
            }
        }
        return required;
    }

    private Parsed doParse() throws IOException {
        byte[] magic = bytes(4);
        int version = magic[3];
        cdf5 = version == 5;
        boolean offset64 = version != 1;
        long numrecs = count();
        boolean streaming = cdf5 ? numrecs == -1 : numrecs == 0xFFFFFFFFL;
        List<String> dimNames = new ArrayList<>();
        List<Long> dimLengths = new ArrayList<>();
        int recordDim = -1;
        int tag = int32();
        long n = count();
        if (tag != NC_DIMENSION && n != 0) {
            throw corrupt("no dimension list");
        }
        for (long i = 0; i < n; i++) {
            dimNames.add(name());
            long len = count();
            if (len == 0) {
                recordDim = (int) i;
            }
            dimLengths.add(len);
        }
        List<Attr> globals = attributes();
        tag = int32();
        n = count();
        if (tag != NC_VARIABLE && n != 0) {
            throw corrupt("no variable list");
        }
        List<Var> vars = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            String name = name();
            int ndims = Math.toIntExact(count());
            int[] dimIds = new int[ndims];
            for (int d = 0; d < ndims; d++) {
                long id = count();
                if (id < 0 || id >= dimLengths.size()) {
                    throw corrupt("variable " + name + " has dimension id " + id);
                }
                dimIds[d] = (int) id;
            }
            List<Attr> attrs = attributes();
            int type = int32();
            size(type);
            count(); // vsize: may be clipped for large variables, so recomputed from the shape
            long begin = offset64 ? int64() : Integer.toUnsignedLong(int32());
            vars.add(new Var(name, dimIds, attrs, type, begin));
        }
        long headerEnd = pos;
        // The record stride: each record variable's bytes in one record padded to 4 bytes, except a lone one.
        Parsed p = new Parsed(version, numrecs, dimNames, dimLengths, recordDim, globals, vars, headerEnd, 0);
        long stride = 0;
        int recordVars = 0;
        long firstRecordBegin = Long.MAX_VALUE;
        for (Var v : vars) {
            if (p.isRecord(v)) {
                recordVars++;
                stride += pad4(p.recordBytes(v));
                firstRecordBegin = Math.min(firstRecordBegin, v.begin());
            }
        }
        if (recordVars == 1) {
            for (Var v : vars) {
                stride = p.isRecord(v) ? p.recordBytes(v) : stride;
            }
        }
        if (streaming) {
            numrecs = recordVars == 0 || stride == 0 ? 0 : Math.max(0, (src.length() - firstRecordBegin) / stride);
        }
        if (recordDim >= 0) {
            dimLengths.set(recordDim, numrecs);
        }
        return new Parsed(version, numrecs, dimNames, dimLengths, recordDim, globals, vars, headerEnd, stride);
    }

    private List<Attr> attributes() throws IOException {
        int tag = int32();
        long n = count();
        if (tag != NC_ATTRIBUTE && n != 0) {
            throw corrupt("bad attribute list");
        }
        List<Attr> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            String name = name();
            int type = int32();
            long nelems = count();
            if (nelems < 0 || nelems > src.length()) {
                throw corrupt("attribute " + name + " claims " + nelems + " values");
            }
            long size = nelems * size(type);
            if (size > src.length()) {
                throw corrupt("attribute " + name + " claims " + nelems + " values");
            }
            out.add(new Attr(name, type, nelems, bytes((int) size)));
            pos += pad4(size) - size;
        }
        return out;
    }

    /** Bytes per element of an external type. */
    static int typeSize(int type) {
        return switch (type) {
            case NC_BYTE, NC_CHAR, NC_UBYTE -> 1;
            case NC_SHORT, NC_USHORT -> 2;
            case NC_INT, NC_FLOAT, NC_UINT -> 4;
            case NC_DOUBLE, NC_INT64, NC_UINT64 -> 8;
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    // The size of a type valid in this file's version; anything else is a corrupt header.
    private int size(int type) {
        if (type < NC_BYTE || type > (cdf5 ? NC_UINT64 : NC_DOUBLE)) {
            throw corrupt("type " + type);
        }
        return typeSize(type);
    }

    private InputException corrupt(String what) {
        return new InputException(src.location(), "corrupt NetCDF-3 header (" + what + ")");
    }

    private static long pad4(long n) {
        return (n + 3) & ~3L;
    }

    private String name() throws IOException {
        long len = count();
        if (len < 0 || len > 1 << 20) {
            throw corrupt("name of " + len + " bytes");
        }
        String s = new String(bytes((int) len), StandardCharsets.UTF_8);
        pos += pad4(len) - len;
        return s;
    }

    /** NON_NEG counts: 32-bit in CDF-1/2, 64-bit in CDF-5. */
    private long count() throws IOException {
        return cdf5 ? int64() : Integer.toUnsignedLong(int32());
    }

    private int int32() throws IOException {
        byte[] b = bytes(4);
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private long int64() throws IOException {
        return ((long) int32() << 32) | Integer.toUnsignedLong(int32());
    }

    private byte[] bytes(int n) throws IOException {
        long len = src.length();
        if (pos + n > len) {
            throw new EOFException();
        }
        byte[] out = new byte[n];
        if (n > buf.length) {
            src.readFully(pos, out, 0, n);
            pos += n;
            return out;
        }
        if (pos < bufStart || pos + n > bufStart + bufLen) {
            bufStart = pos;
            bufLen = (int) Math.min(buf.length, len - pos);
            src.readFully(pos, buf, 0, bufLen);
        }
        System.arraycopy(buf, (int) (pos - bufStart), out, 0, n);
        pos += n;
        return out;
    }
}
