package org.arcoforge.netcdf;

import org.arcoforge.source.ByteSource;
import org.arcoforge.source.ByteSourceChannel;
import org.arcoforge.source.InputException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * Reads NetCDF-4 files that netcdf-java 4.5 cannot open (HDF5 superblock 3) with jHDF, rebuilding
 * the netCDF-4 data model from HDF5 dimension scales. jHDF does not expose creation order, so
 * variables and dimensions without _Netcdf4Dimid are ordered by object header address (the order
 * they were written in, for the libraries that write NetCDF-4).
 */
final class JhdfBackend implements Backend {
    private static final String NOT_A_VARIABLE = "This is a netCDF dimension but not a netCDF variable";

    private final ByteSource src;
    private final HdfFile hdf;
    private final Map<String, Long> dims = new LinkedHashMap<>();
    private final List<String> unlimited = new ArrayList<>();
    private final Map<String, Object> globals;
    private final List<Var> vars = new ArrayList<>();
    private final Map<String, Dataset> datasets = new HashMap<>();

    private record Scale(Dataset ds, String name, Integer dimid, boolean isVariable) {}

    JhdfBackend(ByteSource src) throws IOException {
        this(src, null);
    }

    /** {@code group} (a path such as "/Grid"; null: the root) is read as the dataset, see {@link InputGroups}. */
    JhdfBackend(ByteSource src, String group) throws IOException {
        this.src = src;
        this.hdf = new HdfFile(new ByteSourceChannel(src), uriWithPath(src.location()));
        try {
            List<io.jhdf.api.Group> chain = JhdfGroups.chain(hdf, group, src.location());
            io.jhdf.api.Group g = chain.get(chain.size() - 1);
            globals = attributes(g);
            List<Dataset> all = datasets(g);
            // Dimensions of ancestor groups are in scope too; a nearer one shadows a farther one.
            List<Dataset> inScope = new ArrayList<>(all);
            for (int i = chain.size() - 2; i >= 0; i--) {
                inScope.addAll(datasets(chain.get(i)));
            }
            Map<String, Dataset> nearest = new HashMap<>();
            List<Scale> scales = new ArrayList<>();
            for (Dataset ds : inScope) {
                if ("DIMENSION_SCALE".equals(stringAttr(ds, "CLASS"))) {
                    nearest.putIfAbsent(ds.getName(), ds);
                    String label = stringAttr(ds, "NAME");
                    Object id = attrValue(ds, "_Netcdf4Dimid");
                    scales.add(new Scale(ds, ds.getName(), id instanceof Number num ? num.intValue() : null,
                            label == null || !label.startsWith(NOT_A_VARIABLE)));
                }
            }
            scales.sort(Comparator.comparing((Scale s) -> s.dimid() == null ? Integer.MAX_VALUE : s.dimid())
                    .thenComparingLong(s -> s.ds().getAddress()));
            Map<Long, String> dimByAddress = new HashMap<>();
            Map<Integer, String> dimById = new HashMap<>();
            for (Scale s : scales) {
                if (nearest.get(s.name()) != s.ds()) {
                    continue;
                }
                dims.put(s.name(), s.ds().getDimensionsAsLong()[0]);
                if (s.ds().getMaxSize()[0] < 0) {
                    unlimited.add(s.name());
                }
                dimByAddress.put(s.ds().getAddress(), s.name());
                if (s.dimid() != null) {
                    dimById.put(s.dimid(), s.name());
                }
            }
            for (Dataset ds : all) {
                Scale scale = scales.stream().filter(s -> s.ds() == ds).findFirst().orElse(null);
                if (scale != null && !scale.isVariable()) {
                    continue;
                }
                List<String> varDims = scale != null ? List.of(scale.name()) : dimensionsOf(ds, dimByAddress, dimById);
                long[] shape = ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
                DataType t = ds.getDataType();
                DType dtype = dtype(t);
                String unsupported = dtype != null ? null : t instanceof VariableLength
                        ? "NetCDF-4 variable-length (vlen) variables are not supported"
                        : "HDF5 type " + t.getClass().getSimpleName() + " is not supported";
                String filters = JhdfFilters.unsupported(ds);
                vars.add(new Var(ds.getName(), varDims, shape, filters == null ? dtype : null,
                        attributes(ds), filters == null ? unsupported : filters));
                datasets.put(ds.getName(), ds);
            }
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    private static List<Dataset> datasets(io.jhdf.api.Group g) {
        List<Dataset> out = new ArrayList<>();
        for (Node n : g.getChildren().values()) {
            if (n instanceof Dataset ds) {
                out.add(ds);
            }
        }
        out.sort(Comparator.comparingLong(Node::getAddress));
        return out;
    }

    /** jHDF turns the URI's path into a Path (only used for messages and external links). */
    private static URI uriWithPath(String location) {
        try {
            URI u = new URI(location);
            if (u.getPath() != null && !u.getPath().isEmpty()) {
                return URI.create("file://" + new URI(null, null, u.getPath(), null).getRawPath());
            }
        } catch (java.net.URISyntaxException ignored) {
            // fall through
        }
        return URI.create("file:///input.nc");
    }

    private List<String> dimensionsOf(Dataset ds, Map<Long, String> byAddress, Map<Integer, String> byId) {
        long[] shape = ds.isScalar() ? new long[0] : ds.getDimensionsAsLong();
        Object list = attrValue(ds, "DIMENSION_LIST");
        if (list instanceof Object[] refs && refs.length == shape.length) {
            List<String> out = new ArrayList<>();
            for (Object r : refs) {
                String name = null;
                if (r instanceof long[] addr && addr.length == 1) {
                    name = byAddress.get(addr[0]);
                }
                if (name == null) {
                    out = null;
                    break;
                }
                out.add(name);
            }
            if (out != null) {
                return out;
            }
        }
        if (attrValue(ds, "_Netcdf4Coordinates") instanceof int[] ids && ids.length == shape.length) {
            List<String> out = new ArrayList<>();
            for (int id : ids) {
                out.add(byId.get(id));
            }
            if (!out.contains(null)) {
                return out;
            }
        }
        List<String> out = new ArrayList<>();
        for (long len : shape) {
            List<String> candidates = dims.entrySet().stream().filter(e -> e.getValue() == len)
                    .map(Map.Entry::getKey).toList();
            if (candidates.size() != 1) {
                throw new InputException(src.location(), "cannot tell the dimensions of variable " + ds.getName()
                        + " (shape " + java.util.Arrays.toString(shape) + "): no usable DIMENSION_LIST or "
                        + "_Netcdf4Coordinates and " + candidates.size() + " dimensions of length " + len);
            }
            out.add(candidates.get(0));
        }
        return out;
    }

    private static DType dtype(DataType t) {
        if (t instanceof FixedPoint f) {
            boolean s = f.isSigned();
            return switch (f.getSize()) {
                case 1 -> s ? DType.INT8 : DType.UINT8;
                case 2 -> s ? DType.INT16 : DType.UINT16;
                case 4 -> s ? DType.INT32 : DType.UINT32;
                case 8 -> s ? DType.INT64 : DType.UINT64;
                default -> null;
            };
        }
        if (t instanceof FloatingPoint) {
            return t.getSize() == 4 ? DType.FLOAT32 : t.getSize() == 8 ? DType.FLOAT64 : null;
        }
        if (t instanceof StringData && t.getSize() == 1) {
            return DType.CHAR; // netCDF-4 char: fixed-length strings of one byte
        }
        if (t instanceof VariableLength v && v.isVariableLengthString()) {
            return DType.STRING; // NC_STRING
        }
        return null;
    }

    private Map<String, Object> attributes(Node node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Attribute a : node.getAttributes().values()) {
            if (Attributes.HIDDEN.contains(a.getName())) {
                continue;
            }
            out.put(a.getName(), attributeValue(a));
        }
        return out;
    }

    private static Object attributeValue(Attribute a) {
        if (a.isEmpty()) {
            return List.of();
        }
        DataType t = a.getDataType();
        Object data = a.getData();
        List<Object> values = new ArrayList<>();
        flattenBoxed(data, values);
        if (t instanceof FixedPoint f) {
            for (int i = 0; i < values.size(); i++) {
                values.set(i, integer((Number) values.get(i), f.getSize(), f.isSigned()));
            }
        }
        return Attributes.single(values);
    }

    /** jHDF widens unsigned values on its own terms; use the project's widths (see NetcdfInput). */
    private static Number integer(Number n, int size, boolean signed) {
        if (signed) {
            return switch (size) {
                case 1 -> n.byteValue();
                case 2 -> n.shortValue();
                case 4 -> n.intValue();
                default -> n.longValue();
            };
        }
        return switch (size) {
            case 1 -> (short) (n.intValue() & 0xff);
            case 2 -> n.intValue() & 0xffff;
            case 4 -> n.longValue() & 0xffffffffL;
            default -> n instanceof BigInteger b && b.bitLength() > 63 ? b : (Number) n.longValue();
        };
    }

    private static void flattenBoxed(Object data, List<Object> out) {
        if (data == null) {
            return;
        }
        if (!data.getClass().isArray()) {
            out.add(data);
            return;
        }
        int n = Array.getLength(data);
        for (int i = 0; i < n; i++) {
            flattenBoxed(Array.get(data, i), out);
        }
    }

    private static Object attrValue(Node n, String name) {
        Attribute a = n.getAttributes().get(name);
        return a == null ? null : a.getData();
    }

    private static String stringAttr(Node n, String name) {
        return attrValue(n, name) instanceof String s ? s : null;
    }

    @Override
    public String name() { return "jhdf"; }

    @Override
    public List<String> groupPaths() { return JhdfGroups.paths(hdf); }

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
        Dataset ds = datasets.get(var.name());
        JhdfFilters.verify(ds, start, count);
        Object data = start.length == 0 ? ds.getData() : ds.getData(start.clone(), count.clone());
        int n = 1;
        for (int c : count) {
            n *= c;
        }
        Object out = var.dtype().newArray(n);
        int filled = fill(data, out, 0);
        if (filled != n) {
            throw new IllegalStateException("jHDF returned " + filled + " values instead of " + n);
        }
        return out instanceof String[] s ? Strings.of(s) : out;
    }

