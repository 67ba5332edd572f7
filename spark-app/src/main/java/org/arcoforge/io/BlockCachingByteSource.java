package org.arcoforge.io;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@link ByteSource} in aligned blocks and keeps the last few in memory. On object storage
 * every read is a request with tens of milliseconds of latency, while netcdf-java and jHDF make
 * many small reads (headers, B-tree nodes, chunk index) close together: with blocks of a few MiB a
 * whole small file costs one request, a large one a request per block it touches.
 *
 * <p>Thread-safe: reads of one source are serialized.
 */
public final class BlockCachingByteSource implements ByteSource {
    private final ByteSource source;
    private final int blockSize;
    private final Map<Long, byte[]> blocks;
    private long blockReads;

    /**
     * @param blockSize bytes per block (each miss reads one whole block, or up to the end of the file)
     * @param maxBlocks blocks kept, least recently used dropped first
     */
    public BlockCachingByteSource(ByteSource source, int blockSize, int maxBlocks) {
        if (blockSize <= 0 || maxBlocks <= 0) {
            throw new IllegalArgumentException("block size and count must be positive: " + blockSize + ", " + maxBlocks);
        }
        this.source = source;
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
        long length = length();
        if (pos >= length) {
            return -1;
        }
        int want = (int) Math.min(len, length - pos);
        int done = 0;
        while (done < want) {
            long p = pos + done;
            long index = p / blockSize;
            byte[] block = block(index, length);
            int inBlock = (int) (p - index * blockSize);
            int n = Math.min(want - done, block.length - inBlock);
            System.arraycopy(block, inBlock, buf, off + done, n);
            done += n;
        }
        return done;
    }

    private byte[] block(long index, long length) throws IOException {
        byte[] b = blocks.get(index);
        if (b == null) {
            long start = index * blockSize;
            b = new byte[(int) Math.min(blockSize, length - start)];
            source.readFully(start, b, 0, b.length);
            blockReads++;
            blocks.put(index, b);
        }
        return b;
    }

    /** Reads made on the underlying source so far (one per block missed). */
    public synchronized long blockReads() {
        return blockReads;
    }

    @Override
    public long length() throws IOException {
        return source.length();
    }

    @Override
    public String location() {
        return source.location();
    }

    @Override
    public synchronized void close() throws IOException {
        blocks.clear();
        source.close();
    }
}
