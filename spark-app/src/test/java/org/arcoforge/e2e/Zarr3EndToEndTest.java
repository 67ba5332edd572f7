package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.recipe.FileType;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zarr v3 output, with and without shards, read by independent readers: zarrita (every array, bit
 * for bit against netCDF4-python's raw values of the inputs) and zarr-java (unsharded float32).
 * The same zarrita check runs on the Zarr v2 stores of the same recipes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Zarr3EndToEndTest {
    @TempDir
    static Path tmp;
    private static final ObjectMapper JSON = new ObjectMapper();

    Path oisstDir;
    List<Path> oisst;
    Path monthlyDir;
    List<Path> monthly;

    @BeforeAll
    void archives() throws Exception {
        oisstDir = tmp.resolve("oisst");
        // 30 x 60 with chunks of lat 16 and shards of time 10 over 12 days: edge chunks and edge shards
        oisst = SampleArchives.oisstDaily(oisstDir, LocalDate.of(1981, 9, 1), 12, 30, 60);
        monthlyDir = tmp.resolve("monthly");
        monthly = SampleArchives.netcdf3Monthly(monthlyDir, 1990, 14);
    }

    private String oisstRecipe(String extra) {
        return RunRecipe.oisstRecipe(oisstDir + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 12, "{time: 5, lat: 16}", extra);
    }

    private Path run(String name, String yaml) throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, name + ".yaml", yaml);
        Path store = tmp.resolve(name + ".zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return store;
    }

    private static JsonNode json(Path p) throws Exception {
        return JSON.readTree(p.toFile());
    }

    private static long objects(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void oisstV2AndV3AreReadByZarritaBitForBit() throws Exception {
        Path v2 = run("oisst-v2", oisstRecipe(""));
        ZarritaCheck.assertSameAsSources(v2, oisst, "time", List.of("time"));

        Path v3 = run("oisst-v3", oisstRecipe("zarr_format: 3\n"));
        ZarritaCheck.assertSameAsSources(v3, oisst, "time", List.of("time"));
        JsonNode root = json(v3.resolve("zarr.json"));
        assertThat(root.path("node_type").asText()).isEqualTo("group");
        assertThat(root.path("consolidated_metadata").path("kind").asText()).isEqualTo("inline");
        JsonNode sst = json(v3.resolve("sst/zarr.json"));
        assertThat(root.path("consolidated_metadata").path("metadata").path("sst")).isEqualTo(sst);
        assertThat(sst.path("data_type").asText()).isEqualTo("int16");
        assertThat(sst.path("dimension_names").toString()).isEqualTo("[\"time\",\"zlev\",\"lat\",\"lon\"]");
        assertThat(sst.path("chunk_key_encoding").path("configuration").path("separator").asText()).isEqualTo("/");
        assertThat(v3.resolve("sst/c/2/0/1/0")).isRegularFile();
        // the CF encoding is kept as the v2 output keeps it in .zattrs (v3 names the dimensions itself)
        JsonNode zattrs = json(v2.resolve("sst/.zattrs"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) zattrs).remove("_ARRAY_DIMENSIONS");
        ((com.fasterxml.jackson.databind.node.ObjectNode) zattrs).put("_FillValue", -999);
        assertThat(sst.path("attributes")).isEqualTo(zattrs);
        assertThat(sst.path("fill_value").asInt()).isEqualTo(json(v2.resolve("sst/.zarray")).path("fill_value").asInt());
        assertCfFillLikeV2(v2, v3);
    }

    /**
     * Every v3 array carries _FillValue as xarray's v3 backend writes and masks with it (integers as
     * integers, floats as base64 of little-endian float64) exactly when the v2 .zarray has a fill_value,
     * which xarray's v2 backend reads back as _FillValue.
     */
    private static void assertCfFillLikeV2(Path v2, Path v3) throws Exception {
        List<Path> arrays;
        try (Stream<Path> s = Files.walk(v2)) {
            arrays = s.filter(p -> p.getFileName().toString().equals(".zarray")).toList();
        }
        assertThat(arrays).isNotEmpty();
        for (Path zarray : arrays) {
            String name = v2.relativize(zarray.getParent()).toString();
            JsonNode fill = json(zarray).path("fill_value");
            JsonNode attr = json(v3.resolve(name).resolve("zarr.json")).path("attributes").path("_FillValue");
            if (fill.isNull()) {
                assertThat(attr.isMissingNode()).as(name + " has no fill value").isTrue();
            } else if (fill.isIntegralNumber()) {
                assertThat(attr.isIntegralNumber()).as(name + " _FillValue " + attr).isTrue();
                assertThat(attr.bigIntegerValue()).as(name).isEqualTo(fill.bigIntegerValue());
            } else if (!json(zarray).path("dtype").asText().contains("U")) {
                double expected = fill.isTextual() ? Double.parseDouble(fill.asText()) : fill.doubleValue();
                byte[] b = java.util.Base64.getDecoder().decode(attr.asText());
                double got = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getDouble();
                assertThat(b).as(name).hasSize(8);
                assertThat(Double.doubleToLongBits(got)).as(name).isEqualTo(Double.doubleToLongBits(expected));
            }
        }
    }

    @Test
    void oisstShardedIsReadByZarritaAndReRunsConverge() throws Exception {
        String yaml = oisstRecipe("zarr_format: 3\nshards: {time: 10}\n");
        Path store = run("oisst-shards", yaml);
        ZarritaCheck.assertSameAsSources(store, oisst, "time", List.of("time"));
        JsonNode sst = json(store.resolve("sst/zarr.json"));
        assertThat(sst.path("chunk_grid").path("configuration").path("chunk_shape").toString()).isEqualTo("[10,1,32,60]");
        JsonNode codec = sst.path("codecs").get(0);
        assertThat(codec.path("name").asText()).isEqualTo("sharding_indexed");
        assertThat(codec.path("configuration").path("chunk_shape").toString()).isEqualTo("[5,1,16,60]");
        assertThat(codec.path("configuration").path("index_location").asText()).isEqualTo("end");
        // 12 days in shards of 10: two shards per variable along time, one along lat
        try (Stream<Path> s = Files.list(store.resolve("sst/c"))) {
            assertThat(s.count()).isEqualTo(2);
        }
        Map<String, String> first = RunRecipe.digests(store);
        RunRecipe again = RunRecipe.run(tmp.resolve("oisst-shards.yaml"), store);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(RunRecipe.digests(store)).isEqualTo(first);
        Path elsewhere = run("oisst-shards-2", yaml);
        assertThat(RunRecipe.digests(elsewhere)).isEqualTo(first);
    }

    @Test
    void netcdf3MonthlyIsReadByZarritaAndZarrJava() throws Exception {
        String base = """
                name: monthly-test
                file_pattern:
                  template: "%s/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1990-01-01, end: 1991-02-01, step: P1M}}
                file_type: netcdf3
                target_chunks: {time: 10, lat: 8}
                compressor: {name: zstd, level: 3, shuffle: false}
                zarr_format: 3
                """.formatted(monthlyDir);
        Path v2 = run("monthly-v2", base.replace("zarr_format: 3\n", ""));
        ZarritaCheck.assertSameAsSources(v2, monthly, "time", List.of("time"));
        Path plain = run("monthly-v3", base);
        ZarritaCheck.assertSameAsSources(plain, monthly, "time", List.of("time"));
        assertCfFillLikeV2(v2, plain);
        Path sharded = run("monthly-v3-shards", base + "shards: {time: 30}\n");
        ZarritaCheck.assertSameAsSources(sharded, monthly, "time", List.of("time"));
        assertThat(objects(sharded.resolve("tas"))).isLessThan(objects(plain.resolve("tas")));

        // zarr-java reads the unsharded float32 array; its zstd clashes with the project's zstd-jni, so blosc
        org.junit.jupiter.api.Assumptions.assumeTrue(org.arcoforge.codec.ChunkCodec.bloscAvailable(), "no blosc here");
        Path blosc = run("monthly-v3-blosc", base.replace("{name: zstd, level: 3, shuffle: false}",
                "{name: blosc-lz4, level: 5, shuffle: true}"));
        ZarritaCheck.assertSameAsSources(blosc, monthly, "time", List.of("time"));
        float[] stored = (float[]) dev.zarr.zarrjava.v3.Array.open(blosc.resolve("tas")).read().get1DJavaArray(float.class);
        int offset = 0;
        for (Path f : monthly) {
            try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.NETCDF3)) {
                long days = in.dimensions().get("time");
                float[] v = (float[]) in.read("tas", new long[] {0, 0, 0}, new int[] {(int) days, 18, 36});
                for (int i = 0; i < v.length; i++) {
                    assertThat(Float.floatToRawIntBits(stored[offset + i])).isEqualTo(Float.floatToRawIntBits(v[i]));
                }
                offset += v.length;
            }
        }
        assertThat(offset).isEqualTo(stored.length);
    }

    @Test
    void mergeCaseShardedIsReadByZarrita() throws Exception {
        Path dir = tmp.resolve("merge");
        List<Path> files = SampleArchives.mergeCase(dir, LocalDate.of(1981, 9, 1), 3, 12, 24);
        String yaml = """
                name: merge-test
                file_pattern:
                  template: "%s/{variable}_{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-03, step: P1D}}
                  merge_dim:
                    name: variable
                    keys: [sst, ice]
                target_chunks: {time: 2, lon: 10}
                zarr_format: 3
                shards: {time: 2, lon: 20}
                """.formatted(dir);
        Path store = run("merge-v3", yaml);
        ZarritaCheck.assertSameAsSources(store, files, "time", List.of("time"));
        Path v2 = run("merge-v2", yaml.replace("zarr_format: 3\n", "").replace("shards: {time: 2, lon: 20}\n", ""));
        ZarritaCheck.assertSameAsSources(v2, files, "time", List.of("time"));
    }

    @Test
    void shardsThroughTheShuffleAreTheSameBytesAsDirect() throws Exception {
        String yaml = oisstRecipe("zarr_format: 3\nshards: {time: 10, lat: 16}\n");
        Path direct = run("oisst-direct", yaml);
        Path recipe = RunRecipe.writeRecipe(tmp, "oisst-shuffle.yaml", yaml + "max_task_memory: 70kB\n");
        RunRecipe plan = RunRecipe.cli("plan", recipe.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).containsPattern("sst +shuffle +shards \\{time=10, zlev=1, lat=16, lon=60\\} of chunks"
                + " \\{time=5, zlev=1, lat=16, lon=60\\}");
        Path shuffled = tmp.resolve("oisst-shuffle.zarr");
        RunRecipe r = RunRecipe.run(recipe, shuffled);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(RunRecipe.digests(shuffled)).isEqualTo(RunRecipe.digests(direct));
        ZarritaCheck.assertSameAsSources(shuffled, oisst, "time", List.of("time"));
    }

    @Test
    void badShardsAreRefusedBeforeAnyWork() throws Exception {
        String[][] cases = {
                {"shards: {tme: 10}", "shards names 'tme', which no variable has", "dimensions are"},
                {"shards: {time: 10}\nmax_task_memory: 100kB", "shards of 'sst' (time=10, zlev=1, lat=32, lon=60)",
                        "more than a third of max_task_memory"},
                {"shards: {lon: 50}", "shards.lon (50) must be a multiple of the chunk length along 'lon' (60)", "lon"},
        };
        int i = 0;
        for (String[] c : cases) {
            Path recipe = RunRecipe.writeRecipe(tmp, "bad" + i + ".yaml", oisstRecipe("zarr_format: 3\n" + c[0] + "\n"));
            Path store = tmp.resolve("bad" + i++ + ".zarr");
            RunRecipe r = RunRecipe.run(recipe, store);
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.error()).contains(c[1]).contains(c[2]);
            assertThat(store).doesNotExist();
        }
        Path v2 = RunRecipe.writeRecipe(tmp, "bad-v2.yaml", oisstRecipe("shards: {time: 10}\n"));
        RunRecipe r = RunRecipe.run(v2, tmp.resolve("bad-v2.zarr"));
        assertThat(r.error()).contains("bad-v2.yaml line 10").contains("shards need zarr_format: 3");
    }
}
