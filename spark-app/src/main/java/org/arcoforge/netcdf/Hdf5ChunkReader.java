package org.arcoforge.netcdf;

import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.ElementValues;
import org.arcoforge.codec.Fletcher32;
import org.arcoforge.codec.Libdeflate;
import org.arcoforge.grid.BoxRuns;
import org.arcoforge.grid.GridIndex;
import org.arcoforge.source.ByteSource;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.arcoforge.recipe.data.DType;

/**
 * Reads hyperslabs of chunked HDF5 datasets whose filters are only shuffle and deflate, straight
 * from the chunks' byte ranges: positioned reads of only the chunks a hyperslab touches, inflate
 * with libdeflate where it loaded (else one reused Inflater), unshuffle and byte order fused into
 * one pass to the values. Chunks never written read as the fill value. Not thread-safe (its
 * Inflater and partial-chunk buffer are its own).
 */
final class Hdf5ChunkReader {
    private final ByteSource source;
    private final boolean useLibdeflate;
    private Inflater inflater;
    private final byte[] spare = new byte[1];
    private Object chunkValues;

    /**
     * Stored and decoded chunk bytes, per executor thread rather than per reader: a task opens many
     * inputs, and fresh chunk-sized arrays per input were most of what the store stage allocated.
     * Used within one decode call; arrays beyond {@link #MAX_REUSED} are dropped after it.
     */
    private static final class Scratch {
        static final int MAX_REUSED = 32 << 20;
        byte[] stored = new byte[0];
        byte[] work = new byte[0];
        byte[] work2 = new byte[0];

        // A work buffer of at least size bytes that is not the one holding the current data.
        byte[] other(byte[] data, int size) {
            if (data != work) {
                work = grow(work, size);
                return work;
            }
            work2 = grow(work2, size);
            return work2;
        }

