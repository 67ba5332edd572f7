package org.arcoforge.netcdf;

import org.arcoforge.source.ByteSource;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.InputException;
import org.arcoforge.source.SourceAccess;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * One NetCDF-3 or NetCDF-4 input, read raw: stored values and attributes exactly as netCDF4-python
 * shows them with auto mask-and-scale off. netcdf-java 4.5 reads NetCDF-3 and most NetCDF-4; jHDF
 * reads NetCDF-4 files on HDF5 superblock 3, which netcdf-java 4.5 cannot open.
 *
 * <p>Unsigned attribute values (of NetCDF-4 unsigned variables, e.g. _FillValue) are widened to the
 * next signed type so that they show their unsigned value: UINT8 as Short, UINT16 as Integer,
 * UINT32 as Long, UINT64 as Long (BigInteger above Long.MAX_VALUE).
 *
 * <p>Not thread-safe: use one instance per thread.
 */
public final class NetcdfInput implements Closeable {
    private final ByteSource source;
    private final FileFormat format;
    private final Backend backend;
    private final long length;
    /** Variables the recipe drops: never described, read or decoded (see {@link #dropping}). */
    private final java.util.Set<String> dropped = new java.util.HashSet<>();

    private NetcdfInput(ByteSource source, FileFormat format, Backend backend, long length) {
        this.source = source;
        this.format = format;
        this.backend = backend;
        this.length = length;
    }

    /** Size of the file in bytes. */
    public long length() {
        return length;
    }

    /** Opens a path or URI through Hadoop (see {@link ByteSources#open}). */
    public static NetcdfInput open(String uriOrPath, Map<String, String> hadoopConf, FileType type) {
        return open(uriOrPath, hadoopConf, SourceAccess.NONE, type);
    }

    /** Opens a path, Hadoop URI or http(s)/ftp URL (see {@link ByteSources#open}). */
    public static NetcdfInput open(String uriOrPath, Map<String, String> hadoopConf, SourceAccess access, FileType type) {
        return open(ByteSources.open(uriOrPath, hadoopConf, access), type);
    }

    /**
     * As {@link #open(String, Map, SourceAccess, FileType)}, reading the NetCDF-4/HDF5 group at
     * {@code group} ("/Grid"; null or "/": the root) as the dataset, as xarray's {@code group=} does.
     */
    public static NetcdfInput open(String uriOrPath, Map<String, String> hadoopConf, SourceAccess access, FileType type,
                                   String group) {
        ByteSource src = ByteSources.open(uriOrPath, hadoopConf, access);
        try {
            return doOpen(src, type, !"false".equals(System.getProperty(DIRECT_HDF5_PROPERTY)), group);
        } catch (RuntimeException e) {
            closeQuietly(src);
            throw e;
        }
    }

    /**
     * Opens a NetCDF input; AUTO detects the format from the magic bytes, an explicit type must
     * match them. The input owns {@code src} from now on and closes it.
     */
    public static NetcdfInput open(ByteSource src, FileType type) {
        return open(src, type, !"false".equals(System.getProperty(DIRECT_HDF5_PROPERTY)));
    }

    /**
     * System property: "false" reads NetCDF-4 data through netcdf-java only, not through the
     * direct HDF5 chunk reader (an escape hatch, and the baseline of benchmarks).
     */
    public static final String DIRECT_HDF5_PROPERTY = "arcoforge.hdf5.direct";

    /** {@code directHdf5} false keeps netcdf-java's own read path for NetCDF-4 data (for comparisons). */
    static NetcdfInput open(ByteSource src, FileType type, boolean directHdf5) {
        try {
            return doOpen(src, type, directHdf5, null);
        } catch (RuntimeException e) {
            closeQuietly(src);
            throw e;
        }
    }

    static NetcdfInput open(ByteSource src, FileType type, boolean directHdf5, String group) {
        try {
            return doOpen(src, type, directHdf5, group);
        } catch (RuntimeException e) {
            closeQuietly(src);
            throw e;
        }
    }

