package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.Cdf5Archive;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetCDF-3 64-bit data (CDF-5, read by the project's own reader) and 64-bit offset (CDF-2)
 * archives convert to stores identical, as xarray reads them, to open_mfdataset over the files;
 * CDF-5's unsigned and 64-bit types stay unsigned Zarr dtypes (|u1, <u2, <u4, <u8, <i8).
 */
class Netcdf3FormatsEndToEndTest {
    @TempDir
    static Path tmp;

    @Test
    void cdf5ArchiveWithUnsignedAndInt64Variables() throws Exception {
        Path dir = tmp.resolve("cdf5");
        List<Path> files = Cdf5Archive.write(dir, 3, 4, 6, 8);
        Path recipe = RunRecipe.writeRecipe(tmp, "cdf5.yaml", """
                name: cdf5-test
                file_pattern:
                  template: "%s/counts_{time:%%03d}.nc"
                  concat_dim:
                    name: time
                    keys: {range: {start: 0, stop: 3}}
                file_type: netcdf3
                target_chunks: {time: 5, y: 3}
                """.formatted(dir));
        Path store = tmp.resolve("cdf5.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("count", List.of(5, 3, 8), "flag", List.of(5, 3, 8), "id", List.of(5, 8),
                        "total", List.of(5), "elevation", List.of(3, 8)), List.of(), tmp);
        assertThat(Files.readString(store.resolve("count/.zarray"))).contains("\"<u4\"");
        assertThat(Files.readString(store.resolve("id/.zarray"))).contains("\"<u8\"");
        assertThat(Files.readString(store.resolve("total/.zarray"))).contains("\"<i8\"");
        assertThat(Files.readString(store.resolve("flag/.zarray"))).contains("\"|u1\"");
        assertThat(Files.readString(store.resolve("elevation/.zarray"))).contains("\"<u2\"");
    }

    @Test
    void cdf2ArchiveWith64BitOffsets() throws Exception {
        Path dir = tmp.resolve("cdf2");
        List<Path> files = SampleArchives.netcdf3Monthly(dir, 1990, 3, true);
        Path recipe = RunRecipe.writeRecipe(tmp, "cdf2.yaml", """
                name: cdf2-test
                file_pattern:
                  template: "%s/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1990-01-01, end: 1990-03-01, step: P1M}}
                file_type: netcdf3
                target_chunks: {time: 20}
                """.formatted(dir));
        Path store = tmp.resolve("cdf2.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("tas", List.of(20, 18, 36)), List.of("time"), tmp);
    }
}
