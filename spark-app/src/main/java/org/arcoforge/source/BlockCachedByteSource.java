package org.arcoforge.source;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads another source in aligned blocks and keeps the most recent ones: remote and object-store
 * reads are expensive per request, so many small reads (HDF5 B-trees, NetCDF headers) become a few
 * large ones. Thread-safe.
 */
public final class BlockCachedByteSource implements ByteSource {
    /** Sized for object storage and HTTP: a request costs tens of milliseconds, 4 MiB about as much again. */
    public static final int DEFAULT_BLOCK = 4 << 20;
    public static final int DEFAULT_BLOCKS = 8;

    private final ByteSource inner;
    private final int blockSize;
    private final Map<Long, byte[]> blocks;
    private long reads;

    public BlockCachedByteSource(ByteSource inner) {
        this(inner, DEFAULT_BLOCK, DEFAULT_BLOCKS);
    }

    public BlockCachedByteSource(ByteSource inner, int blockSize, int maxBlocks) {
        this.inner = inner;
        this.blockSize = blockSize;
        this.blocks = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > maxBlocks;
            }
        };
    }

    @Override
    public synchronized int read(long pos, byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long size = length();
        if (pos >= size) {
            return -1;
        }
        long index = pos / blockSize;
        byte[] block = blocks.get(index);
        if (block == null) {
            long start = index * blockSize;
            block = new byte[(int) Math.min(blockSize, size - start)];
            inner.readFully(start, block, 0, block.length);
            reads++;
            blocks.put(index, block);
        }
        int at = (int) (pos - index * blockSize);
        int n = Math.min(len, block.length - at);
        System.arraycopy(block, at, buf, off, n);
        return n;
    }

    /** Reads of the underlying source so far. */
    public synchronized long innerReads() { return reads; }

    @Override
    public long length() throws IOException { return inner.length(); }

    @Override
    public String location() { return inner.location(); }

    @Override
    public void close() throws IOException { inner.close(); }
}
