package org.arcoforge.format.reference;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.codec.BytesCodec;
import org.arcoforge.codec.ElementBytes;
import org.arcoforge.format.zarr2.ZarrDTypes;
import org.arcoforge.netcdf.FileFormat;
import org.arcoforge.netcdf.Hdf5ChunkIndex;
import org.arcoforge.netcdf.Nc3Layout;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Reads one input's byte layout from what {@code netcdf} exposes: HDF5 chunk indexes (filters as
 * numcodecs configs), NetCDF-3 variable and record ranges. A plain function; Spark calls it per input.
 */
public final class LayoutReader {
    /** Largest unchunked NetCDF-4 variable carried inline (coordinates, scalars, small tables). */
    static final int INLINE_LIMIT = 64 * 1024;

    private LayoutReader() {
    }

    /** @param url the input's own URL, as the references name it */
    public static InputLayout read(NetcdfInput in, String url) {
        Map<String, VariableLayout> out = new LinkedHashMap<>();
        List<String> unlimited = in.unlimitedDimensions();
        for (DatasetVariable v : in.metadata().variables().values()) {
            String name = v.sourceName();
            out.put(name, variable(in, v, unlimited));
        }
        return new InputLayout(url, out);
    }

    private static VariableLayout variable(NetcdfInput in, DatasetVariable v, List<String> unlimited) {
        String name = v.sourceName();
        DType t = v.dtype();
        if (t == DType.STRING) {
            return VariableLayout.problem(name, "it holds variable-length strings, which a reference store cannot point at");
        }
        if (in.format() != FileFormat.NETCDF4) {
            Nc3Layout l = in.nc3Layout(name).orElse(null);
            if (l == null) {
                return VariableLayout.problem(name, "its NetCDF-3 byte layout is unknown");
            }
            boolean record = !v.dims().isEmpty() && unlimited.contains(v.dims().get(0));
            return nc3(name, dtypeName(t, ByteOrder.BIG_ENDIAN), v.shape(), t.size(), l, record);
        }
        Hdf5ChunkIndex index = in.chunkIndex(name).orElse(null);
        if (index == null) {
            long bytes = (long) t.size();
            for (long s : v.shape()) {
                bytes *= s;
            }
            if (bytes > INLINE_LIMIT) {
                // netcdf exposes chunk locations for chunked datasets read by netcdf-java only
                return VariableLayout.problem(name, "where its bytes lie is not known here (it is stored contiguously,"
                        + " or the file is on HDF5 superblock 3, read by jHDF), and it is larger than the "
                        + INLINE_LIMIT + " bytes carried inline; the Zarr recipe (kind: zarr) handles it");
            }
            byte[] values = ElementBytes.toLittleEndian(in.readAll(name));
            return VariableLayout.inline(name, ZarrDTypes.name(t), v.shape(), values);
        }
        return hdf5(name, dtypeName(t, index.byteOrder()), index);
    }

    static VariableLayout hdf5(String name, String dtype, Hdf5ChunkIndex index) {
        List<Map<String, Object>> filters = new ArrayList<>();
        try {
            for (BytesCodec c : index.codecs()) {
                filters.add(c.zarrV2());
            }
        } catch (IllegalArgumentException e) {
            return VariableLayout.problem(name, e.getMessage() + ", and no standard reader decodes it");
        }
        int[] cs = index.chunkShape();
        List<Hdf5ChunkIndex.Chunk> chunks = index.chunks();
        int n = chunks.size();
        int[] grid = new int[n * cs.length];
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            Hdf5ChunkIndex.Chunk c = chunks.get(i);
            if (c.filterMask() != 0) {
                return VariableLayout.problem(name, c + " skipped some of its filters (HDF5 filter mask), which a"
                        + " Zarr array cannot describe");
            }
            for (int d = 0; d < cs.length; d++) {
                grid[i * cs.length + d] = Math.toIntExact(c.origin()[d] / cs[d]);
            }
            offsets[i] = c.offset();
            lengths[i] = c.size();
        }
        return new VariableLayout(name, dtype, index.shape(), cs, filters, grid, offsets, lengths, null, null);
    }

    /** Fixed variables: one range; record variables: one range per record (chunks of 1 along the record dim). */
    static VariableLayout nc3(String name, String dtype, long[] shape, int elementSize, Nc3Layout l, boolean record) {
        int rank = shape.length;
        int[] cs = new int[rank];
        long perRecord = elementSize;
        for (int d = 0; d < rank; d++) {
            cs[d] = (int) Math.max(1, shape[d]);
            if (d > 0 || !record) {
                perRecord *= shape[d];
            }
        }
        if (record) {
            cs[0] = 1;
        }
        int n = record ? Math.toIntExact(shape[0]) : 1;
        int[] grid = new int[n * rank];
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        for (int r = 0; r < n; r++) {
            if (record) {
                grid[r * rank] = r;
            }
            offsets[r] = l.offset(r);
            lengths[r] = Math.toIntExact(perRecord);
        }
        return new VariableLayout(name, dtype, shape, cs, List.of(), grid, offsets, lengths, null, null);
    }

    /** The Zarr v2 dtype string in the given byte order: {@code >i2}, {@code <f4}, {@code |u1}. */
    static String dtypeName(DType t, ByteOrder order) {
        String little = ZarrDTypes.name(t);
        return t.size() > 1 && order == ByteOrder.BIG_ENDIAN ? ">" + little.substring(1) : little;
    }
}
