package org.arcoforge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockCachedByteSourceTest {
    /** Bytes in memory that record every read made on them. */
    private static final class Recording implements ByteSource {
        final byte[] data;
        final List<long[]> reads = new ArrayList<>();
        boolean closed;

        Recording(int n) {
            data = new byte[n];
            new Random(7).nextBytes(data);
        }

        @Override
        public int read(long pos, byte[] buf, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = (int) Math.min(len, data.length - pos);
            System.arraycopy(data, (int) pos, buf, off, n);
            reads.add(new long[] {pos, n});
            return n;
        }

        @Override
        public long length() {
            return data.length;
        }

        @Override
        public String location() {
            return "mem://recording";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void readsWholeAlignedBlocksOnceAndServesSmallReadsFromThem() throws Exception {
        Recording inner = new Recording(10_000);
        BlockCachedByteSource src = new BlockCachedByteSource(inner, 4096, 2);
        byte[] buf = new byte[100];
        for (int pos = 0; pos < 4000; pos += 37) {
            src.readFully(pos, buf, 0, 50);
            assertThat(Arrays.copyOf(buf, 50)).isEqualTo(Arrays.copyOfRange(inner.data, pos, pos + 50));
        }
        assertThat(inner.reads).hasSize(1);
        assertThat(inner.reads.get(0)).containsExactly(0, 4096);

        // across a block boundary, and the short last block
        src.readFully(4090, buf, 0, 20);
        assertThat(Arrays.copyOf(buf, 20)).isEqualTo(Arrays.copyOfRange(inner.data, 4090, 4110));
        src.readFully(9990, buf, 0, 10);
        assertThat(inner.reads).extracting(r -> r[0] + ":" + r[1]).containsExactly("0:4096", "4096:4096", "8192:1808");
        assertThat(src.innerReads()).isEqualTo(3);
        assertThat(src.read(10_000, buf, 0, 1)).isEqualTo(-1);
        assertThat(src.read(9995, buf, 0, 100)).isEqualTo(5);
        assertThatThrownBy(() -> src.readFully(9995, buf, 0, 10)).isInstanceOf(EOFException.class)
                .hasMessageContaining("mem://recording");
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedBlocks() throws Exception {
        Recording inner = new Recording(5 * 1024);
        BlockCachedByteSource src = new BlockCachedByteSource(inner, 1024, 2);
        byte[] b = new byte[1];
        src.readFully(0, b, 0, 1);      // block 0
        src.readFully(1024, b, 0, 1);   // block 1
        src.readFully(10, b, 0, 1);     // block 0 again: cached, now most recent
        src.readFully(2048, b, 0, 1);   // block 2 evicts block 1
        src.readFully(20, b, 0, 1);     // block 0: still cached
        src.readFully(1030, b, 0, 1);   // block 1: read again
        assertThat(inner.reads).extracting(r -> r[0]).containsExactly(0L, 1024L, 2048L, 1024L);
        src.close();
        assertThat(inner.closed).isTrue();
    }
}
