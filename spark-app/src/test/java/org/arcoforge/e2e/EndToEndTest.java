package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.recipe.FileType;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product path: recipe YAML -> command line -> Spark local mode -> Zarr store, checked
 * with xarray/zarr-python against open_mfdataset over the same files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    @TempDir
    static Path tmp;

    Path oisstDir;
    List<Path> oisst;
    Path monthlyDir;
    List<Path> monthly;

    @BeforeAll
    void archives() throws Exception {
        oisstDir = tmp.resolve("oisst");
        oisst = SampleArchives.oisstDaily(oisstDir, LocalDate.of(1981, 9, 1), 12, 30, 60);
        monthlyDir = tmp.resolve("monthly");
        monthly = SampleArchives.netcdf3Monthly(monthlyDir, 1990, 14);
    }

    private String oisstRecipe(String chunks) {
        return RunRecipe.oisstRecipe(oisstDir + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 12, chunks, "");
    }

    @Test
    void oisstDailyArchiveIsIdenticalToOpenMfdataset() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "oisst.yaml", oisstRecipe("{time: 5, lat: 16}"));
        Path store = tmp.resolve("oisst.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Zarr store: " + store);
        assertThat(r.err()).contains("[store chunks]").contains("MB/s");
        try (Stream<Path> files = Files.walk(store)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".crc"));
        }
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst), "time",
                Map.of("sst", List.of(5, 1, 16, 60), "time", List.of(12), "lat", List.of(30)), List.of(), tmp);
    }

    @Test
    void netcdf3MonthlyArchiveWithChangingTimeUnitsDecodesToTheRightDates() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "monthly.yaml", """
                name: monthly-test
                file_pattern:
                  template: "%s/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1990-01-01, end: 1991-02-01, step: P1M}}
                file_type: netcdf3
                target_chunks: {time: 10}
                compressor: {name: zlib, level: 4, shuffle: false}
                """.formatted(monthlyDir));
        Path store = tmp.resolve("monthly.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(monthly), "time",
                Map.of("tas", List.of(10, 18, 36), "land_mask", List.of(18, 36)), List.of("time"), tmp);

        // a second independent reader: zarr-java (float arrays with zlib are what it can read here)
        float[] stored = (float[]) dev.zarr.zarrjava.v2.Array.open(store.resolve("tas")).read()
                .get1DJavaArray(float.class);
        int offset = 0;
        for (Path f : monthly) {
            try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.NETCDF3)) {
                long days = in.dimensions().get("time");
                float[] v = (float[]) in.read("tas", new long[] {0, 0, 0}, new int[] {(int) days, 18, 36});
                for (int i = 0; i < v.length; i++) {
                    assertThat(Float.floatToIntBits(stored[offset + i])).as("tas element %d", offset + i)
                            .isEqualTo(Float.floatToIntBits(v[i]));
                }
                offset += v.length;
            }
        }
        assertThat(offset).isEqualTo(stored.length);
    }

    @Test
    void inputsStoredInOtherChunksOrUncompressedFillTheSameZarrChunks() throws Exception {
        // Day 3 re-chunked in tiles, day 6 without deflate or shuffle: a Zarr chunk of 4 days mixes
        // stored chunks copied straight into its byte planes with values read tile by tile.
        Path dir = tmp.resolve("mixed");
        Files.createDirectories(dir);
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < oisst.size(); i++) {
            Path to = dir.resolve(oisst.get(i).getFileName());
            List<String> copy = i == 2 ? List.of("nccopy", "-c", "time/1,zlev/1,lat/15,lon/30")
                    : i == 5 ? List.of("nccopy", "-d", "0") : List.of();
            if (copy.isEmpty()) {
                Files.copy(oisst.get(i), to);
            } else {
                List<String> cmd = new java.util.ArrayList<>(copy);
                cmd.addAll(List.of(oisst.get(i).toString(), to.toString()));
                Processes.Result p = Processes.run(new ProcessBuilder(cmd), Duration.ofMinutes(2));
                assertThat(p.exitCode()).as(p.output()).isZero();
            }
            files.add(to);
        }
        try (NetcdfInput tiled = NetcdfInput.open(files.get(2).toString(), Map.of(), FileType.NETCDF4);
             NetcdfInput plain = NetcdfInput.open(files.get(5).toString(), Map.of(), FileType.NETCDF4)) {
            assertThat(tiled.chunkIndex("sst").orElseThrow().chunkShape()).containsExactly(1, 1, 15, 30);
            assertThat(plain.chunkIndex("sst").map(ix -> ix.filters().isEmpty()).orElse(true)).isTrue();
        }
        Path recipe = RunRecipe.writeRecipe(tmp, "mixed.yaml", RunRecipe.oisstRecipe(
                dir + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 12, "{time: 4}", ""));
        Path store = tmp.resolve("mixed.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time", Map.of("sst", List.of(4, 1, 30, 60)), List.of(), tmp);
    }

    @Test
    void reRunRewritesTheSameBytesAndAnotherRecipeIsRefused() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "rerun.yaml", oisstRecipe("{time: 4}"));
        Path store = tmp.resolve("rerun.zarr");
        assertThat(RunRecipe.run(recipe, store).exitCode()).isZero();
        Map<String, String> first = RunRecipe.digests(store);
        assertThat(first).containsKey(".zmetadata");
        assertThat(RunRecipe.run(recipe, store).exitCode()).isZero();
        assertThat(RunRecipe.digests(store)).isEqualTo(first);

        RunRecipe pruned = RunRecipe.run(recipe, store, "--prune", "3");
        assertThat(pruned.exitCode()).isNotZero();
        assertThat(pruned.err()).contains("different recipe").contains("--overwrite");
        assertThat(RunRecipe.digests(store)).isEqualTo(first);

        RunRecipe overwritten = RunRecipe.run(recipe, store, "--prune", "3", "--overwrite");
        assertThat(overwritten.exitCode()).as(overwritten.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst.subList(0, 3)), "time", Map.of("sst", List.of(3, 1, 30, 60)),
                List.of(), tmp);
    }

    @Test
    void mergeDimJoinsVariablesSplitAcrossFiles() throws Exception {
        Path dir = tmp.resolve("merge");
        List<Path> files = SampleArchives.mergeCase(dir, LocalDate.of(1981, 9, 1), 3, 12, 24);
        Path recipe = RunRecipe.writeRecipe(tmp, "merge.yaml", """
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
                """.formatted(dir));
        Path store = tmp.resolve("merge.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<List<Path>> grid = List.of(files.subList(0, 2), files.subList(2, 4), files.subList(4, 6));
        XarrayCheck.assertIdentical(store, grid, "time",
                Map.of("sst", List.of(2, 1, 12, 10), "ice", List.of(2, 1, 12, 10)), List.of(), tmp);
    }

    @Test
    void yamlPreprocessorsRenameAndAnnotateVariables() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "pre.yaml", oisstRecipe("{time: 6}") + """
                drop_variables: [err]
                set_attributes: {title: "renamed sample"}
                preprocess:
                  - rename_variables: {sst: sea_surface_temperature}
                  - set_variable_attributes: {sea_surface_temperature: {comment: "via preprocess"}}
                """);
        Path store = tmp.resolve("pre.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(store.resolve("sst")).doesNotExist();
        assertThat(store.resolve("err")).doesNotExist();
        assertThat(Files.readString(store.resolve("sea_surface_temperature/.zattrs"))).contains("via preprocess");
        String check = PythonSnippet.run("""
                import numpy as np
                import xarray as xr
                ds = xr.open_zarr(STORE)
                src = xr.open_mfdataset(FILES, combine="nested", concat_dim="time", data_vars="minimal",
                                        coords="minimal", compat="override")
                assert ds.attrs["title"] == "renamed sample", ds.attrs["title"]
                assert "err" not in ds and "sst" not in ds
                np.testing.assert_array_equal(ds.sea_surface_temperature.values, src.sst.values)
                assert ds.sea_surface_temperature.encoding["dtype"] == src.sst.encoding["dtype"]
                assert ds.sea_surface_temperature.attrs["comment"] == "via preprocess"
                print("ok")
                """, store, oisst);
        assertThat(check).contains("ok");
    }

    @Test
    void overwriteNeverDeletesAFolderThatIsNotAZarrStore() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "careful.yaml", oisstRecipe("{time: 6}"));
        Path notAStore = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(notAStore.resolve("thesis.tex"), "months of work");
        RunRecipe r = RunRecipe.run(recipe, notAStore, "--overwrite");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("neither a Zarr store nor empty").contains(notAStore.toString());
        assertThat(notAStore.resolve("thesis.tex")).hasContent("months of work");

        Path empty = Files.createDirectories(tmp.resolve("empty-target"));
        RunRecipe ok = RunRecipe.run(recipe, empty);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(empty.resolve(".zmetadata")).exists();
    }

    @Test
    void validateListsTheInputs() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "validate.yaml", oisstRecipe("{time: 5}"));
        RunRecipe r = RunRecipe.cli("validate", recipe.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("oisst-avhrr-v02r01.19810901.nc").contains("oisst-avhrr-v02r01.19810912.nc")
                .contains("12 inputs");
    }
}
