package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * kind: reference end to end: the real command line writes one kerchunk JSON that Debian's fsspec,
 * zarr and xarray read identically to open_mfdataset over the inputs (OISST-like NetCDF-4, NetCDF-3
 * with time units changing per year, a merge).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceEndToEndTest {
    @TempDir
    static Path tmp;

    List<Path> oisst;
    Path oisstDir;

    @BeforeAll
    void archives() {
        oisstDir = tmp.resolve("oisst");
        oisst = SampleArchives.oisstDaily(oisstDir, LocalDate.of(1981, 9, 1), 6, 12, 24);
    }

    static String refRecipe(String name, String pattern) {
        return "name: " + name + "\nkind: reference\n" + pattern;
    }

    @Test
    void oisstReferencesReadIdenticallyToOpenMfdataset() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "oisst-ref.yaml", refRecipe("oisst-ref", """
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-06, step: P1D}}
                    items_per_file: 1
                file_type: netcdf4
                """.formatted(oisstDir)));
        RunRecipe plan = RunRecipe.cli("plan", recipe.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        // 6 days x 4 variables x one HDF5 chunk; time, zlev, lat, lon inline
        assertThat(plan.out()).contains("24 references into 6 inputs").contains("4 arrays inline");
        Path json = tmp.resolve("oisst.json");
        RunRecipe r = RunRecipe.run(recipe, json);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Reference store: " + json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("version").asInt()).isEqualTo(1);
        assertThat(doc.get("templates")).hasSize(6);
        assertThat(doc.get("templates").get("u0").asText()).startsWith("file:///").endsWith(".nc");
        JsonNode refs = doc.get("refs");
        JsonNode sst = refs.get("sst/5.0.0.0");
        assertThat(sst.get(0).asText()).matches("\\{\\{u\\d+\\}\\}");
        assertThat(refs.get("time/0").asText()).startsWith("base64:");
        JsonNode zarray = new ObjectMapper().readTree(refs.get("sst/.zarray").asText());
        assertThat(zarray.get("dtype").asText()).isEqualTo("<i2");
        assertThat(zarray.get("filters").toString()).contains("\"shuffle\"").contains("\"elementsize\":2").contains("zlib");
        assertThat(refs.has(".zmetadata")).isTrue();
        ReferenceCheck.assertIdentical(json, RunRecipe.rows(oisst), "time", Map.of("sst", List.of(1, 1, 12, 24)),
                List.of(), tmp);
    }

    @Test
    void referencesToInputsOverHttpReadThroughFsspec() throws Exception {
        try (org.arcoforge.testinfra.TestHttpServer http = new org.arcoforge.testinfra.TestHttpServer(oisstDir)) {
            Path recipe = RunRecipe.writeRecipe(tmp, "http-ref.yaml", refRecipe("http-ref", """
                    file_pattern:
                      template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                      concat_dim:
                        name: time
                        keys: {dates: {start: 1981-09-01, end: 1981-09-06, step: P1D}}
                    file_type: netcdf4
                    """.formatted(http.base().toString().replaceAll("/$", ""))));
            Path json = tmp.resolve("http.json");
            RunRecipe r = RunRecipe.run(recipe, json);
            assertThat(r.exitCode()).as(r.err()).isZero();
            JsonNode templates = new ObjectMapper().readTree(json.toFile()).get("templates");
            assertThat(templates.get("u0").asText()).startsWith("http://");
            // the inputs over the tests' HTTP server: fsspec's HTTP filesystem (aiohttp) reads the ranges
            ReferenceCheck.assertIdentical(json, RunRecipe.rows(oisst), "time", Map.of("sst", List.of(1, 1, 12, 24)),
                    List.of(), tmp);
            // a second, independent client: zarrita's ReferenceStore, values bit for bit as netCDF4-python's
            ReferenceCheck.assertZarritaSameAsSources(json, oisst, "time");
        }
    }

    @Test
    void netcdf3RecordsWithUnitsChangingPerYear() throws Exception {
        Path dir = tmp.resolve("monthly");
        List<Path> monthly = SampleArchives.netcdf3Monthly(dir, 1990, 14);
        Path recipe = RunRecipe.writeRecipe(tmp, "monthly-ref.yaml", refRecipe("monthly-ref", """
                file_pattern:
                  template: "%s/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1990-01-01, end: 1991-02-01, step: P1M}}
                file_type: netcdf3
                """.formatted(dir)));
        Path json = tmp.resolve("monthly.json");
        RunRecipe r = RunRecipe.run(recipe, json);
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode refs = new ObjectMapper().readTree(json.toFile()).get("refs");
        assertThat(new ObjectMapper().readTree(refs.get("tas/.zarray").asText()).get("dtype").asText()).isEqualTo(">f4");
        assertThat(refs.has("tas/423.0.0")).isTrue(); // one reference per record: 424 days
        assertThat(refs.has("tas/424.0.0")).isFalse();
        ReferenceCheck.assertIdentical(json, RunRecipe.rows(monthly), "time",
                Map.of("tas", List.of(1, 18, 36), "land_mask", List.of(18, 36)), List.of("time"), tmp);
    }

    @Test
    void mergeDimJoinsVariablesSplitAcrossFiles() throws Exception {
        Path dir = tmp.resolve("merge");
        List<Path> files = SampleArchives.mergeCase(dir, LocalDate.of(1981, 9, 1), 3, 12, 24);
        Path recipe = RunRecipe.writeRecipe(tmp, "merge-ref.yaml", refRecipe("merge-ref", """
                file_pattern:
                  template: "%s/{variable}_{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-03, step: P1D}}
                  merge_dim:
                    name: variable
                    keys: [sst, ice]
                """.formatted(dir)));
        Path json = tmp.resolve("merge.json");
        RunRecipe r = RunRecipe.run(recipe, json);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<List<Path>> grid = List.of(files.subList(0, 2), files.subList(2, 4), files.subList(4, 6));
        ReferenceCheck.assertIdentical(json, grid, "time", Map.of("sst", List.of(1, 1, 12, 24)), List.of(), tmp);
    }

    @Test
    void aTargetThatIsNotJsonIsRefusedNamingTheOption() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "bad-target.yaml", refRecipe("bad-target", """
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-02, step: P1D}}
                """.formatted(oisstDir)));
        Path target = tmp.resolve("refs.zarr");
        RunRecipe r = RunRecipe.run(recipe, target);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.error()).contains("--target").contains(".json");
        assertThat(Files.exists(target)).isFalse();
    }
}