        void trim() {
            stored = stored.length > MAX_REUSED ? new byte[0] : stored;
            work = work.length > MAX_REUSED ? new byte[0] : work;
            work2 = work2.length > MAX_REUSED ? new byte[0] : work2;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    Hdf5ChunkReader(ByteSource source) {
        this(source, Libdeflate.available());
    }

    /** With {@code useLibdeflate} false, inflates with {@link Inflater} even where libdeflate loaded. */
    Hdf5ChunkReader(ByteSource source, boolean useLibdeflate) {
        this.source = source;
        this.useLibdeflate = useLibdeflate;
    }

    /** Whether this reader handles the dataset: shuffle/deflate only, and elements of the dtype's size. */
    static boolean canRead(Hdf5ChunkIndex index, DType dtype) {
        return dtype != null && dtype != DType.CHAR && index.shape().length > 0 && Hdf5Filters.decodable(index)
                && index.elementSize() == dtype.size();
    }

    /** Values of {@code start + [0, count)} in C order, as the primitive array of {@code dtype}. */
    Object read(Hdf5ChunkIndex index, DType dtype, Number fill, long[] start, int[] count) throws IOException {
        int rank = count.length;
        int[] cs = index.chunkShape();
        int n = 1;
        for (int c : count) {
            n = Math.multiplyExact(n, c);
        }
        Object out = dtype.newArray(n);
        if (n == 0) {
            return out;
        }
        long[] first = new long[rank];
        long[] last = new long[rank];
        for (int d = 0; d < rank; d++) {
            first[d] = start[d] / cs[d];
            last[d] = (start[d] + count[d] - 1) / cs[d];
        }
        int chunkElements = index.chunkBytes() / index.elementSize();
        long[] origin = new long[rank];
        int[] srcStart = new int[rank];
        int[] dstStart = new int[rank];
        int[] box = new int[rank];
        for (GridIndex cells = GridIndex.between(first, last); cells.next(); ) {
            long[] cell = cells.index();
            boolean whole = true;
            for (int d = 0; d < rank; d++) {
                origin[d] = cell[d] * cs[d];
                long lo = Math.max(start[d], origin[d]);
                long hi = Math.min(start[d] + count[d], origin[d] + cs[d]);
                srcStart[d] = (int) (lo - origin[d]);
                dstStart[d] = (int) (lo - start[d]);
                box[d] = (int) (hi - lo);
                whole &= box[d] == cs[d] && count[d] == cs[d];
            }
            Hdf5ChunkIndex.Chunk chunk = index.chunkAt(origin);
            if (chunk == null) {
                fillBox(out, count, dstStart, box, fill);
            } else if (whole) {
                // The hyperslab is exactly this chunk: decode straight into the result.
                decode(index, chunk, out, 0);
            } else {
                if (chunkValues == null || chunkValues.getClass() != out.getClass()
                        || java.lang.reflect.Array.getLength(chunkValues) != chunkElements) {
                    chunkValues = dtype.newArray(chunkElements);
                }
                decode(index, chunk, chunkValues, 0);
                copyBox(chunkValues, cs, srcStart, out, count, dstStart, box);
            }
        }
        return out;
    }

    /**
     * When {@code start + [0, count)} is exactly one stored chunk, decodes it into {@code dst} (a
     * primitive array or {@link BytePlanes} of the dataset's dtype) from element {@code dstOffset}
     * on and returns true; otherwise writes nothing and returns false.
     */
    boolean readChunkInto(Hdf5ChunkIndex index, long[] start, int[] count, Object dst, int dstOffset)
            throws IOException {
        int[] cs = index.chunkShape();
        if (count.length != cs.length) {
            return false;
        }
        for (int d = 0; d < cs.length; d++) {
            if (count[d] != cs[d] || start[d] % cs[d] != 0) {
                return false;
            }
        }
        Hdf5ChunkIndex.Chunk chunk = index.chunkAt(start);
        int length = dst instanceof BytePlanes p ? p.elements() : java.lang.reflect.Array.getLength(dst);
        if (chunk == null || dstOffset + index.chunkBytes() / index.elementSize() > length) {
            return false;
        }
        decode(index, chunk, dst, dstOffset);
        return true;
    }

    /** Decodes one stored chunk into {@code dst} from {@code dstOffset} on (one chunk's elements). */
    private void decode(Hdf5ChunkIndex index, Hdf5ChunkIndex.Chunk chunk, Object dst, int dstOffset) throws IOException {
        int size = chunk.size();
        if (size < 0) {
            throw new IOException(chunk + " has a negative size");
        }
        Scratch scratch = SCRATCH.get();
        try {
            decode(index, chunk, size, dst, dstOffset, scratch);
        } finally {
            scratch.trim();
        }
    }

    private void decode(Hdf5ChunkIndex index, Hdf5ChunkIndex.Chunk chunk, int size, Object dst, int dstOffset,
                        Scratch scratch) throws IOException {
        int expected = index.chunkBytes();
        scratch.stored = grow(scratch.stored, size);
        source.readFully(chunk.offset(), scratch.stored, 0, size);
        byte[] data = scratch.stored;
        int len = size;
        boolean shuffled = false;
        List<Hdf5ChunkIndex.Filter> filters = index.filters();
        for (int i = filters.size() - 1; i >= 0; i--) {
            if ((chunk.filterMask() & (1 << i)) != 0) {
                continue;
            }
            if (shuffled) {
                // shuffle applied before another filter: undo it on its own before going on
                byte[] target = scratch.other(data, len);
                ElementValues.unshuffle(data, len, index.elementSize(), target);
                data = target;
                shuffled = false;
            }
            int id = filters.get(i).id();
            if (id == Hdf5ChunkIndex.DEFLATE) {
                int inflated = expected + 4 * checksumsBefore(filters, i, chunk.filterMask());
                byte[] target = scratch.other(data, inflated);
                len = inflate(data, len, target, inflated, chunk);
                data = target;
            } else if (id == Hdf5Filters.FLETCHER32) {
                if (!Fletcher32.verify(data, 0, len)) {
                    throw new Hdf5Filters.ChecksumException(index, chunk);
                }
                len -= 4;
            } else if (id == Hdf5ChunkIndex.SHUFFLE) {
                shuffled = index.elementSize() > 1;
            } else {
                throw new IOException("filter " + filters.get(i) + " is not supported by the direct chunk reader");
            }
        }
        if (len != expected) {
            throw new IOException(chunk + " decodes to " + len + " bytes, expected " + expected);
        }
        if (dst instanceof BytePlanes planes) {
            toPlanes(data, len, index.elementSize(), index.byteOrder(), shuffled, planes, dstOffset);
        } else {
            ElementValues.decode(data, len, index.elementSize(), index.byteOrder(), shuffled, dst, dstOffset);
        }
    }

    // Fletcher-32 filters applied before filter i (each adds 4 bytes that filter i saw).
    private static int checksumsBefore(List<Hdf5ChunkIndex.Filter> filters, int i, int mask) {
        int n = 0;
        for (int j = 0; j < i; j++) {
            n += filters.get(j).id() == Hdf5Filters.FLETCHER32 && (mask & (1 << j)) == 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Decodes (and so checks the checksums of) every stored chunk that {@code start + [0, count)}
     * touches, keeping nothing: for reads that go through another library.
     */
    void verify(Hdf5ChunkIndex index, long[] start, int[] count) throws IOException {
        int[] cs = index.chunkShape();
        int rank = cs.length;
        DType bits = switch (index.elementSize()) {
            case 1 -> DType.INT8;
            case 2 -> DType.INT16;
            case 4 -> DType.INT32;
            default -> DType.INT64;
        };
        Object sink = bits.newArray(index.chunkBytes() / index.elementSize());
        for (Hdf5ChunkIndex.Chunk c : index.chunks()) {
            boolean touched = true;
            for (int d = 0; d < rank && touched; d++) {
                touched = c.origin()[d] < start[d] + count[d] && c.origin()[d] + cs[d] > start[d];
            }
            if (touched) {
                decode(index, c, sink, 0);
            }
        }
    }

    /**
     * Element bytes into {@code dst}'s planes from element {@code off} on: a shuffled chunk is
     * already in planes, one copy each (reversed for big-endian data).
     */
    static void toPlanes(byte[] b, int len, int k, ByteOrder order, boolean shuffled, BytePlanes dst, int off) {
        int n = len / k;
        byte[] out = dst.bytes();
        if (!shuffled && (k == 2 || k == 4)) {
            interleavedToPlanes(b, n, k, order == ByteOrder.BIG_ENDIAN, out, dst.plane(1), off);
            return;
        }
        for (int s = 0; s < k; s++) {
            int from = order == ByteOrder.LITTLE_ENDIAN ? s : k - 1 - s;
            int to = dst.plane(s) + off;
            if (shuffled || k == 1) {
                System.arraycopy(b, from * n, out, to, n);
            } else {
                for (int i = 0; i < n; i++) {
                    out[to + i] = b[i * k + from];
                }
            }
        }
    }

    // One pass over the interleaved values, all planes at once: about 1.5x the plane-by-plane loop
    // under C1 (bench/kinds.sh nc3, where this transpose was most of a store task's Java time).
    private static void interleavedToPlanes(byte[] b, int n, int k, boolean bigEndian, byte[] out, int planeSize,
                                            int off) {
        int p0 = off, p1 = planeSize + off;
        if (k == 2) {
            int lo = bigEndian ? 1 : 0, hi = 1 - lo;
            for (int i = 0, j = 0; i < n; i++, j += 2) {
                out[p0 + i] = b[j + lo];
                out[p1 + i] = b[j + hi];
            }
            return;
        }
        int p2 = 2 * planeSize + off, p3 = 3 * planeSize + off;
        int s0 = bigEndian ? 3 : 0, s1 = bigEndian ? 2 : 1, s2 = bigEndian ? 1 : 2, s3 = bigEndian ? 0 : 3;
        for (int i = 0, j = 0; i < n; i++, j += 4) {
            out[p0 + i] = b[j + s0];
            out[p1 + i] = b[j + s1];
            out[p2 + i] = b[j + s2];
            out[p3 + i] = b[j + s3];
        }
    }

    private int inflate(byte[] in, int len, byte[] out, int expected, Hdf5ChunkIndex.Chunk chunk) throws IOException {
        if (useLibdeflate) {
            int n = Libdeflate.zlibDecompress(in, 0, len, out, 0, expected);
            if (n == Libdeflate.CORRUPT) {
                throw new IOException("corrupt or truncated deflate data in " + chunk);
            } else if (n == Libdeflate.TOO_LONG) {
                throw new IOException("deflate data in " + chunk + " holds more than " + expected + " bytes");
            } else if (n == Libdeflate.NO_MEMORY) {
                throw new OutOfMemoryError("no memory to inflate " + chunk);
            } else if (n != expected) {
                throw new IOException("deflate data in " + chunk + " holds " + n + " bytes, expected " + expected);
            }
            return n;
        }
        if (inflater == null) {
            inflater = new Inflater();
        }
        inflater.reset();
        inflater.setInput(in, 0, len);
        int n = 0;
        try {
            while (n < expected && !inflater.finished()) {
                int r = inflater.inflate(out, n, expected - n);
                n += r;
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            // Go on to the end of the stream so that its Adler-32 checksum is verified.
            if (n == expected && !inflater.finished()) {
                if (inflater.inflate(spare) > 0) {
                    throw new IOException("deflate data in " + chunk + " holds more than " + expected + " bytes");
                }
                if (!inflater.finished()) {
                    throw new IOException("deflate data in " + chunk + " is truncated");
                }
            }
        } catch (DataFormatException e) {
            throw new IOException("corrupt deflate data in " + chunk + ": " + e.getMessage(), e);
        }
        if (n != expected) {
            throw new IOException("deflate data in " + chunk + " holds " + n + " bytes, expected " + expected);
        }
        return n;
    }

    private static void copyBox(Object src, int[] srcShape, int[] srcStart, Object dst, int[] dstShape, int[] dstStart,
                                int[] box) {
        for (BoxRuns r = BoxRuns.of(srcShape, srcStart, dstShape, dstStart, box); r.next(); ) {
            System.arraycopy(src, (int) r.src(), dst, (int) r.dst(), r.length());
        }
    }

    private static void fillBox(Object dst, int[] dstShape, int[] dstStart, int[] box, Number fill) {
        for (BoxRuns r = BoxRuns.of(dstShape, dstStart, dstShape, dstStart, box); r.next(); ) {
            fillRun(dst, (int) r.dst(), (int) r.dst() + r.length(), fill);
        }
    }

    static void fillRun(Object a, int from, int to, Number fill) {
        if (a instanceof byte[] x) {
            Arrays.fill(x, from, to, fill.byteValue());
        } else if (a instanceof short[] x) {
            Arrays.fill(x, from, to, fill.shortValue());
        } else if (a instanceof int[] x) {
            Arrays.fill(x, from, to, fill.intValue());
        } else if (a instanceof long[] x) {
            Arrays.fill(x, from, to, fill.longValue());
        } else if (a instanceof float[] x) {
            Arrays.fill(x, from, to, fill.floatValue());
        } else {
            Arrays.fill((double[]) a, from, to, fill.doubleValue());
        }
    }

    private static byte[] grow(byte[] b, int size) {
        return b.length >= size ? b : new byte[size];
    }

    void close() {
        if (inflater != null) {
            inflater.end();
        }
    }
}
