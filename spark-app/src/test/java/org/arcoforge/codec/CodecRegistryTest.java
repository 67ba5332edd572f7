package org.arcoforge.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry: names, level ranges, defaults, codec round trips, Zarr v2 and v3 descriptions. */
class CodecRegistryTest {
    /** Every compression a recipe can ask for, at a low, default and high level, shuffled or not. */
    static List<Compression> everyCompression() {
        List<Compression> out = new ArrayList<>();
        for (String name : CodecRegistry.names()) {
            CompressorKind k = CodecRegistry.kindOf(name);
            for (int level : new int[] {Math.max(k.minLevel(), -5), k.defaultLevel(), Math.min(k.maxLevel(), 9)}) {
                for (boolean shuffle : new boolean[] {false, true}) {
                    out.add(CodecRegistry.compression(new Compressor(name, level, shuffle)));
                }
            }
        }
        return out;
    }

    @Test
    void namesAreTheRecipeNamesWithBloscParsedOnce() {
        assertThat(CodecRegistry.names()).containsExactly("none", "zlib", "zstd", "blosc-lz4", "blosc-lz4hc",
                "blosc-zstd", "blosc-zlib", "blosc-blosclz");
        Compression c = CodecRegistry.compression(new Compressor("blosc-lz4hc", 7, false));
        assertThat(c).isEqualTo(new Compression(CompressorKind.BLOSC, BloscCname.LZ4HC, 7, false));
        assertThat(c.name()).isEqualTo("blosc-lz4hc");
        assertThat(CodecRegistry.kindOf("blosc-snappy")).isNull();
        assertThat(CodecRegistry.kindOf("blosc")).isNull();
        assertThat(CodecRegistry.kindOf("lz4")).isNull();
    }

    @Test
    void zstdLevelsAreTheLibrarysOwn() {
        assertThat(CompressorKind.ZSTD.minLevel()).isEqualTo(Zstd.minCompressionLevel());
        assertThat(CompressorKind.ZSTD.maxLevel()).isEqualTo(Zstd.maxCompressionLevel());
        // both ends compress and decompress
        for (int level : new int[] {CompressorKind.ZSTD.minLevel(), CompressorKind.ZSTD.maxLevel()}) {
            ZstdCodec z = new ZstdCodec(level);
            byte[] raw = "some bytes some bytes some bytes".getBytes();
            assertThat(z.decode(z.encode(raw), raw.length)).isEqualTo(raw);
        }
    }

    @ParameterizedTest
    @CsvSource({"none, 1, 0", "zlib, 10, from 0 to 9", "zlib, -1, from 0 to 9", "zstd, 23, from -131072 to 22",
                "zstd, -131073, from -131072 to 22", "blosc-lz4, 10, from 0 to 9", "blosc-zstd, -1, from 0 to 9"})
    void levelsOutOfRangeAreNamedByField(String name, int level, String range) {
        String message = "compressor.level for " + name + " must be " + range + ", got " + level;
        assertThat(CodecRegistry.problems(new Compressor(name, level, true)))
                .extracting(p -> p.path() + " | " + p.message()).containsExactly("compressor.level | " + message);
        assertThatThrownBy(() -> CodecRegistry.compression(new Compressor(name, level, true))).hasMessage(message);
        assertThatThrownBy(() -> new ChunkCodec(new Compressor(name, level, true), DType.INT16)).hasMessage(message);
    }

