package org.arcoforge.netcdf;

import org.arcoforge.source.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.netcdf.PythonReference.Read;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

/** NetCDF-4 on HDF5 superblock 3 (h5netcdf, libver='latest'): netcdf-java 4.5 fails, jHDF reads it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JhdfFallbackTest {
    private Path dir;
    private Path file;

    @BeforeAll
    void make(@TempDir Path tmp) {
        dir = tmp;
        file = tmp.resolve("sb3.nc");
        PythonReference.run("make_h5_latest.py", file.toString());
    }

    @Test
    void netcdfJavaReallyCannotOpenIt() {
        assertThatThrownBy(() -> NetcdfFile.open(file.toString()).close())
                .hasMessageContaining("superblock");
    }

    @Test
    void matchesNetcdf4Python() throws Exception {
        try (NetcdfInput in = NetcdfInput.open(file.toString(), Map.of(), FileType.AUTO)) {
            assertThat(in.backendName()).isEqualTo("jhdf");
            assertThat(in.format()).isEqualTo(FileFormat.NETCDF4);
            // temp is chunked (2, 4, 5): these slabs start and end inside chunks.
            PythonReference.assertSameAsPython(file, in, List.of(
                    new Read("temp", new long[] {1, 2, 3}, new int[] {3, 7, 9}),
                    new Read("temp", new long[] {4, 10, 12}, new int[] {1, 1, 1}),
                    new Read("count", new long[] {3, 1}, new int[] {6, 11}),
                    new Read("flag", new long[] {0, 0, 0}, new int[] {5, 11, 13}),
                    new Read("lat_bnds", new long[] {5, 1}, new int[] {3, 1}),
                    new Read("time", new long[] {1}, new int[] {4})), false);
            Dataset md = in.metadata();
            assertThat(in.dimensions()).containsOnlyKeys("time", "lat", "lon", "nv");
            assertThat(in.unlimitedDimensions()).containsExactly("time");
            assertThat(md.has("nv")).as("a dimension without a variable is not a variable").isFalse();
            assertThat(md.variable("count").dtype()).isEqualTo(DType.UINT16);
            assertThat(md.variable("count").attributes()).containsEntry("_FillValue", 65535);
            assertThat(md.attributes()).doesNotContainKey("_NCProperties");
        }
    }

    @Test
    void truncatedFileIsReported() throws Exception {
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("sb3-cut.nc");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> NetcdfInput.open(cut.toString(), Map.of(), FileType.NETCDF4))
                .isInstanceOf(InputException.class).hasMessageContaining("sb3-cut.nc")
                .hasMessageContaining("truncated");
    }

    /** A damaged attribute dataspace (2.1 billion values) through jHDF: an error naming the file, no OutOfMemoryError. */
    @Test
    void corruptHeaderIsReportedWithoutOutOfMemory() throws Exception {
        Path bad = dir.resolve("sb3-huge.nc");
        Files.copy(file, bad);
        org.arcoforge.testinfra.CorruptHdf5.claimHugeAttribute(bad, "weights", 250_000_000L);
        assertThatThrownBy(() -> NetcdfInput.open(bad.toString(), Map.of(), FileType.NETCDF4))
                .isInstanceOf(InputException.class).hasMessageContaining("sb3-huge.nc")
                .hasMessageContaining("corrupt").hasMessageNotContaining("OutOfMemoryError")
                .satisfies(e -> assertThat(HugeAllocation.causedByOutOfMemory(e)).isFalse());
    }
}
