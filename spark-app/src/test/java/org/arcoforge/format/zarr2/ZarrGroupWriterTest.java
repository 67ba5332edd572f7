package org.arcoforge.format.zarr2;

import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.ChunkCodecPropertiesTest;
import org.arcoforge.codec.ElementBytes;
import org.arcoforge.codec.TestArrays;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZarrGroupWriterTest {
    @TempDir
    Path dir;

    private ZarrGroupWriter writer(String name) {
        return new ZarrGroupWriter(new HadoopStore(dir.resolve(name).toString()));
    }

    private static Number fillFor(DType t) {
        return switch (t) {
            case FLOAT32, FLOAT64 -> Double.NaN;
            case CHAR -> (int) ' ';
            case STRING -> null; // xarray writes fill_value null for str
            case UINT8, UINT16, UINT32, UINT64 -> -1; // the type's maximum
            default -> -7;
        };
    }

    @Test
    void everyDtypeAndCompressorRoundTripsThroughTheStore() {
        ZarrGroupWriter w = writer("rt.zarr");
        w.writeGroup(Map.of());
        long seed = 1;
        for (DType t : DType.values()) {
            for (Compressor c : ChunkCodecPropertiesTest.compressors()) {
                String name = t.name().toLowerCase() + "_" + c.name() + "_" + c.level() + (c.shuffle() ? "_s" : "");
                ArrayMeta meta = new ArrayMeta(new long[] {7, 5}, new int[] {3, 2}, t, fillFor(t), CodecRegistry.compression(c));
                w.createArray(name, meta, List.of("y", "x"), Map.of());
                Object whole = TestArrays.values(t, 35, seed++, meta.fillValue());
                TestArrays.writeAll(w, name, whole);
                // a fresh writer reads the metadata from the store, not from the cache
                ZarrGroupWriter fresh = new ZarrGroupWriter(w.store());
                assertThat(fresh.readArrayMeta(name)).as(name).isEqualTo(meta);
                assertThat(TestArrays.sameArray(whole, TestArrays.assemble(fresh, name)))
                        .as("%s: %s", name, TestArrays.toString(whole)).isTrue();
            }
        }
    }

    @Test
    void edgeChunkPaddingIsTheFillValueWhateverTheBufferHeld() {
        ZarrGroupWriter w = writer("edge.zarr");
        ArrayMeta meta = new ArrayMeta(new long[] {5, 3}, new int[] {2, 2}, DType.INT16, -9999,
                CodecRegistry.compression(new Compressor("zlib", 1, true)));
        w.createArray("v", meta, List.of("y", "x"), Map.of());
        short[] garbage = {1, 2, 3, 4};
        w.writeChunk("v", new long[] {2, 1}, garbage); // valid: 1 row x 1 column
        assertThat((short[]) w.readChunk("v", new long[] {2, 1})).containsExactly(1, -9999, -9999, -9999);
        w.writeChunk("v", new long[] {1, 1}, garbage.clone()); // valid: 2 rows x 1 column
        assertThat((short[]) w.readChunk("v", new long[] {1, 1})).containsExactly(1, -9999, 3, -9999);
        w.writeChunk("v", new long[] {0, 0}, garbage.clone()); // interior: untouched
        assertThat((short[]) w.readChunk("v", new long[] {0, 0})).containsExactly(1, 2, 3, 4);
        assertThat(garbage).containsExactly(1, 2, 3, 4); // the caller's buffer is not modified

        ArrayMeta noFill = new ArrayMeta(new long[] {3}, new int[] {2}, DType.FLOAT64, null, null);
        w.createArray("nf", noFill, List.of("t"), Map.of());
        w.writeChunk("nf", new long[] {1}, new double[] {5, 6});
        assertThat((double[]) w.readChunk("nf", new long[] {1})).containsExactly(5, 0);

        ArrayMeta cube = new ArrayMeta(new long[] {3, 3, 3}, new int[] {2, 2, 2}, DType.FLOAT32, Float.NaN, null);
        w.createArray("cube", cube, List.of("a", "b", "c"), Map.of());
        float[] ones = new float[8];
        java.util.Arrays.fill(ones, 1f);
        w.writeChunk("cube", new long[] {0, 1, 0}, ones); // b is the edge: only b-index 0 is inside
        float[] got = (float[]) w.readChunk("cube", new long[] {0, 1, 0});
        for (int a = 0; a < 2; a++) {
            for (int bb = 0; bb < 2; bb++) {
                for (int c = 0; c < 2; c++) {
                    float v = got[(a * 2 + bb) * 2 + c];
                    assertThat(bb == 0 ? v == 1f : Float.isNaN(v)).as("a=%d b=%d c=%d: %s", a, bb, c, v).isTrue();
                }
            }
        }
        assertThat((int[]) new ArrayMeta(new long[] {3}, new int[] {4}, DType.INT32, 9, null).newChunk())
                .containsExactly(9, 9, 9, 9);
    }

    @Test
    void bytePlanesStoreTheSameBytesAsValuesEdgePaddingIncluded() {
        ZarrGroupWriter values = writer("values.zarr");
        ZarrGroupWriter planes = writer("planes.zarr");
        long seed = 7;
        int checked = 0;
        for (DType t : DType.values()) {
            for (Compressor c : ChunkCodecPropertiesTest.compressors()) {
                ArrayMeta meta = new ArrayMeta(new long[] {7, 5}, new int[] {3, 2}, t, fillFor(t), CodecRegistry.compression(c));
                if (!meta.codec().takesBytePlanes()) {
                    assertThatThrownBy(() -> meta.codec().encodeReusing(new BytePlanes(new byte[6 * t.size()], 6, t)))
                            .isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                String name = t.name().toLowerCase() + "_" + c.name() + "_" + c.level();
                values.createArray(name, meta, List.of("y", "x"), Map.of());
                planes.createArray(name, meta, List.of("y", "x"), Map.of());
                for (long[] idx : List.of(new long[] {0, 0}, new long[] {2, 1}, new long[] {1, 2})) {
                    // random values everywhere, padding included: the writer's padding must win
                    Object chunk = TestArrays.values(t, 6, seed++, null);
                    byte[] shuffled = ElementBytes.shuffledLittleEndian(chunk);
                    values.writeChunk(name, idx, chunk);
                    planes.writeChunk(name, idx, new BytePlanes(shuffled.clone(), 6, t));
                    String key = ChunkKeys.key(name, idx);
                    assertThat(planes.store().get(key)).as("%s %s", name, key).isEqualTo(values.store().get(key));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(20);
        ArrayMeta meta = new ArrayMeta(new long[] {4}, new int[] {2}, DType.INT16, 0, CodecRegistry.compression(new Compressor("zstd", 1, true)));
        values.createArray("i2", meta, List.of("t"), Map.of());
        assertThatThrownBy(() -> values.writeChunk("i2", new long[] {0}, new BytePlanes(new byte[8], 2, DType.UINT16)))
                .hasMessageContaining("INT16").hasMessageContaining("UINT16");
    }

    @Test
    void scalarArrayUsesTheSingleKeyZero() throws Exception {
        ZarrGroupWriter w = writer("s.zarr");
        ArrayMeta meta = new ArrayMeta(new long[0], new int[0], DType.FLOAT64, Double.NaN, CodecRegistry.compression(new Compressor("zstd", 1, false)));
        w.createArray("scalar", meta, List.of(), Map.of("units", "K"));
        w.writeChunk("scalar", new long[0], new double[] {42.5});
        assertThat(Files.exists(dir.resolve("s.zarr/scalar/0"))).isTrue();
        assertThat((double[]) w.readChunk("scalar", new long[0])).containsExactly(42.5);
        assertThatThrownBy(() -> w.writeChunk("scalar", new long[] {0}, new double[] {1}))
                .hasMessageContaining("chunk grid");
    }

    @Test
    void layoutAndMetadataFilesAsXarrayWritesThem() throws Exception {
        ZarrGroupWriter w = writer("l.zarr");
        Map<String, Object> gattrs = new LinkedHashMap<>();
        gattrs.put("title", "t");
        gattrs.put("Conventions", "CF-1.8");
        w.writeGroup(gattrs);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("units", "K");
        attrs.put("scale_factor", 0.01f);
        w.createArray("sst", new ArrayMeta(new long[] {4, 4}, new int[] {2, 2}, DType.INT16, -1, null),
                List.of("lat", "lon"), attrs);
        long n = w.writeChunk("sst", new long[] {1, 0}, new short[4]);
        Path root = dir.resolve("l.zarr");
        assertThat(n).isEqualTo(Files.size(root.resolve("sst/1.0"))).isEqualTo(8);
        assertThat(Files.readString(root.resolve(".zgroup"))).isEqualTo("{\n    \"zarr_format\": 2\n}");
        assertThat(Files.readString(root.resolve("sst/.zattrs"))).isEqualTo("""
                {
                    "_ARRAY_DIMENSIONS": [
                        "lat",
                        "lon"
                    ],
                    "units": "K",
                    "scale_factor": 0.009999999776482582
                }""");
        assertThatThrownBy(() -> w.createArray("bad", new ArrayMeta(new long[] {1}, new int[] {1}, DType.INT8, null, null),
                List.of("a", "b"), Map.of())).hasMessageContaining("rank");
        assertThatThrownBy(() -> w.createArray("bad", new ArrayMeta(new long[] {1}, new int[] {1}, DType.INT8, null, null),
                List.of("a"), Map.of("_ARRAY_DIMENSIONS", "x"))).hasMessageContaining("dims");
    }

    @Test
    void consolidateGathersAllMetadataAndDeleteMakesItIncomplete() throws Exception {
        ZarrGroupWriter w = writer("c.zarr");
        w.deleteConsolidated(); // nothing there yet: no error
        assertThatThrownBy(w::consolidate).hasMessageContaining(".zgroup");
        w.writeGroup(Map.of("title", "x"));
        w.createArray("a", new ArrayMeta(new long[] {3}, new int[] {2}, DType.UINT8, 255, null), List.of("t"), Map.of());
        w.writeGroup("sub", Map.of("level", 1));
        w.createArray("sub/b", new ArrayMeta(new long[] {2}, new int[] {2}, DType.FLOAT64, null, null), List.of("u"), Map.of());
        for (int i = 0; i < 2; i++) {
            w.writeChunk("a", new long[] {i}, new byte[] {1, 2});
        }
        w.consolidate();
        KeyValueStore s = w.store();
        JsonNode doc = ZarrJson.read(s.get(".zmetadata"), "test");
        assertThat(doc.get("zarr_consolidated_format").asInt()).isEqualTo(1);
        JsonNode meta = doc.get("metadata");
        List<String> keys = new ArrayList<>();
        meta.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly(".zattrs", ".zgroup", "a/.zarray", "a/.zattrs", "sub/.zattrs", "sub/.zgroup",
                "sub/b/.zarray", "sub/b/.zattrs");
        for (String k : keys) {
            assertThat(meta.get(k)).as(k).isEqualTo(ZarrJson.read(s.get(k), k));
        }
        assertThat(meta.get("a/.zarray").get("fill_value").asInt()).isEqualTo(255);
        assertThat(new String(s.get(".zmetadata"), US_ASCII)).startsWith("{\n    \"metadata\": {\n        \".zattrs\": {");
        w.deleteConsolidated();
        assertThat(s.exists(".zmetadata")).isFalse();
        assertThat(s.exists("a/.zarray")).isTrue();
    }

    @Test
    void rewritingAChunkStoresTheSameBytes() throws Exception {
        ZarrGroupWriter w = writer("r.zarr");
        Compressor[] cs = {new Compressor("zstd", 3, true), new Compressor("zlib", 6, false), new Compressor("blosc-lz4", 5, true)};
        for (Compressor c : cs) {
            if (c.name().startsWith("blosc") && !ChunkCodec.bloscAvailable()) continue;
            String name = "v_" + c.name();
            w.createArray(name, new ArrayMeta(new long[] {100}, new int[] {64}, DType.FLOAT32, Float.NaN, CodecRegistry.compression(c)), List.of("t"), Map.of());
            float[] data = (float[]) TestArrays.values(DType.FLOAT32, 64, 9, null);
            w.writeChunk(name, new long[] {1}, data);
            byte[] first = Files.readAllBytes(dir.resolve("r.zarr/" + name + "/1"));
            data[50] = 123; // padding region: ignored
            w.writeChunk(name, new long[] {1}, data);
            assertThat(Files.readAllBytes(dir.resolve("r.zarr/" + name + "/1"))).as(name).isEqualTo(first);
        }
    }

    @Test
    void writeChunkChecksItsInput() {
        ZarrGroupWriter w = writer("v.zarr");
        w.createArray("v", new ArrayMeta(new long[] {4, 4}, new int[] {2, 2}, DType.INT32, null, null), List.of("a", "b"), Map.of());
        assertThatThrownBy(() -> w.writeChunk("v", new long[] {0, 0}, new long[4])).hasMessageContaining("int[]");
        assertThatThrownBy(() -> w.writeChunk("v", new long[] {0, 0}, new int[3])).hasMessageContaining("4 elements");
        assertThatThrownBy(() -> w.writeChunk("v", new long[] {2, 0}, new int[4])).hasMessageContaining("chunk grid");
        assertThatThrownBy(() -> w.writeChunk("v", new long[] {0}, new int[4])).hasMessageContaining("chunk grid");
        assertThatThrownBy(() -> w.writeChunk("missing", new long[] {0}, new int[4])).hasMessageContaining("missing");
        assertThat(w.readChunk("v", new long[] {1, 1})).isNull();
    }

    @Test
    void writerWorksAfterSerialization() throws Exception {
        ZarrGroupWriter w = writer("ser.zarr");
        w.createArray("v", new ArrayMeta(new long[] {2}, new int[] {2}, DType.INT64, null, CodecRegistry.compression(new Compressor("zstd", 1, false))),
                List.of("t"), Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(w);
        }
        ZarrGroupWriter copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ZarrGroupWriter) in.readObject();
        }
        copy.writeChunk("v", new long[] {0}, new long[] {Long.MIN_VALUE, 3});
        assertThat((long[]) w.readChunk("v", new long[] {0})).containsExactly(Long.MIN_VALUE, 3);
    }
}
