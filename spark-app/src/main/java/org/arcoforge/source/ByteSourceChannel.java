package org.arcoforge.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only {@link SeekableByteChannel} over a {@link ByteSource}, for jHDF. */
public final class ByteSourceChannel implements SeekableByteChannel {
    private final ByteSource source;
    private long position;
    private boolean open = true;

  public   ByteSourceChannel(ByteSource source) {
        this.source = source;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (position >= source.length()) {
            return -1;
        }
        int want = (int) Math.min(dst.remaining(), source.length() - position);
        byte[] buf;
        int off;
        if (dst.hasArray()) {
            buf = dst.array();
            off = dst.arrayOffset() + dst.position();
        } else {
            buf = new byte[want];
            off = 0;
        }
        source.readFully(position, buf, off, want);
        if (dst.hasArray()) {
            dst.position(dst.position() + want);
        } else {
            dst.put(buf, 0, want);
        }
        position += want;
        return want;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() { return position; }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException { return source.length(); }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() { return open; }

    @Override
    public void close() {
        // The ByteSource belongs to NetcdfInput.
        open = false;
    }
}
