package org.arcoforge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;

public class ChunkCodecPropertiesTest {

    public static List<Compressor> compressors() {
        List<Compressor> list = new ArrayList<>(List.of(
                new Compressor("none", 0, false), new Compressor("none", 0, true),
                new Compressor("zlib", 1, false), new Compressor("zlib", 9, true),
                new Compressor("zstd", 1, false), new Compressor("zstd", 3, true), new Compressor("zstd", -5, true)));
        if (ChunkCodec.bloscAvailable()) {
            for (String c : List.of("lz4", "lz4hc", "zstd", "zlib", "blosclz")) {
                list.add(new Compressor("blosc-" + c, 5, true));
                list.add(new Compressor("blosc-" + c, 1, false));
            }
        }
        return list;
    }

    record Case(DType dtype, Compressor compressor, Object array) {
        @Override
        public String toString() {
            return dtype + " " + compressor + " n=" + ElementBytes.length(array);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<DType> dtypes = Arbitraries.of(DType.class);
        Arbitrary<Compressor> comps = Arbitraries.of(compressors());
        // Random bytes reinterpreted per dtype cover every bit pattern, NaNs included.
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(4096);
        Arbitrary<Integer> repeat = Arbitraries.integers().between(0, 3);
        return Combinators.combine(dtypes, comps, raw, repeat).as((t, c, bytes, rep) -> {
            byte[] b = bytes;
            // some runs of repeated bytes so compressors have something to compress
            if (rep > 0 && b.length > 0) {
                b = new byte[b.length * rep * 4];
                for (int i = 0; i < b.length; i++) b[i] = bytes[(i / 64) % bytes.length];
            }
            int n = Math.max(1, b.length / t.size());
            byte[] whole = java.util.Arrays.copyOf(b, n * t.size());
            return new Case(t, c, t == DType.STRING ? strings(whole) : ElementBytes.fromLittleEndian(whole, t));
        });
    }

    /** Strings of 0 to 7 characters made from the bytes, any UTF-16 code unit but lone surrogates. */
    private static String[] strings(byte[] b) {
        String[] out = new String[b.length / 8];
        for (int i = 0; i < out.length; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = 1; k < 1 + (b[8 * i] & 7) && k < 8; k++) {
                char ch = (char) ((b[8 * i + k] & 0xff) * (k % 2 == 0 ? 1 : 37));
                s.append(Character.isSurrogate(ch) ? 'x' : ch);
            }
            out[i] = s.toString();
        }
        return out;
    }

    @Property(tries = 400)
    void encodeThenDecodeGivesTheArrayBack(@ForAll("cases") Case c) {
        ChunkCodec codec = new ChunkCodec(c.compressor(), c.dtype());
        byte[] stored = codec.encode(c.array());
        Object back = codec.decode(stored, ElementBytes.length(c.array()));
        assertThat(TestArrays.sameArray(c.array(), back)).as("round trip of %s", c).isTrue();
    }

    @Property(tries = 200)
    void encodingIsDeterministic(@ForAll("cases") Case c) {
        ChunkCodec codec = new ChunkCodec(c.compressor(), c.dtype());
        Object copy = c.array() instanceof String[] s ? s.clone()
                : ElementBytes.fromLittleEndian(ElementBytes.toLittleEndian(c.array()), c.dtype());
        assertThat(new ChunkCodec(c.compressor(), c.dtype()).encode(copy)).isEqualTo(codec.encode(c.array()));
    }

    @Property(tries = 300)
    void fusedShuffleEqualsShuffleOfLittleEndianBytes(@ForAll("cases") Case c) {
        net.jqwik.api.Assume.that(c.dtype() != DType.STRING); // element bytes: not for strings
        org.assertj.core.api.Assertions.assertThat(ElementBytes.shuffledLittleEndian(c.array()))
                .isEqualTo(ElementBytes.shuffle(ElementBytes.toLittleEndian(c.array()), c.dtype().size()));
    }

    @Property
    void unshuffleUndoesShuffle(@ForAll @Size(max = 2000) byte[] bytes, @ForAll @IntRange(min = 1, max = 16) int elementSize) {
        byte[] shuffled = ElementBytes.shuffle(bytes, elementSize);
        byte[] back = new byte[bytes.length];
        org.arcoforge.codec.ElementValues.unshuffle(shuffled, bytes.length, elementSize, back);
        assertThat(back).isEqualTo(bytes);
        assertThat(shuffled).hasSameSizeAs(bytes);
    }

    @Property
    void shuffleGroupsBytesBySignificance(@ForAll @Size(min = 1, max = 300) int[] values) {
        byte[] le = ElementBytes.toLittleEndian(values);
        byte[] s = ElementBytes.shuffle(le, 4);
        int n = values.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                assertThat(s[j * n + i]).isEqualTo((byte) (values[i] >>> (8 * j)));
            }
        }
    }

    @Property
    void littleEndianRoundTrip(@ForAll long[] values) {
        byte[] le = ElementBytes.toLittleEndian(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(le[8 * i]).isEqualTo((byte) values[i]);
            assertThat(le[8 * i + 7]).isEqualTo((byte) (values[i] >>> 56));
        }
        assertThat((long[]) ElementBytes.fromLittleEndian(le, DType.INT64)).isEqualTo(values);
    }

    @Property(tries = 400)
    void encodeReusingGivesTheBytesOfEncode(@ForAll("cases") Case c, @ForAll("cases") Case before) {
        // An earlier chunk of another size and dtype leaves its bytes in this thread's buffers.
        new ChunkCodec(before.compressor(), before.dtype()).encodeReusing(before.array());
        ChunkCodec codec = new ChunkCodec(c.compressor(), c.dtype());
        ChunkCodec.Encoded e = codec.encodeReusing(c.array());
        assertThat(java.util.Arrays.copyOf(e.array(), e.length())).as("%s after %s", c, before)
                .isEqualTo(codec.encode(c.array()));
    }

    @Property(tries = 300)
    void intoBufferVariantsWriteTheBytesOfTheAllocatingOnes(@ForAll("cases") Case c,
                                                            @ForAll @IntRange(min = 0, max = 64) int spare) {
        net.jqwik.api.Assume.that(c.dtype() != DType.STRING); // element bytes: not for strings
        int n = ElementBytes.length(c.array()) * c.dtype().size();
        byte[] dirty = new byte[n + spare];
        java.util.Arrays.fill(dirty, (byte) 0x5a);
        byte[] shuffled = ElementBytes.shuffledLittleEndian(c.array(), dirty.clone());
        assertThat(java.util.Arrays.copyOf(shuffled, n))
                .isEqualTo(ElementBytes.shuffle(ElementBytes.toLittleEndian(c.array()), c.dtype().size()));
        byte[] le = ElementBytes.toLittleEndian(c.array(), dirty.clone());
        assertThat(java.util.Arrays.copyOf(le, n)).isEqualTo(ElementBytes.toLittleEndian(c.array()));
        // too small a buffer: a new one of the exact size
        assertThat(ElementBytes.shuffledLittleEndian(c.array(), new byte[Math.max(0, n - 1)])).hasSize(n);
    }
}
