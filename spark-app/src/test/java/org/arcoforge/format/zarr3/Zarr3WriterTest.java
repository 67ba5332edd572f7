package org.arcoforge.format.zarr3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.Compression;
import org.arcoforge.codec.CompressorKind;
import org.arcoforge.format.FormatException;
import org.arcoforge.format.TargetWriter;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.store.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Zarr v3 writer's documents and the sharding_indexed layout, read back by hand from the spec. */
class Zarr3WriterTest {
    @TempDir
    Path tmp;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Compression ZSTD = new Compression(CompressorKind.ZSTD, null, 1, true);
    private static final short FILL = -999;

    private static TargetVariable sharded(int[] inner) {
        // shape 7 x 5 in shards of 4 x 6 (lat rounded up to whole chunks of 3), chunks 2 x 3
        return new TargetVariable("sst", "sst", List.of("time", "lat"), new long[] {7, 5}, new int[] {4, 6},
                DType.INT16, Map.of("scale_factor", 0.01f), FILL, 0, true, inner);
    }

    @Test
    void shardHoldsItsChunksThenACheckedIndexAndLeavesOutFillChunks() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("s.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        TargetVariable v = sharded(new int[] {2, 3});
        w.createArray(v);
        // the second shard (time 4..7): rows 4, 5, 6 inside the array, row 7 beyond it; lat 5 beyond 0..4
        short[] shard = new short[4 * 6];
        Arrays.fill(shard, (short) 7777); // garbage beyond the edge: must be written as the fill value
        for (int t = 0; t < 3; t++) {
            for (int y = 0; y < 5; y++) {
                shard[t * 6 + y] = (short) (t * 10 + y);
            }
        }
        for (int y = 0; y < 3; y++) {
            shard[2 * 6 + y] = FILL; // chunk (1, 0) inside the array holds only the fill value
        }
        long written = w.writeChunk(v, new long[] {1, 0}, shard);
        byte[] bytes = store.get("sst/c/1/0");
        assertThat(bytes).hasSize((int) written);

        int entries = 4;
        ByteBuffer index = ByteBuffer.wrap(bytes, bytes.length - entries * 16 - 4, entries * 16 + 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, bytes.length - entries * 16 - 4, entries * 16);
        assertThat(ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo((int) crc.getValue());
        ChunkCodec codec = new ChunkCodec(ZSTD, DType.INT16);
        short[][] expected = {
                {0, 1, 2, 10, 11, 12},
                {3, 4, FILL, 13, 14, FILL},
                null,
                {23, 24, FILL, FILL, FILL, FILL},
        };
        for (int i = 0; i < entries; i++) {
            long offset = index.getLong();
            long length = index.getLong();
            if (expected[i] == null) {
                assertThat(offset).as("chunk %d left out", i).isEqualTo(-1L);
                assertThat(length).isEqualTo(-1L);
                continue;
            }
            byte[] chunk = Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
            assertThat((short[]) codec.decode(chunk, 6)).as("chunk %d", i).containsExactly(expected[i]);
        }
        assertThat(w.chunkKey(v, new long[] {1, 0})).isEqualTo("sst/c/1/0");
    }

    @Test
    void arrayDocumentFollowsTheV3Spec() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("a.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("units", "K");
        TargetVariable tas = new TargetVariable("tas", "tas", List.of("time"), new long[] {5}, new int[] {2},
                DType.FLOAT32, attrs, Float.NaN, 0, true);
        w.createArray(tas);
        w.createArray(sharded(new int[] {2, 3}));
        JsonNode a = JSON.readTree(store.get("tas/zarr.json"));
        assertThat(a.path("zarr_format").asInt()).isEqualTo(3);
        assertThat(a.path("node_type").asText()).isEqualTo("array");
        assertThat(a.path("data_type").asText()).isEqualTo("float32");
        assertThat(a.path("fill_value").asText()).isEqualTo("NaN");
        assertThat(a.path("chunk_grid").toString()).isEqualTo("{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[2]}}");
        assertThat(a.path("chunk_key_encoding").toString())
                .isEqualTo("{\"name\":\"default\",\"configuration\":{\"separator\":\"/\"}}");
        assertThat(a.path("codecs").toString()).isEqualTo("[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},"
                + "{\"name\":\"numcodecs.shuffle\",\"configuration\":{\"elementsize\":4}},"
                + "{\"name\":\"zstd\",\"configuration\":{\"level\":1,\"checksum\":false}}]");
        assertThat(a.path("dimension_names").toString()).isEqualTo("[\"time\"]");
        // _FillValue as xarray writes it for v3 (FillValueCoder): base64 of the little-endian float64 NaN
        assertThat(a.path("attributes").toString()).isEqualTo("{\"units\":\"K\",\"_FillValue\":\"AAAAAAAA+H8=\"}");

        JsonNode s = JSON.readTree(store.get("sst/zarr.json"));
        assertThat(s.path("fill_value").asInt()).isEqualTo(FILL);
        JsonNode sharding = s.path("codecs").get(0);
        assertThat(s.path("codecs").size()).isEqualTo(1);
        assertThat(sharding.path("name").asText()).isEqualTo("sharding_indexed");
        assertThat(sharding.path("configuration").path("chunk_shape").toString()).isEqualTo("[2,3]");
        assertThat(sharding.path("configuration").path("index_codecs").toString()).isEqualTo(
                "[{\"name\":\"bytes\",\"configuration\":{\"endian\":\"little\"}},{\"name\":\"crc32c\"}]");
        assertThat(sharding.path("configuration").path("index_location").asText()).isEqualTo("end");
        // the attributes keep a float32 attribute as its exact double, as the v2 .zattrs do
        assertThat(s.path("attributes").path("scale_factor").doubleValue()).isEqualTo((double) 0.01f);
        assertThat(s.path("attributes").path("_FillValue").isInt()).isTrue();
        assertThat(s.path("attributes").path("_FillValue").intValue()).isEqualTo(FILL);
    }

    @Test
    void fillValueAttributeOnlyWhereV2HasAFillValue() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("f.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        w.createArray(new TargetVariable("pr", "pr", List.of("time"), new long[] {5}, new int[] {2},
                DType.FLOAT64, Map.of(), 1e20, 0, true));
        w.createArray(new TargetVariable("time", "time", List.of("time"), new long[] {5}, new int[] {5},
                DType.INT32, Map.of("units", "days"), null, 0, true));
        JsonNode pr = JSON.readTree(store.get("pr/zarr.json")).path("attributes");
        assertThat(pr.path("_FillValue").asText()).isEqualTo("QIy1eB2vFUQ="); // base64.b64encode(struct.pack("<d", 1e20))
        assertThat(JSON.readTree(store.get("time/zarr.json")).path("attributes").has("_FillValue")).isFalse();
    }

    @Test
    void messagesNameTheStoreWithoutItsUserInfo() throws Exception {
        String secretUri = "s3a://AKIAEXAMPLE:s3cr3t@bucket/t.zarr";
        assertThat(new HadoopStore(secretUri).location()).isEqualTo("s3a://bucket/t.zarr");
        // a local store that says it lives at a URI with user info, as an s3a target given with keys would
        KeyValueStore local = new HadoopStore(tmp.resolve("u.zarr").toString());
        KeyValueStore store = (KeyValueStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, m, args) -> m.getName().equals("uri") ? secretUri
                        : m.isDefault() ? java.lang.reflect.InvocationHandler.invokeDefault(proxy, m, args)
                        : m.invoke(local, args));
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        assertThatThrownBy(w::markComplete).hasMessageContaining("s3a://bucket/t.zarr").hasMessageNotContaining("s3cr3t");
        store.put("zarr.json", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(w::groupAttributes).hasMessageContaining("s3a://bucket/t.zarr")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void consolidatedMetadataIsTheCompleteMarker() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("c.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        assertThat(Zarr3Format.INSTANCE.isStore(store)).isFalse();
        w.writeGroup(Map.of("title", "t"));
        w.createArray(sharded(new int[] {2, 3}));
        assertThat(Zarr3Format.INSTANCE.isStore(store)).isTrue();
        assertThat(JSON.readTree(store.get("zarr.json")).has("consolidated_metadata")).isFalse();
        w.markComplete();
        JsonNode root = JSON.readTree(store.get("zarr.json"));
        assertThat(root.path("node_type").asText()).isEqualTo("group");
        assertThat(root.path("attributes").path("title").asText()).isEqualTo("t");
        assertThat(root.path("consolidated_metadata").path("kind").asText()).isEqualTo("inline");
        assertThat(root.path("consolidated_metadata").path("must_understand").asBoolean(true)).isFalse();
        assertThat(root.path("consolidated_metadata").path("metadata").path("sst"))
                .isEqualTo(JSON.readTree(store.get("sst/zarr.json")));
        assertThat(w.groupAttributes()).containsEntry("title", "t");
        w.unmarkComplete();
        assertThat(JSON.readTree(store.get("zarr.json")).has("consolidated_metadata")).isFalse();
        assertThat(w.groupAttributes()).containsEntry("title", "t");
    }

    @Test
    void charVariablesAreRefusedNamingTheVariable() {
        HadoopStore store = new HadoopStore(tmp.resolve("ch.zarr").toString());
        TargetVariable c = new TargetVariable("station", "station", List.of("n"), new long[] {3}, new int[] {3},
                DType.CHAR, Map.of(), null, 0, false);
        assertThatThrownBy(() -> Zarr3Format.INSTANCE.writer(store, ZSTD).createArray(c))
                .isInstanceOf(FormatException.class).hasMessageContaining("variable 'station'")
                .hasMessageContaining("zarr_format: 2");
    }

    @Test
    void overwriteDeletesTheStoreButNotForeignFiles() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("o.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        w.writeGroup(Map.of());
        TargetVariable v = sharded(new int[] {2, 3});
        w.createArray(v);
        w.writeChunk(v, new long[] {0, 0}, new short[24]);
        store.put("notes.txt", new byte[] {1});
        assertThatThrownBy(() -> Zarr3Format.INSTANCE.deleteStore(store, ".arcoforge", null))
                .isInstanceOf(FormatException.class).hasMessageContaining("notes.txt");
        assertThat(store.exists("sst/c/0/0")).isTrue();
        store.delete("notes.txt");
        Zarr3Format.INSTANCE.deleteStore(store, ".arcoforge", null);
        assertThat(store.exists("sst/c/0/0")).isFalse();
        assertThat(store.exists("zarr.json")).isFalse();
    }

    @Test
    void plainChunksTakeBytePlanesAndWriteTheSameBytesAsValues() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("p.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        TargetVariable v = new TargetVariable("sst", "sst", List.of("time", "lat"), new long[] {7, 5}, new int[] {4, 5},
                DType.INT16, Map.of(), FILL, 0, true);
        assertThat(w.takesBytePlanes(v)).isTrue();
        assertThat(w.takesBytePlanes(sharded(new int[] {2, 3}))).isFalse();
        w.createArray(v);
        for (long t = 0; t < 2; t++) { // chunk 1 is an edge chunk: 3 of its 4 rows are inside
            short[] values = new short[20];
            for (int i = 0; i < 20; i++) {
                values[i] = (short) (t * 100 + i);
            }
            w.writeChunk(v, new long[] {t, 0}, values);
            byte[] fromValues = store.get("sst/c/" + t + "/0");
            w.writeChunk(v, new long[] {t, 0}, new org.arcoforge.codec.BytePlanes(
                    org.arcoforge.codec.ElementBytes.shuffledLittleEndian(values), 20, DType.INT16));
            assertThat(store.get("sst/c/" + t + "/0")).as("chunk %d", t).isEqualTo(fromValues);
            short[] back = (short[]) new ChunkCodec(ZSTD, DType.INT16).decode(fromValues, 20);
            assertThat(back[19]).isEqualTo(t == 0 ? (short) 19 : FILL);
        }
    }

    @Test
    void textArraysAreWrittenAsV3StringsPaddedWithEmptyText() throws Exception {
        HadoopStore store = new HadoopStore(tmp.resolve("t.zarr").toString());
        TargetWriter w = Zarr3Format.INSTANCE.writer(store, ZSTD);
        TargetVariable names = new TargetVariable("name", "name", List.of("station"), new long[] {5}, new int[] {4},
                DType.STRING, Map.of(), null, 0, false, new int[] {2});
        w.createArray(names);
        JsonNode doc = JSON.readTree(store.get("name/zarr.json"));
        assertThat(doc.path("data_type").asText()).isEqualTo("string");
        assertThat(doc.path("fill_value").asText()).isEmpty();
        assertThat(doc.path("codecs").get(0).path("configuration").path("codecs").get(0).path("name").asText())
                .isEqualTo("vlen-utf8");
        w.writeChunk(names, new long[] {1}, new String[] {"e", null, null, null});
        byte[] shard = store.get("name/c/1");
        ByteBuffer index = ByteBuffer.wrap(shard, shard.length - 36, 32).order(ByteOrder.LITTLE_ENDIAN);
        long offset = index.getLong();
        long length = index.getLong();
        String[] first = (String[]) new ChunkCodec(new Compression(CompressorKind.ZSTD, null, 1, false), DType.STRING)
                .decode(Arrays.copyOfRange(shard, (int) offset, (int) (offset + length)), 2);
        assertThat(first).containsExactly("e", "");
        assertThat(index.getLong()).isEqualTo(-1L); // the second chunk lies wholly beyond the array
    }
}
