package org.arcoforge.netcdf;

import org.arcoforge.source.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * Reads NetCDF-3 files with the project's own header parser ({@link Nc3Header}) and positioned
 * reads of the big-endian data: used for CDF-5 (64-bit data), which netcdf-java 4.5 cannot open
 * ("not a valid CDM file"). CDF-5's unsigned types become unsigned dtypes, as netCDF4-python shows
 * them; attributes keep their types (unsigned ones widened as in {@link NetcdfInput}).
 */
final class Nc3Backend implements Backend {
    private final Nc3Reader reader;
    private final Nc3Header.Parsed header;
    private final Map<String, Long> dims = new LinkedHashMap<>();
    private final List<String> unlimited = new ArrayList<>();
    private final Map<String, Object> globals;
    private final List<Var> vars = new ArrayList<>();
    private final Map<String, Nc3Header.Var> byName = new HashMap<>();

    Nc3Backend(ByteSource src) throws IOException {
        this.header = Nc3Header.parse(src);
        this.reader = new Nc3Reader(src, header);
        for (int i = 0; i < header.dimNames().size(); i++) {
            dims.put(header.dimNames().get(i), header.dimLengths().get(i));
            if (i == header.recordDim()) {
                unlimited.add(header.dimNames().get(i));
            }
        }
        globals = attributes(header.globals());
        for (Nc3Header.Var v : header.vars()) {
            List<String> dimNames = new ArrayList<>();
            long[] shape = new long[v.dimIds().length];
            for (int d = 0; d < shape.length; d++) {
                dimNames.add(header.dimNames().get(v.dimIds()[d]));
                shape[d] = header.dimLengths().get(v.dimIds()[d]);
            }
            vars.add(new Var(v.name(), dimNames, shape, dtype(v.type()), attributes(v.attributes()), null));
            byName.put(v.name(), v);
        }
    }

    static DType dtype(int type) {
        return switch (type) {
            case Nc3Header.NC_BYTE -> DType.INT8;
            case Nc3Header.NC_CHAR -> DType.CHAR;
            case Nc3Header.NC_SHORT -> DType.INT16;
            case Nc3Header.NC_INT -> DType.INT32;
            case Nc3Header.NC_FLOAT -> DType.FLOAT32;
            case Nc3Header.NC_DOUBLE -> DType.FLOAT64;
            case Nc3Header.NC_UBYTE -> DType.UINT8;
            case Nc3Header.NC_USHORT -> DType.UINT16;
            case Nc3Header.NC_UINT -> DType.UINT32;
            case Nc3Header.NC_INT64 -> DType.INT64;
            case Nc3Header.NC_UINT64 -> DType.UINT64;
            default -> throw new IllegalArgumentException("type " + type);
        };
    }

    private static Map<String, Object> attributes(List<Nc3Header.Attr> attrs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Nc3Header.Attr a : attrs) {
            if (!Attributes.HIDDEN.contains(a.name())) {
                out.put(a.name(), value(a));
            }
        }
        return out;
    }

    /** Text for char attributes (trailing NULs dropped, as netCDF-C does), numbers otherwise. */
    static Object value(Nc3Header.Attr a) {
        if (a.type() == Nc3Header.NC_CHAR) {
            int end = a.values().length;
            while (end > 0 && a.values()[end - 1] == 0) {
                end--;
            }
            return new String(a.values(), 0, end, StandardCharsets.UTF_8);
        }
        ByteBuffer b = ByteBuffer.wrap(a.values()).order(ByteOrder.BIG_ENDIAN);
        List<Object> values = new ArrayList<>();
        for (long i = 0; i < a.nelems(); i++) {
            Number n = switch (a.type()) {
                case Nc3Header.NC_BYTE -> b.get();
                case Nc3Header.NC_SHORT -> b.getShort();
                case Nc3Header.NC_INT -> b.getInt();
                case Nc3Header.NC_FLOAT -> b.getFloat();
                case Nc3Header.NC_DOUBLE -> b.getDouble();
                case Nc3Header.NC_UBYTE -> Attributes.unsigned(b.get());
                case Nc3Header.NC_USHORT -> Attributes.unsigned(b.getShort());
                case Nc3Header.NC_UINT -> Attributes.unsigned(b.getInt());
                case Nc3Header.NC_INT64 -> b.getLong();
                default -> Attributes.unsigned(b.getLong());
            };
            values.add(n);
        }
        return values.isEmpty() ? List.of() : Attributes.single(values);
    }

    /** The byte layout of a variable, for reference stores. */
    Nc3Layout layout(String variable) {
        return header.layout(byName.get(variable));
    }

    @Override
    public String name() { return "nc3"; }

    @Override
    public Map<String, Long> dimensions() { return Collections.unmodifiableMap(dims); }

    @Override
    public List<String> unlimitedDimensions() { return Collections.unmodifiableList(unlimited); }

    @Override
    public Map<String, Object> globalAttributes() { return globals; }

    @Override
    public List<Var> variables() { return Collections.unmodifiableList(vars); }

    @Override
    public Object read(Var var, long[] start, int[] count) throws IOException {
        int n = 1;
        for (int c : count) {
            n = Math.multiplyExact(n, c);
        }
        Object out = var.dtype().newArray(n);
        reader.read(byName.get(var.name()), var.dtype(), var.shape(), start, count, out, 0);
        return out;
    }

    @Override
    public boolean readInto(Var var, long[] start, int[] count, Object dst, int dstOffset) throws IOException {
        return Nc3Reader.into(reader, byName.get(var.name()), var, start, count, dst, dstOffset);
    }

    @Override
    public void close() {
        // the ByteSource is closed by NetcdfInput
    }
}
