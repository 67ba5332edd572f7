package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.netcdf.PythonReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 inputs (h5netcdf, src/test/python/make_hdf5_filter_fixtures.py): big-endian float32 and
 * fletcher32-checked uint16 convert faithfully; a corrupt checked chunk and a filter the project
 * cannot decode stop the run with one error naming file, variable and chunk or filter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Hdf5FiltersEndToEndTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    void fixtures() {
        PythonReference.run("make_hdf5_filter_fixtures.py", tmp.toString());
    }

    private Path recipe(String sub, String extra) throws Exception {
        return RunRecipe.writeRecipe(tmp, sub + ".yaml", """
                name: hdf5-%s
                file_pattern:
                  template: "%s/%s/fl_{time}.nc"
                  concat_dim:
                    name: time
                    keys: {range: {start: 0, stop: 3}}
                file_type: netcdf4
                target_chunks: {time: 2}
                """.formatted(sub, tmp, sub) + extra);
    }

    private List<Path> files(String sub) {
        return List.of(tmp.resolve(sub + "/fl_0.nc"), tmp.resolve(sub + "/fl_1.nc"), tmp.resolve(sub + "/fl_2.nc"));
    }

    /** The one error line (tiny fixtures also get small-chunk warnings before it); no stack trace. */
    private static String errorLine(RunRecipe r) {
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat org.").doesNotContain("Exception in thread");
        return errors.get(0);
    }

    @Test
    void bigEndianAndFletcher32VariablesConvertWithEqualValues() throws Exception {
        Path store = tmp.resolve("good.zarr");
        RunRecipe r = RunRecipe.run(recipe("good", ""), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files("good")), "time",
                Map.of("sst", List.of(2, 6, 8), "npix", List.of(2, 6, 8)), List.of(), tmp);
        // the store is little-endian, as xarray writes it
        assertThat(Files.readString(store.resolve("sst/.zarray"))).contains("\"<f4\"");
        assertThat(Files.readString(store.resolve("elev/.zarray"))).contains("\"<f4\"");
        assertThat(Files.readString(store.resolve("npix/.zarray"))).contains("\"<u2\"");
    }

    @Test
    void corruptFletcher32ChunkStopsTheRun() throws Exception {
        Path store = tmp.resolve("corrupt.zarr");
        RunRecipe r = RunRecipe.run(recipe("corrupt", ""), store);
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(errorLine(r)).contains(tmp.resolve("corrupt/fl_1.nc").toString())
                .contains("variable npix").contains("fletcher32 checksum mismatch in chunk [0, 1, 0]");
        assertThat(store.resolve(".zmetadata")).doesNotExist();
    }

    @Test
    void filterTheProjectCannotDecodeStopsTheRunInTheMetadataPass() throws Exception {
        Path store = tmp.resolve("filters.zarr");
        RunRecipe r = RunRecipe.run(recipe("filters", ""), store);
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(errorLine(r)).contains(tmp.resolve("filters/fl_").toString()).contains("variable rain")
                .contains("lzf (HDF5 filter id 32000)").contains("drop_variables: [rain]");
        assertThat(r.err()).doesNotContain("[store chunks]");
        assertThat(store.resolve(".zmetadata")).doesNotExist();
    }
}
