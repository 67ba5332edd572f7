package org.arcoforge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The block cache under netcdf-java's reads returns the source's bytes, with few source reads. */
class ByteSourceRandomAccessFileTest {
    private static final byte[] DATA = new byte[5 * ByteSourceRandomAccessFile.BLOCK + 1234];

    static {
        new Random(7).nextBytes(DATA);
    }

    /** An in-memory source that counts reads and bytes. */
    static final class Counting implements ByteSource {
        final AtomicInteger reads = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        @Override
        public int read(long pos, byte[] buf, int off, int len) {
            if (pos >= DATA.length) {
                return -1;
            }
            int n = (int) Math.min(len, DATA.length - pos);
            System.arraycopy(DATA, (int) pos, buf, off, n);
            reads.incrementAndGet();
            bytes.addAndGet(n);
            return n;
        }

        @Override
        public long length() { return DATA.length; }

        @Override
        public String location() { return "memory"; }

        @Override
        public void close() {}
    }

    @Property(tries = 200)
    void readsAnywhereReturnTheSourceBytes(@ForAll @IntRange(min = 0, max = 400_000) int pos,
                                           @ForAll @IntRange(min = 0, max = 200_000) int len,
                                           @ForAll @IntRange(min = 0, max = 400_000) int pos2) throws IOException {
        try (ByteSourceRandomAccessFile raf = new ByteSourceRandomAccessFile(new Counting())) {
            for (int p : new int[] {pos, pos2, pos}) {
                int start = Math.min(p, DATA.length);
                int n = Math.min(len, DATA.length - start);
                byte[] got = new byte[n];
                raf.seek(start);
                raf.readFully(got);
                assertThat(Arrays.equals(got, Arrays.copyOfRange(DATA, start, start + n)))
                        .as("%d bytes at %d", n, start).isTrue();
            }
        }
    }

    @Example
    void smallReadsJumpingAroundReadEachBlockOnce() throws IOException {
        Counting src = new Counting();
        try (ByteSourceRandomAccessFile raf = new ByteSourceRandomAccessFile(src)) {
            raf.order(ucar.unidata.io.RandomAccessFile.BIG_ENDIAN);
            Random r = new Random(1);
            for (int i = 0; i < 500; i++) {
                int p = r.nextInt(ByteSourceRandomAccessFile.BLOCK - 16);
                raf.seek(p);
                assertThat(raf.readInt()).isEqualTo(java.nio.ByteBuffer.wrap(DATA, p, 4).getInt());
            }
        }
        // netcdf-java's buffer starting near the block's end reaches into the next block
        assertThat(src.reads.get()).isEqualTo(2);
        assertThat(src.bytes.get()).isEqualTo(2 * ByteSourceRandomAccessFile.BLOCK);
    }
}