    private static NetcdfInput doOpen(ByteSource src, FileType type, boolean directHdf5, String group) {
        String loc = src.location();
        Magic.Detected d;
        long length;
        long required;
        try {
            d = Magic.detect(src);
            length = src.length();
            required = Magic.requiredLength(src, d);
        } catch (IOException e) {
            throw new InputException(loc, "cannot read: " + e.getMessage(), e);
        }
        if (type == FileType.NETCDF3 && d.format() == FileFormat.NETCDF4
                || type == FileType.NETCDF4 && d.format() != FileFormat.NETCDF4) {
            throw new InputException(loc, "declared " + type + " but the file is " + d.format()
                    + " by its first bytes");
        }
        if (required > length) {
            throw new InputException(loc, "truncated file: its " + (d.format() == FileFormat.NETCDF4
                    ? "HDF5 superblock" : "NetCDF-3 header") + " says it has at least " + required
                    + " bytes but it has " + length);
        }
        boolean inGroup = !InputGroups.parts(group).isEmpty();
        if (inGroup && d.format() != FileFormat.NETCDF4) {
            throw new InputException(loc, "the recipe reads group " + InputGroups.normalize(group) + " but this is a "
                    + d.format() + " file, which has no groups: remove group: from the recipe");
        }
        Backend backend;
        if (d.format() == FileFormat.NETCDF3_64BIT_DATA) {
            // netcdf-java 4.5 cannot open CDF-5 ("not a valid CDM file")
            try {
                backend = new Nc3Backend(src);
            } catch (IOException e) {
                throw new InputException(loc, "cannot read: " + e.getMessage(), e);
            }
        } else if (d.format() == FileFormat.NETCDF4 && d.superblockVersion() >= 3) {
            // netcdf-java 4.5 fails with "Unknown superblock version= 3".
            backend = openJhdf(src, d, inGroup ? group : null);
        } else {
            try {
                backend = inGroup ? new NetcdfJavaBackend(src, true, directHdf5, group)
                        : new NetcdfJavaBackend(src, d.format() == FileFormat.NETCDF4, directHdf5);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                if (inGroup && e instanceof InputException missingGroup) {
                    throw missingGroup;
                }
                throw HugeAllocation.named(loc, e, () -> new InputException(loc, "netcdf-java cannot open this "
                        + d.format() + " file: " + e, e));
            }
        }
        return new NetcdfInput(src, d.format(), backend, length);
    }

    private static Backend openJhdf(ByteSource src, Magic.Detected d, String group) {
        try {
            return new JhdfBackend(src, group);
        } catch (InputException e) {
            throw HugeAllocation.named(src.location(), e, () -> e);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            throw HugeAllocation.named(src.location(), e, () -> new InputException(src.location(),
                    "cannot read this NetCDF-4 file on HDF5 superblock version " + d.superblockVersion()
                            + " (netcdf-java 4.5 does not support it; jHDF failed; is its header corrupt?): " + e, e));
        }
    }

    public String location() { return source.location(); }

    public FileFormat format() { return format; }

    /**
     * Hides these variables (the recipe's drop_variables) from everything after: metadata, reads.
     * A dropped variable is never decoded, so a type the project cannot read can be dropped.
     */
    public NetcdfInput dropping(java.util.Collection<String> names) {
        for (Backend.Var v : backend.variables()) {
            if (names.contains(v.name())) {
                dropped.add(v.name());
            }
        }
        return this;
    }

    /** The variables of this input that {@link #dropping} hides. */
    public java.util.Set<String> dropped() {
        return java.util.Collections.unmodifiableSet(dropped);
    }

    private List<Backend.Var> visible() {
        if (dropped.isEmpty()) {
            return backend.variables();
        }
        return backend.variables().stream().filter(v -> !dropped.contains(v.name())).toList();
    }

    /** "netcdf-java", "jhdf" or "nc3" (the own NetCDF-3 reader, for CDF-5): which library reads this file. */
    public String backendName() { return backend.name(); }

    /** Every group below the root, as paths ("/Grid", "/Grid/sub"), parents first; none for NetCDF-3. */
    public List<String> groupPaths() { return backend.groupPaths(); }

    /** Dimension lengths in file order (the current length for unlimited ones). */
    public Map<String, Long> dimensions() { return backend.dimensions(); }

    public List<String> unlimitedDimensions() { return backend.unlimitedDimensions(); }

    /** Global attributes and every variable without values. */
    public Dataset metadata() {
        List<DatasetVariable> vars = new ArrayList<>();
        for (Backend.Var v : visible()) {
            vars.add(new DatasetVariable(v.name(), v.dims(), v.shape(), supported(v).dtype(), v.attributes(), null));
        }
        return new Dataset(location(), backend.globalAttributes(), vars);
    }

    /**
     * Byte ranges of a NetCDF-4 variable's HDF5 chunks, when it is chunked and read by netcdf-java;
     * empty otherwise (NetCDF-3, contiguous or compact storage, files read by jHDF).
     */
    public java.util.Optional<Hdf5ChunkIndex> chunkIndex(String variable) {
        return java.util.Optional.ofNullable(backend.chunkIndex(find(variable)));
    }