    /** Copies jHDF's (possibly nested, possibly widened) array into the flat C-order array. */
    private static int fill(Object data, Object out, int at) {
        if (data instanceof Object[] rows && !(data instanceof String[]) && !(data instanceof BigInteger[])
                && !(data instanceof Number[])) {
            for (Object row : rows) {
                at = fill(row, out, at);
            }
            return at;
        }
        if (!data.getClass().isArray()) {
            Array.set(out, at, convert(data, out));
            return at + 1;
        }
        if (data.getClass() == out.getClass()) {
            int n = Array.getLength(data);
            System.arraycopy(data, 0, out, at, n);
            return at + n;
        }
        int n = Array.getLength(data);
        for (int i = 0; i < n; i++) {
            Array.set(out, at + i, convert(Array.get(data, i), out));
        }
        return at + n;
    }

    private static Object convert(Object v, Object out) {
        if (v instanceof String s) {
            v = s.isEmpty() ? 0 : (int) s.charAt(0);
        }
        Number n = (Number) v;
        if (out instanceof byte[]) {
            return n.byteValue();
        }
        if (out instanceof short[]) {
            return n.shortValue();
        }
        if (out instanceof int[]) {
            return n.intValue();
        }
        if (out instanceof long[]) {
            return n.longValue();
        }
        if (out instanceof float[]) {
            return n.floatValue();
        }
        return n.doubleValue();
    }

    @Override
    public void close() {
        hdf.close();
    }
}
