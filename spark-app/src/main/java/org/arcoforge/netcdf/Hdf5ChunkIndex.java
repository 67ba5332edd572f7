package org.arcoforge.netcdf;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the stored chunks of one chunked HDF5 dataset (a NetCDF-4 variable) lie in its file: for
 * each allocated chunk its byte offset, stored size, origin (element index of its first corner)
 * and filter mask, plus the dataset's chunk shape, element size, byte order and filter pipeline.
 * Chunks that were never written are absent and read as the fill value. These are exactly the
 * byte ranges a reference (kerchunk-style) store points at.
 */
public final class Hdf5ChunkIndex {
    /** HDF5 filter ids (H5Zpublic.h). */
    public static final int DEFLATE = 1;
    public static final int SHUFFLE = 2;

    /** One filter of the pipeline, in the order HDF5 applied it when writing. */
    public record Filter(int id, String name, int[] clientData) {
        public Filter {
            clientData = clientData == null ? new int[0] : clientData.clone();
        }

        @Override
        public String toString() {
            return name + "(" + id + ")" + Arrays.toString(clientData);
        }
    }

    /**
     * One allocated chunk. Bit i of {@code filterMask} set means filter i of the pipeline was
     * skipped for this chunk. Stored chunks always hold a whole chunk, also at the array's edges.
     */
    public record Chunk(long[] origin, long offset, int size, int filterMask) {
        @Override
        public String toString() {
            return "chunk " + Arrays.toString(origin) + " at " + offset + " (" + size + " bytes, mask " + filterMask + ")";
        }
    }

    private final long[] shape;
    private final int[] chunkShape;
    private final int elementSize;
    private final ByteOrder byteOrder;
    private final List<Filter> filters;
    private final List<Chunk> chunks;
    private final long[] grid;
    private final Map<Long, Chunk> byGridIndex = new HashMap<>();

    public Hdf5ChunkIndex(long[] shape, int[] chunkShape, int elementSize, ByteOrder byteOrder, List<Filter> filters,
                          List<Chunk> chunks) {
        if (shape.length != chunkShape.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " and chunk shape "
                    + Arrays.toString(chunkShape) + " differ in rank");
        }
        this.shape = shape.clone();
        this.chunkShape = chunkShape.clone();
        this.elementSize = elementSize;
        this.byteOrder = byteOrder;
        this.filters = List.copyOf(filters);
        this.chunks = List.copyOf(chunks);
        this.grid = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (chunkShape[d] <= 0) {
                throw new IllegalArgumentException("chunk shape " + Arrays.toString(chunkShape) + " is not positive");
            }
            grid[d] = Math.max(1, (shape[d] + chunkShape[d] - 1) / chunkShape[d]);
        }
        for (Chunk c : this.chunks) {
            long key = gridKey(c.origin());
            if (key >= 0) {
                byGridIndex.put(key, c);
            }
        }
    }

    /** The dataset's current shape. */
    public long[] shape() { return shape.clone(); }

    public int[] chunkShape() { return chunkShape.clone(); }

    /** Bytes per element as stored. */
    public int elementSize() { return elementSize; }

    /** Byte order of the stored elements. */
    public ByteOrder byteOrder() { return byteOrder; }

    /** The filter pipeline in write order (empty when the chunks are stored as they are). */
    public List<Filter> filters() { return filters; }

    /**
     * The codecs of the filter pipeline, in encoding order (shuffle + deflate: [shuffle(size),
     * zlib(level)]): what a reference store lists for these chunks. netcdf-java 4.5.5 loses the
     * deflate level after a shuffle filter (its client data), so zlib gets level 6 there: any level decodes the same bytes,
     * but where the level is shown, take the pipeline from jHDF ({@link JhdfFilters#codecs}).
     *
     * @throws IllegalArgumentException for a filter no codec stands for
     */
    public List<org.arcoforge.codec.BytesCodec> codecs() {
        return org.arcoforge.codec.CodecRegistry.fromHdf5(filters.stream()
                .map(f -> new org.arcoforge.codec.CodecRegistry.Hdf5Filter(f.id(), f.clientData())).toList(), elementSize);
    }

    /** Every allocated chunk, in the file's index order. */
    public List<Chunk> chunks() { return chunks; }

    /** Bytes of one whole chunk after decoding. */
    public int chunkBytes() {
        long n = elementSize;
        for (int c : chunkShape) {
            n *= c;
        }
        return Math.toIntExact(n);
    }

    /** Whether every filter is shuffle or deflate (or there is none). */
    public boolean onlyShuffleAndDeflate() {
        return filters.stream().allMatch(f -> f.id() == SHUFFLE || f.id() == DEFLATE);
    }

    /** The chunk whose origin is {@code chunkOrigin}, or null when it was never written. */
    public Chunk chunkAt(long[] chunkOrigin) {
        long key = gridKey(chunkOrigin);
        return key < 0 ? null : byGridIndex.get(key);
    }

    // Row-major index in the chunk grid; -1 for origins off the grid or outside the current shape.
    private long gridKey(long[] origin) {
        if (origin.length != shape.length) {
            return -1;
        }
        long key = 0;
        for (int d = 0; d < origin.length; d++) {
            if (origin[d] < 0 || origin[d] % chunkShape[d] != 0 || origin[d] / chunkShape[d] >= grid[d]) {
                return -1;
            }
            key = key * grid[d] + origin[d] / chunkShape[d];
        }
        return key;
    }

    @Override
    public String toString() {
        return "Hdf5ChunkIndex[shape " + Arrays.toString(shape) + ", chunks " + Arrays.toString(chunkShape) + " x "
                + elementSize + " bytes " + byteOrder + ", filters " + filters + ", " + chunks.size() + " allocated]";
    }
}