    @Test
    void levelsInRangeAreTaken() {
        for (CompressorKind k : CompressorKind.values()) {
            String name = k == CompressorKind.BLOSC ? "blosc-lz4" : k.id();
            for (int level : new int[] {k.minLevel(), k.maxLevel()}) {
                assertThat(CodecRegistry.problems(new Compressor(name, level, false))).isEmpty();
                assertThat(CodecRegistry.compression(new Compressor(name, level, false)).level()).isEqualTo(level);
            }
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThat(CodecRegistry.problems(new Compressor("lzma", 1, true))).extracting(p -> p.path() + " | " + p.message())
                .containsExactly("compressor.name | compressor.name must be one of none, zlib, zstd, blosc-lz4,"
                        + " blosc-lz4hc, blosc-zstd, blosc-zlib, blosc-blosclz, got \"lzma\"");
    }

    @Test
    void defaultsFillWhatTheAuthorLeftOut() {
        assertThat(CodecRegistry.compression(Compressor.named("zlib")).description())
                .isEqualTo(new Compressor("zlib", 1, true));
        assertThat(CodecRegistry.compression(Compressor.named("zstd")).description())
                .isEqualTo(new Compressor("zstd", 1, true));
        assertThat(CodecRegistry.compression(Compressor.named("none")).description())
                .isEqualTo(new Compressor("none", 0, false));
        assertThat(CodecRegistry.compression(new Compressor("blosc-lz4", null, false)).description())
                .isEqualTo(new Compressor("blosc-lz4", 5, false));
        assertThat(CodecRegistry.compression(new Compressor("zstd", -7, null)).description())
                .isEqualTo(new Compressor("zstd", -7, true));
    }

    @Test
    void everyBytesCodecRoundTrips() {
        byte[] raw = new byte[4099];
        new Random(7).ints(raw.length, 0, 6).forEach(new java.util.function.IntConsumer() {
            int i;

            @Override
            public void accept(int v) {
                raw[i++] = (byte) v;
            }
        });
        List<BytesCodec> codecs = new ArrayList<>(List.of(new ShuffleCodec(1), new ShuffleCodec(4), new ShuffleCodec(8),
                new ZlibCodec(0), new ZlibCodec(9), new ZstdCodec(-3), new ZstdCodec(19), new Fletcher32Codec()));
        if (ChunkCodec.bloscAvailable()) {
            for (BloscCname c : BloscCname.values()) {
                codecs.add(new BloscCodec(c, 5, true, 4));
                codecs.add(new BloscCodec(c, 1, false, 1));
            }
        }
        for (BytesCodec c : codecs) {
            byte[] enc = c.encode(raw);
            assertThat(c.decode(enc, raw.length)).as(c.toString()).isEqualTo(raw);
            assertThat(c.decode(enc, -1)).as(c + " without the size").isEqualTo(raw);
            assertThat(c.encode(raw)).as(c + " is deterministic").isEqualTo(enc);
        }
        assertThat(new ZlibCodec(9).encode(raw).length).isLessThan(raw.length / 2);
        byte[] bad = new Fletcher32Codec().encode(raw);
        bad[10] ^= 1;
        assertThatThrownBy(() -> new Fletcher32Codec().decode(bad, raw.length)).hasMessageContaining("checksum");
    }

    @Test
    void everyPipelineRoundTripsEveryDtype() {
        for (Compression c : everyCompression()) {
            if (c.kind() == CompressorKind.BLOSC && !ChunkCodec.bloscAvailable()) {
                continue;
            }
            for (DType t : DType.values()) {
                Object values = t == DType.STRING ? new String[] {"a", "", "ünï", "long text"}
                        : TestArrays.values(t, 37, 3, null);
                int n = ElementBytes.length(values);
                CodecPipeline p = CodecRegistry.pipeline(c, t);
                Object back = p.decode(p.encode(values), n);
                assertThat(back).as(c + " " + t).isEqualTo(values);
            }
        }
    }

    @Test
    void zarrV2ConfigsReadBackToTheSameCompression() {
        for (Compression c : everyCompression()) {
            for (DType t : new DType[] {DType.UINT8, DType.INT16, DType.FLOAT64, DType.STRING}) {
                CodecPipeline p = CodecRegistry.pipeline(c, t);
                Compression back = CodecRegistry.fromZarrV2(p.zarrV2Compressor(), p.zarrV2Filters());
                // text is never byte-shuffled, so its shuffle flag (outside blosc) is not written
                boolean shuffle = c.shuffle() && (t != DType.STRING || c.kind() == CompressorKind.BLOSC);
                assertThat(back).as(c + " " + t)
                        .isEqualTo(new Compression(c.kind(), c.cname(), c.level(), shuffle));
            }
        }
    }

    @Test
    void zarrV2ConfigsAreNumcodecs() {
        CodecPipeline p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("zstd", 3, true)), DType.INT16);
        assertThat(p.zarrV2Compressor()).isEqualTo(Map.of("id", "zstd", "level", 3));
        assertThat(p.zarrV2Filters()).containsExactly(Map.of("id", "shuffle", "elementsize", 2));
        p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("blosc-zstd", 2, true)), DType.FLOAT32);
        assertThat(p.zarrV2Compressor()).isEqualTo(Map.of("id", "blosc", "cname", "zstd", "clevel", 2, "shuffle", 1,
                "blocksize", 0));
        assertThat(p.zarrV2Filters()).isNull();
        p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("zlib", 4, true)), DType.STRING);
        assertThat(p.zarrV2Filters()).containsExactly(Map.of("id", "vlen-utf8"));
        p = CodecRegistry.pipeline(Compression.NONE, DType.FLOAT32);
        assertThat(p.zarrV2Compressor()).isNull();
        assertThat(p.zarrV2Filters()).isNull();
        assertThatThrownBy(() -> CodecRegistry.fromZarrV2(Map.of("id", "lzma"), null)).hasMessageContaining("lzma");
        assertThatThrownBy(() -> CodecRegistry.fromZarrV2(null, List.of(Map.of("id", "delta"))))
                .hasMessageContaining("unsupported filters");
    }

    @Test
    void zarrV3CodecsUseCoreNamesAndNumcodecsWhereV3HasNone() {
        CodecPipeline p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("zstd", 3, true)), DType.FLOAT32);
        assertThat(p.zarrV3()).extracting(ZarrV3Codec::toMap).containsExactly(
                Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                Map.of("name", "numcodecs.shuffle", "configuration", Map.of("elementsize", 4)),
                Map.of("name", "zstd", "configuration", Map.of("level", 3, "checksum", false)));
        p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("zlib", 5, false)), DType.UINT8);
        assertThat(p.zarrV3()).extracting(ZarrV3Codec::toMap).containsExactly(
                Map.of("name", "bytes", "configuration", Map.of()),
                Map.of("name", "numcodecs.zlib", "configuration", Map.of("level", 5)));
        p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("blosc-lz4", 5, true)), DType.INT64);
        assertThat(p.zarrV3()).extracting(ZarrV3Codec::toMap).containsExactly(
                Map.of("name", "bytes", "configuration", Map.of("endian", "little")),
                Map.of("name", "blosc", "configuration", Map.of("cname", "lz4", "clevel", 5, "shuffle", "shuffle",
                        "typesize", 8, "blocksize", 0)));
        p = CodecRegistry.pipeline(CodecRegistry.compression(new Compressor("blosc-zlib", 1, false)), DType.STRING);
        assertThat(p.zarrV3()).extracting(ZarrV3Codec::toMap).containsExactly(
                Map.of("name", "vlen-utf8", "configuration", Map.of()),
                Map.of("name", "blosc", "configuration", Map.of("cname", "zlib", "clevel", 1, "shuffle", "noshuffle",
                        "typesize", 1, "blocksize", 0)));
        assertThat(CodecRegistry.pipeline(Compression.NONE, DType.INT16).zarrV3()).extracting(ZarrV3Codec::name)
                .containsExactly("bytes");
    }

    @Test
    void hdf5FiltersMapToCodecs() {
        List<CodecRegistry.Hdf5Filter> shuffleDeflate = List.of(new CodecRegistry.Hdf5Filter(2, new int[] {4}),
                new CodecRegistry.Hdf5Filter(1, new int[] {6}));
        assertThat(CodecRegistry.fromHdf5(shuffleDeflate, 4)).containsExactly(new ShuffleCodec(4), new ZlibCodec(6));
        // shuffle without client data takes the element size; fletcher32 last, as h5py writes it
        assertThat(CodecRegistry.fromHdf5(List.of(new CodecRegistry.Hdf5Filter(2, null),
                new CodecRegistry.Hdf5Filter(32015, new int[] {9}), new CodecRegistry.Hdf5Filter(3, null)), 8))
                .containsExactly(new ShuffleCodec(8), new ZstdCodec(9), new Fletcher32Codec());
        // hdf5-blosc: revision, version, typesize, bytes, clevel, shuffle, compressor code
        assertThat(CodecRegistry.fromHdf5(List.of(new CodecRegistry.Hdf5Filter(32001,
                new int[] {2, 2, 4, 40000, 7, 1, 1})), 4)).containsExactly(new BloscCodec(BloscCname.LZ4, 7, true, 4));
        assertThat(CodecRegistry.fromHdf5(List.of(new CodecRegistry.Hdf5Filter(32001,
                new int[] {2, 2, 2, 40000, 3, 0, 5})), 2)).containsExactly(new BloscCodec(BloscCname.ZSTD, 3, false, 2));
        assertThatThrownBy(() -> CodecRegistry.fromHdf5(List.of(new CodecRegistry.Hdf5Filter(32001,
                new int[] {2, 2, 4, 40000, 7, 2, 1})), 4)).hasMessageContaining("bit shuffle");
        assertThatThrownBy(() -> CodecRegistry.fromHdf5(List.of(new CodecRegistry.Hdf5Filter(4, new int[] {})), 4))
                .hasMessage("HDF5 filter szip (id 4) has no codec here");
        assertThat(CodecRegistry.hdf5FilterName(32008)).isEqualTo("bitshuffle");
    }
}
