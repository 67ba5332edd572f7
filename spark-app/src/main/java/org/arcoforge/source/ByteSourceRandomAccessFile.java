package org.arcoforge.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets netcdf-java read from a {@link ByteSource}. netcdf-java parses headers with many small
 * reads that jump back and forth, so they go through a small LRU cache of aligned blocks: a
 * NetCDF-4 header of tens of KiB costs one or two reads of the source instead of dozens, and an
 * open no longer pulls a whole 1 MiB buffer. Large reads (data) bypass the cache.
 */
public final class ByteSourceRandomAccessFile extends ucar.unidata.io.RandomAccessFile {
    /** netcdf-java's own buffer. */
    public static final int DEFAULT_BUFFER = 32 << 10;
    /** Cache block: reads of the source are at least this long, aligned to it. */
    public static final int BLOCK = 64 << 10;
    private static final int MAX_BLOCKS = 16;

    private final ByteSource source;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(MAX_BLOCKS * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > MAX_BLOCKS;
        }
    };

    public ByteSourceRandomAccessFile(ByteSource source) {
        super(DEFAULT_BUFFER);
        this.source = source;
        this.location = source.location();
    }

    @Override
    protected int read_(long pos, byte[] b, int offset, int len) throws IOException {
        long size = source.length();
        if (pos >= size) {
            return -1;
        }
        int want = (int) Math.min(len, size - pos);
        if (want >= 2 * BLOCK) {
            return readDirect(pos, b, offset, want);
        }
        int done = 0;
        while (done < want) {
            long p = pos + done;
            long blockStart = p - p % BLOCK;
            byte[] block = block(blockStart, size);
            int from = (int) (p - blockStart);
            int n = Math.min(want - done, block.length - from);
            if (n <= 0) {
                break;
            }
            System.arraycopy(block, from, b, offset + done, n);
            done += n;
        }
        return done == 0 ? -1 : done;
    }

    private byte[] block(long start, long size) throws IOException {
        byte[] block = blocks.get(start);
        if (block == null) {
            block = new byte[(int) Math.min(BLOCK, size - start)];
            source.readFully(start, block, 0, block.length);
            blocks.put(start, block);
        }
        return block;
    }

    private int readDirect(long pos, byte[] b, int offset, int want) throws IOException {
        int done = 0;
        while (done < want) {
            int n = source.read(pos + done, b, offset + done, want - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done == 0 ? -1 : done;
    }

    @Override
    public long length() throws IOException {
        return source.length();
    }

    @Override
    public long readToByteChannel(WritableByteChannel dest, long offset, long nbytes) throws IOException {
        byte[] buf = new byte[(int) Math.min(nbytes, 1 << 20)];
        long done = 0;
        while (done < nbytes) {
            int n = read_(offset + done, buf, 0, (int) Math.min(buf.length, nbytes - done));
            if (n < 0) {
                break;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                dest.write(bb);
            }
            done += n;
        }
        return done;
    }

    @Override
    public synchronized void close() throws IOException {
        // The ByteSource belongs to the caller (NetcdfInput closes it).
        blocks.clear();
    }
}
