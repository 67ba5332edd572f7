package org.arcoforge.netcdf;

import org.arcoforge.codec.BytePlanes;
import org.arcoforge.source.ByteSource;
import org.arcoforge.source.ByteSourceRandomAccessFile;
import org.arcoforge.source.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import ucar.ma2.Array;
import ucar.ma2.DataType;
import ucar.ma2.InvalidRangeException;
import ucar.nc2.Attribute;
import ucar.nc2.Dimension;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/** Reads NetCDF-3 and NetCDF-4 (HDF5 superblock 0-2) with netcdf-java 4.5. */
final class NetcdfJavaBackend implements Backend {
    private final NetcdfFile file;
    private final boolean netcdf4;
    private final Map<String, Long> dims = new LinkedHashMap<>();
    private final List<String> unlimited = new ArrayList<>();
    private final Map<String, Object> globals;
    private final List<Var> vars = new ArrayList<>();
    private final Map<String, Variable> byName = new LinkedHashMap<>();
    private final Map<String, NetcdfJavaHdf5.Storage> storage = new HashMap<>();
    private final Hdf5ChunkReader direct;
    private final ByteSource src;
    private Nc3Reader nc3;
    private boolean nc3Opened;
    private final Map<String, java.util.Optional<NetcdfJavaHdf5.Contiguous>> contiguous = new HashMap<>();
    private ContiguousReader contiguousReader;

    /** With {@code directHdf5}, chunked NetCDF-4 data is read by {@link Hdf5ChunkReader}. */
    NetcdfJavaBackend(ByteSource src, boolean netcdf4, boolean directHdf5) throws IOException {
        this(src, netcdf4, directHdf5, null);
    }

    /** {@code group} (a path such as "/Grid"; null: the root) is read as the dataset, see {@link InputGroups}. */
    NetcdfJavaBackend(ByteSource src, boolean netcdf4, boolean directHdf5, String group) throws IOException {
        this.netcdf4 = netcdf4;
        this.src = src;
        this.direct = netcdf4 && directHdf5 ? new Hdf5ChunkReader(src) : null;
        this.file = NetcdfFile.open(new ByteSourceRandomAccessFile(src), src.location(), null, null);
        ucar.nc2.Group g;
        try {
            g = InputGroups.find(file, group, src.location());
        } catch (InputException e) {
            close();
            throw e;
        }
        for (Dimension d : InputGroups.scope(g).values()) {
            dims.put(d.getShortName(), (long) d.getLength());
            if (d.isUnlimited()) {
                unlimited.add(d.getShortName());
            }
        }
        globals = attributes(g.getAttributes(), false, null);
        for (Variable v : g.getVariables()) {
            byName.put(v.getShortName(), v);
            vars.add(describe(v));
        }
    }

