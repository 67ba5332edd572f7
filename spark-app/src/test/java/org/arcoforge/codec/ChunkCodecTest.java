package org.arcoforge.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {

    @Test
    void shuffleMatchesTheNumcodecsLayout() {
        byte[] in = {0, 1, 2, 3, 4, 5, 6, 7};
        assertThat(ElementBytes.shuffle(in, 4)).containsExactly(0, 4, 1, 5, 2, 6, 3, 7);
        assertThat(ElementBytes.shuffle(in, 2)).containsExactly(0, 2, 4, 6, 1, 3, 5, 7);
        assertThat(ElementBytes.shuffle(in, 1)).containsExactly(in);
    }

    @Test
    void zlibIsTheZlibFormat() throws Exception {
        int[] data = new int[1000];
        byte[] stored = new ChunkCodec(new Compressor("zlib", 6, false), DType.INT32).encode(data);
        assertThat(stored[0]).isEqualTo((byte) 0x78); // zlib header, deflate with 32K window
        assertThat(((stored[0] & 0xff) << 8 | (stored[1] & 0xff)) % 31).isZero();
        Inflater inf = new Inflater(); // java.util.zip with the zlib wrapper, independent of the codec
        inf.setInput(stored);
        byte[] out = new byte[4001];
        assertThat(inf.inflate(out)).isEqualTo(4000);
        assertThat(inf.finished()).isTrue();
    }

    @Test
    void zstdFrameCarriesTheContentSize() {
        byte[] stored = new ChunkCodec(new Compressor("zstd", 3, false), DType.FLOAT64).encode(new double[300]);
        assertThat(stored).startsWith((byte) 0x28, (byte) 0xB5, (byte) 0x2F, (byte) 0xFD);
        assertThat(Zstd.decompressedSize(stored)).isEqualTo(2400);
    }

    @Test
    void shuffleTurnsIntoAFilterOrBloscsOwnFlag() {
        ChunkCodec zs = new ChunkCodec(new Compressor("zstd", 1, true), DType.INT16);
        assertThat(zs.compressorConfig()).isEqualTo(Map.of("id", "zstd", "level", 1));
        assertThat(zs.filtersConfig()).isEqualTo(List.of(Map.of("id", "shuffle", "elementsize", 2)));
        ChunkCodec plain = new ChunkCodec(new Compressor("zlib", 4, false), DType.INT16);
        assertThat(plain.compressorConfig()).isEqualTo(Map.of("id", "zlib", "level", 4));
        assertThat(plain.filtersConfig()).isNull();
        ChunkCodec none = new ChunkCodec(new Compressor("none", 0, false), DType.INT16);
        assertThat(none.compressorConfig()).isNull();
        ChunkCodec blosc = new ChunkCodec(new Compressor("blosc-lz4hc", 5, true), DType.FLOAT32);
        assertThat(blosc.compressorConfig()).containsExactly(Map.entry("id", "blosc"), Map.entry("cname", "lz4hc"),
                Map.entry("clevel", 5), Map.entry("shuffle", 1), Map.entry("blocksize", 0));
        assertThat(blosc.filtersConfig()).isNull();
    }

    @Test
    void shuffleReallyHappensBeforeCompressing() {
        short[] data = {0x0102, 0x0304};
        byte[] stored = new ChunkCodec(new Compressor("none", 0, true), DType.INT16).encode(data);
        assertThat(stored).containsExactly(0x02, 0x04, 0x01, 0x03);
        assertThat(new ChunkCodec(new Compressor("none", 0, false), DType.INT16).encode(data))
                .containsExactly(0x02, 0x01, 0x04, 0x03);
    }

    @Test
    void bloscLoadsOnX86Linux() {
        String arch = System.getProperty("os.arch");
        if (System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertThat(ChunkCodec.bloscAvailable()).as("blosc-java ships a Linux x86-64 library").isTrue();
        } else {
            assertThatThrownBy(() -> new ChunkCodec(new Compressor("blosc-lz4", 5, true), DType.INT8).encode(new byte[4]))
                    .hasMessageContaining("blosc-lz4");
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new ChunkCodec(new Compressor("gzip", 1, false), DType.INT8))
                .hasMessageContaining("gzip");
        assertThatThrownBy(() -> new ChunkCodec(new Compressor("zlib", 12, false), DType.INT8))
                .hasMessageContaining("level");
        ChunkCodec c = new ChunkCodec(new Compressor("zlib", 1, false), DType.INT32);
        assertThatThrownBy(() -> c.encode(new long[3])).hasMessageContaining("int[]");
        byte[] stored = c.encode(new int[10]);
        assertThatThrownBy(() -> c.decode(stored, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.decode(stored, 9)).isInstanceOf(IllegalArgumentException.class);
        byte[] truncated = java.util.Arrays.copyOf(stored, stored.length - 3);
        assertThatThrownBy(() -> c.decode(truncated, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
