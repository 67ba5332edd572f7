package org.arcoforge.netcdf;

import org.arcoforge.codec.Fletcher32;
import org.arcoforge.grid.GridIndex;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The filter check of {@link Hdf5Filters} for datasets read by jHDF, which also decodes lzf, lz4 and bitshuffle. */
final class JhdfFilters {
    private static final Set<Integer> JHDF_DECODES = Set.of(32000, 32004, 32008);

    private JhdfFilters() {}

    /** Why the dataset cannot be read, or null. */
    static String unsupported(Dataset ds) {
        List<Integer> ids = new ArrayList<>();
        try {
            for (PipelineFilterWithData f : ds.getFilters()) {
                if (!JHDF_DECODES.contains(f.getId())) {
                    ids.add(f.getId());
                }
            }
        } catch (RuntimeException e) {
            // jHDF builds the pipeline eagerly and fails on a filter it lacks: "... name='undefined' id=6"
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bid=(\\d+)")
                    .matcher(String.valueOf(e.getMessage()));
            if (m.find()) {
                return Hdf5Filters.unsupported(ds.getName(), List.of(Integer.parseInt(m.group(1))));
            }
            return "its HDF5 filter pipeline cannot be decoded (" + e.getMessage() + "); leave the variable out with"
                    + " drop_variables: [" + ds.getName() + "]";
        }
        return Hdf5Filters.unsupported(ds.getName(), ids);
    }

    /**
     * The codecs of the dataset's filter pipeline, in encoding order, with the filters' own client
     * data (levels included: netcdf-java 4.5.5 may lose deflate's, see {@link Hdf5ChunkIndex#codecs}).
     *
     * @throws IllegalArgumentException for a filter no codec stands for
     */
    static List<org.arcoforge.codec.BytesCodec> codecs(Dataset ds) {
        List<org.arcoforge.codec.CodecRegistry.Hdf5Filter> filters = new ArrayList<>();
        for (PipelineFilterWithData f : ds.getFilters()) {
            filters.add(new org.arcoforge.codec.CodecRegistry.Hdf5Filter(f.getId(), f.getFilterData()));
        }
        return org.arcoforge.codec.CodecRegistry.fromHdf5(filters, ds.getDataType().getSize());
    }

    /**
     * Checks the Fletcher-32 checksums of the chunks a hyperslab touches: jHDF 0.13 neither checks
     * nor strips them. The checksum covers the bytes as they were when the filter ran: the stored
     * bytes when it ran last (h5py), the decoded chunk when it ran first (netCDF-C).
     */
    static void verify(Dataset ds, long[] start, int[] count) throws java.io.IOException {
        if (!(ds instanceof ChunkedDataset cd) || start.length == 0) {
            return;
        }
        List<PipelineFilterWithData> filters = ds.getFilters();
        int at = -1;
        for (int i = 0; i < filters.size(); i++) {
            at = filters.get(i).getId() == Hdf5Filters.FLETCHER32 ? i : at;
        }
        if (at < 0 || at != 0 && at != filters.size() - 1) {
            return;
        }
        boolean raw = at == filters.size() - 1;
        int[] cs = cd.getChunkDimensions();
        int rank = start.length;
        long[] first = new long[rank];
        long[] last = new long[rank];
        for (int d = 0; d < rank; d++) {
            first[d] = start[d] / cs[d];
            last[d] = (start[d] + count[d] - 1) / cs[d];
        }
        for (GridIndex cells = GridIndex.between(first, last); cells.next(); ) {
            long[] cell = cells.index();
            int[] origin = new int[rank];
            for (int d = 0; d < rank; d++) {
                origin[d] = Math.toIntExact(cell[d] * cs[d]);
            }
            byte[] bytes;
            if (!allocated(cd, cell, cs)) {
                bytes = null; // never written: reads as the fill value, nothing to check
            } else if (raw) {
                ByteBuffer b = cd.getRawChunkBuffer(origin);
                bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
            } else {
                bytes = cd.getDecompressedChunk(origin);
            }
            if (bytes != null && !Fletcher32.verify(bytes, 0, bytes.length)) {
                throw new Hdf5Filters.ChecksumException(Arrays.toString(cell) + " (elements from "
                        + Arrays.toString(origin) + ")");
            }
        }
    }

    /**
     * Whether a chunk was ever written. jHDF 0.13 has no public API for it and hands out fill bytes
     * for chunks whose address is undefined, so this asks its chunk lookup (pinned version).
     */
    private static boolean allocated(ChunkedDataset cd, long[] cell, int[] cs) {
        long[] origin = new long[cs.length];
        for (int d = 0; d < cs.length; d++) {
            origin[d] = cell[d] * cs[d];
        }
        try {
            java.lang.reflect.Method m = io.jhdf.dataset.chunked.ChunkedDatasetBase.class
                    .getDeclaredMethod("getChunkLookup");
            m.setAccessible(true);
            Object c = ((java.util.Map<?, ?>) m.invoke(cd)).get(new io.jhdf.dataset.chunked.ChunkOffset(origin));
            return c instanceof io.jhdf.dataset.chunked.Chunk chunk && chunk.getAddress() != -1L;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot tell written from unwritten chunks of " + cd.getName()
                    + ": jHDF's internals are not those of 0.13.0", e);
        }
    }
}