    private Var describe(Variable v) {
        List<String> dimNames = new ArrayList<>();
        for (Dimension d : v.getDimensions()) {
            dimNames.add(d.getShortName());
        }
        int[] s = v.getShape();
        long[] shape = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            shape[i] = s[i];
        }
        // netcdf-java 4.5 has no unsigned types: it marks NetCDF-4 unsigned variables with a made-up
        // _Unsigned attribute. NetCDF-3 has no unsigned types, so there _Unsigned is the user's own.
        boolean unsigned = netcdf4 && v.isUnsigned();
        DType dtype = null;
        String unsupported = null;
        DataType t = v.getDataType();
        switch (t) {
            case BYTE -> dtype = unsigned ? DType.UINT8 : DType.INT8;
            case SHORT -> dtype = unsigned ? DType.UINT16 : DType.INT16;
            case INT -> dtype = unsigned ? DType.UINT32 : DType.INT32;
            case LONG -> dtype = unsigned ? DType.UINT64 : DType.INT64;
            case FLOAT -> dtype = DType.FLOAT32;
            case DOUBLE -> dtype = DType.FLOAT64;
            case CHAR -> dtype = DType.CHAR;
            case STRING -> dtype = DType.STRING;
            default -> unsupported = "variables of type " + t + " are not supported";
        }
        if (v.isVariableLength()) { // netcdf-java shows a vlen of int as an int variable with a "*" dimension
            dtype = null;
            unsupported = "NetCDF-4 variable-length (vlen) variables are not supported";
        }
        String filters = netcdf4 && dtype != null ? Hdf5Filters.unsupported(v.getShortName(), NetcdfJavaHdf5.filterIds(v)) : null;
        if (filters != null) {
            dtype = null;
            unsupported = filters;
        }
        return new Var(v.getShortName(), dimNames, shape, dtype,
                attributes(v.getAttributes(), unsigned, netcdf4 ? storedAttributeNames(v) : null), unsupported);
    }

    /**
     * The attributes really stored in the HDF5 object. netcdf-java 4.5 adds some that netCDF-C does not
     * show: _FillValue from the HDF5 fill value message (netCDF-C writes one for every variable),
     * _Unsigned, _ChunkSizes. There is no public API for this, so it looks into netcdf-java 4.5.5's
     * H5header.Vinfo (cdm's version is pinned); fails loudly rather than report made-up attributes.
     */
    private static Set<String> storedAttributeNames(Variable v) {
        try {
            Object vinfo = v.getSPobject();
            Object dataObject = field(field(vinfo, "facade"), "dobj");
            Set<String> names = new HashSet<>();
            for (Object m : (List<?>) field(dataObject, "attributes")) {
                names.add((String) field(m, "name"));
            }
            return names;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot tell stored from synthesized attributes of " + v.getShortName()
                    + ": netcdf-java's H5header internals are not those of cdm 4.5.5", e);
        }
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private Map<String, Object> attributes(List<Attribute> attrs, boolean unsignedVar, Set<String> stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attribute a : attrs) {
            String name = a.getShortName();
            if (Attributes.HIDDEN.contains(name) || stored != null && !stored.contains(name)) {
                continue;
            }
            List<Object> values = new ArrayList<>();
            if (a.isString()) {
                for (int i = 0; i < a.getLength(); i++) {
                    values.add(a.getStringValue(i));
                }
            } else {
                // The attributes of an unsigned variable (_FillValue, valid_range...) share its type.
                boolean unsigned = netcdf4 && (a.isUnsigned() || unsignedVar && a.getDataType().isIntegral());
                for (int i = 0; i < a.getLength(); i++) {
                    Number n = a.getNumericValue(i);
                    values.add(unsigned ? Attributes.unsigned(n) : n);
                }
            }
            out.put(name, values.isEmpty() ? List.of() : Attributes.single(values));
        }
        return out;
    }

    @Override
    public String name() { return "netcdf-java"; }

    @Override
    public List<String> groupPaths() { return InputGroups.paths(file.getRootGroup()); }

    @Override
    public Map<String, Long> dimensions() { return Collections.unmodifiableMap(dims); }

    @Override
    public List<String> unlimitedDimensions() { return Collections.unmodifiableList(unlimited); }

    @Override
    public Map<String, Object> globalAttributes() { return globals; }

    @Override
    public List<Var> variables() { return Collections.unmodifiableList(vars); }

    private NetcdfJavaHdf5.Storage storage(Var var) {
        return storage.computeIfAbsent(var.name(), n -> NetcdfJavaHdf5.storage(byName.get(n)));
    }

    @Override
    public Hdf5ChunkIndex chunkIndex(Var var) {
        return netcdf4 ? storage(var).index() : null;
    }

    // NetCDF-3 values by the project's own reader (netcdf-java reads them a value at a time).
    private Nc3Reader nc3() {
        if (!nc3Opened) {
            nc3Opened = true;
            nc3 = netcdf4 ? null : Nc3Reader.open(src);
        }
        return nc3;
    }

    // Contiguous NetCDF-4 values by the project's own reader, where the direct HDF5 reader is on.
    private NetcdfJavaHdf5.Contiguous contiguous(Var var) {
        if (direct == null || !ContiguousReader.fits(var.dtype(), null)) {
            return null;
        }
        return contiguous.computeIfAbsent(var.name(), n -> java.util.Optional.ofNullable(
                NetcdfJavaHdf5.contiguous(byName.get(n), var.dtype().size(), product(var.shape())))).orElse(null);
    }

    // Reads by ContiguousReader (NetCDF-3, contiguous HDF5) into dst at `at`; false when neither applies.
    private boolean readContiguous(Var var, long[] start, int[] count, Object dst, int at) throws IOException {
        if (!ContiguousReader.fits(var.dtype(), dst)) {
            return false;
        }
        if (!netcdf4) {
            return Nc3Reader.into(nc3(), nc3() == null ? null : nc3.var(var.name()), var, start, count, dst, at);
        }
        NetcdfJavaHdf5.Contiguous c = contiguous(var);
        if (c == null) {
            return false;
        }
        if (contiguousReader == null) {
            contiguousReader = new ContiguousReader(src);
        }
        contiguousReader.read(c.address(), 0, c.order(), var.dtype(), var.shape(), start, count, dst, at);
        return true;
    }

    @Override
    public Object read(Var var, long[] start, int[] count) throws IOException {
        if (ContiguousReader.fits(var.dtype(), null) && (!netcdf4 || contiguous(var) != null)) {
            Object out = var.dtype().newArray(Math.toIntExact(product(count)));
            if (readContiguous(var, start, count, out, 0)) {
                return out;
            }
        }
        if (direct != null && var.dtype() != DType.STRING) {
            NetcdfJavaHdf5.Storage st = storage(var);
            if (st.allFill()) {
                int n = Math.toIntExact(product(count));
                Object out = var.dtype().newArray(n);
                Hdf5ChunkReader.fillRun(out, 0, n, st.fill());
                return out;
            }
            if (st.index() != null && Hdf5ChunkReader.canRead(st.index(), var.dtype())) {
                return direct.read(st.index(), var.dtype(), st.fill(), start, count);
            }
        }
        verifyChecksums(var, start, count);
        int[] origin = new int[start.length];
        for (int i = 0; i < start.length; i++) {
            origin[i] = Math.toIntExact(start[i]);
        }
        Array a;
        try {
            a = byName.get(var.name()).read(origin, count.clone());
        } catch (InvalidRangeException e) {
            throw new IOException(e.getMessage(), e);
        }
        Object values = a.copyTo1DJavaArray();
        if (var.dtype() == DType.STRING) {
            return Strings.of((Object[]) values);
        }
        if (values instanceof char[] chars) {
            byte[] bytes = new byte[chars.length];
            for (int i = 0; i < chars.length; i++) {
                bytes[i] = (byte) chars[i];
            }
            return bytes;
        }
        return values;
    }

    @Override
    public boolean readInto(Var var, long[] start, int[] count, Object dst, int dstOffset) throws IOException {
        if (readContiguous(var, start, count, dst, dstOffset)) {
            return true;
        }
        boolean fits = dst instanceof BytePlanes p ? p.dtype() == var.dtype()
                : dst.getClass() == var.dtype().newArray(0).getClass();
        if (direct == null || !fits || var.dtype() == DType.STRING) {
            return false;
        }
        NetcdfJavaHdf5.Storage st = storage(var);
        return !st.allFill() && st.index() != null && Hdf5ChunkReader.canRead(st.index(), var.dtype())
                && direct.readChunkInto(st.index(), start, count, dst, dstOffset);
    }

    // netcdf-java 4.5 strips fletcher32 checksums without checking them: check them first.
    private void verifyChecksums(Var var, long[] start, int[] count) throws IOException {
        if (!netcdf4) {
            return;
        }
        NetcdfJavaHdf5.Storage st = storage(var);
        if (st.index() != null && Hdf5Filters.hasChecksum(st.index()) && Hdf5Filters.decodable(st.index())) {
            Hdf5ChunkReader checker = direct != null ? direct : new Hdf5ChunkReader(src, false);
            try {
                checker.verify(st.index(), start, count);
            } finally {
                if (checker != direct) {
                    checker.close();
                }
            }
        }
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long c : shape) {
            n *= c;
        }
        return n;
    }

    private static long product(int[] count) {
        long n = 1;
        for (int c : count) {
            n *= c;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (direct != null) {
            direct.close();
        }
        file.close();
    }
}