    /**
     * Where a NetCDF-3 variable's bytes lie (begin offset, record stride, record count); empty for
     * NetCDF-4 inputs.
     */
    public java.util.Optional<Nc3Layout> nc3Layout(String variable) {
        find(variable);
        if (format == FileFormat.NETCDF4) {
            return java.util.Optional.empty();
        }
        if (backend instanceof Nc3Backend nc3) {
            return java.util.Optional.of(nc3.layout(variable));
        }
        try {
            Nc3Header.Parsed h = Nc3Header.parse(source);
            return h.vars().stream().filter(v -> v.name().equals(variable)).findFirst().map(h::layout);
        } catch (IOException e) {
            throw new InputException(location(), "cannot read the NetCDF-3 header: " + e.getMessage(), e);
        }
    }

    /**
     * Raw values of a hyperslab in C order, as the primitive array of the variable's DType. For a
     * scalar variable, start and count are empty.
     */
    public Object read(String variable, long[] start, int[] count) {
        Backend.Var v = supported(find(variable));
        long[] shape = v.shape();
        boolean ok = start.length == shape.length && count.length == shape.length;
        long n = 1;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = start[i] >= 0 && count[i] >= 0 && start[i] + count[i] <= shape[i];
            n *= count[i];
        }
        if (!ok) {
            throw new InputException(location(), "read outside variable " + variable + ": start "
                    + Arrays.toString(start) + ", count " + Arrays.toString(count) + ", shape " + Arrays.toString(shape)
                    + " " + v.dims());
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new InputException(location(), "read of " + n + " values of " + variable + " is too large for one array");
        }
        if (n == 0) {
            return v.dtype().newArray(0);
        }
        try {
            return backend.read(v, start, count);
        } catch (Hdf5Filters.ChecksumException e) {
            throw new InputException(location(), "variable " + variable + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new InputException(location(), "cannot read variable " + variable + " at start "
                    + Arrays.toString(start) + " count " + Arrays.toString(count)
                    + " (is the file truncated or corrupt?): " + e, e);
        }
    }

    /**
     * When the backend can, writes the values {@link #read} would return to {@code dst} from
     * element {@code dstOffset} on, without an intermediate array (one whole stored HDF5 chunk of
     * a variable of {@code dst}'s type), and returns true; otherwise writes nothing and returns false.
     * {@code dst} is a primitive array or {@link BytePlanes} of the variable's dtype.
     */
    public boolean readInto(String variable, long[] start, int[] count, Object dst, int dstOffset) {
        Backend.Var v = supported(find(variable));
        long[] shape = v.shape();
        boolean ok = start.length == shape.length && count.length == shape.length && shape.length > 0;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = start[i] >= 0 && count[i] > 0 && start[i] + count[i] <= shape[i];
        }
        if (!ok) {
            return false;
        }
        try {
            return backend.readInto(v, start, count, dst, dstOffset);
        } catch (Hdf5Filters.ChecksumException e) {
            throw new InputException(location(), "variable " + variable + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new InputException(location(), "cannot read variable " + variable + " at start "
                    + Arrays.toString(start) + " count " + Arrays.toString(count)
                    + " (is the file truncated or corrupt?): " + e, e);
        }
    }

    /** The whole variable. */
    public Object readAll(String variable) {
        long[] shape = find(variable).shape();
        int[] count = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            count[i] = Math.toIntExact(shape[i]);
        }
        return read(variable, new long[shape.length], count);
    }

    private Backend.Var find(String variable) {
        for (Backend.Var v : visible()) {
            if (v.name().equals(variable)) {
                return v;
            }
        }
        List<String> names = visible().stream().map(Backend.Var::name).toList();
        throw new InputException(location(), "no variable '" + variable + "' (it has " + names + ")");
    }

    private Backend.Var supported(Backend.Var v) {
        if (v.dtype() == null) {
            throw new InputException(location(), "variable " + v.name() + ": " + v.unsupported()
                    + "; drop it with drop_variables: [" + v.name() + "] if it is not needed");
        }
        return v;
    }

    /** Closes the file; a failure to close is reported as an InputException naming it. */
    @Override
    public void close() {
        try {
            try {
                backend.close();
            } finally {
                source.close();
            }
        } catch (IOException e) {
            throw new InputException(location(), "cannot close: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
