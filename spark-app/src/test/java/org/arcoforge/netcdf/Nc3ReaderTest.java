package org.arcoforge.netcdf;

import org.arcoforge.source.InputException;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.netcdf.PythonReference.Read;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.sample.Cdf5Archive;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CDF-5 through the project's own NetCDF-3 reader, and NetCDF-3 byte layouts, against netCDF4-python. */
class Nc3ReaderTest {
    @TempDir
    Path tmp;

    @Test
    void cdf5TypesMatchNetcdf4Python() {
        List<Path> files = Cdf5Archive.write(tmp.resolve("cdf5"), 2, 3, 4, 5);
        Path p = files.get(1);
        try (NetcdfInput in = NetcdfInput.open(p.toString(), Map.of(), FileType.NETCDF3)) {
            assertThat(in.format()).isEqualTo(FileFormat.NETCDF3_64BIT_DATA);
            assertThat(in.backendName()).isEqualTo("nc3");
            var ref = PythonReference.assertSameAsPython(p, in, List.of(
                    new Read("count", new long[] {0, 0, 0}, new int[] {3, 4, 5}),
                    new Read("count", new long[] {1, 1, 2}, new int[] {2, 2, 3}),
                    new Read("total", new long[] {0}, new int[] {3}),
                    new Read("id", new long[] {1, 0}, new int[] {2, 5}),
                    new Read("flag", new long[] {2, 3, 0}, new int[] {1, 1, 5}),
                    new Read("elevation", new long[] {1, 1}, new int[] {3, 4}),
                    new Read("anomaly", new long[] {0, 0, 4}, new int[] {3, 4, 1}),
                    new Read("time", new long[] {0}, new int[] {3}),
                    new Read("x", new long[] {0}, new int[] {5})), true);
            assertThat(ref.get("data_model").asText()).isEqualTo("NETCDF3_64BIT_DATA");
            Dataset md = in.metadata();
            assertThat(md.variable("count").dtype()).isEqualTo(DType.UINT32);
            assertThat(md.variable("id").dtype()).isEqualTo(DType.UINT64);
            assertThat(md.variable("total").dtype()).isEqualTo(DType.INT64);
            assertThat(md.variable("flag").dtype()).isEqualTo(DType.UINT8);
            assertThat(md.variable("elevation").dtype()).isEqualTo(DType.UINT16);
            assertThat(md.variable("count").attributes()).containsEntry("_FillValue", 4294967295L);
            assertThat(md.attributes()).containsEntry("big_number", 123456789012345L)
                    .containsEntry("unsigned_number", 4000000000L);
            long[] total = (long[]) in.readAll("total");
            assertThat(total).containsExactly(5_000_000_000L * 4 + 3, -(5_000_000_000L * 5 + 4), 5_000_000_000L * 6 + 5);
            Nc3Layout layout = in.nc3Layout("count").orElseThrow();
            assertThat(layout.recordCount()).isEqualTo(3);
            assertThat(layout.bytesPerRecord()).isEqualTo(4 * 5 * 4);
            assertThat(in.nc3Layout("elevation").orElseThrow().recordStride()).isZero();
        }
    }

    /** The layout is where the bytes are: record 2's slab of tas, read raw, equals what the reader returns. */
    @Test
    void nc3LayoutPointsAtTheBytes() throws Exception {
        Path p = SampleArchives.netcdf3Monthly(tmp.resolve("m"), 2020, 1, true).get(0);
        try (NetcdfInput in = NetcdfInput.open(p.toString(), Map.of(), FileType.NETCDF3)) {
            Nc3Layout l = in.nc3Layout("tas").orElseThrow();
            long[] shape = in.metadata().variable("tas").shape();
            assertThat(l.recordCount()).isEqualTo(shape[0]);
            assertThat(l.bytesPerRecord()).isEqualTo(4 * shape[1] * shape[2]);
            byte[] raw = java.util.Arrays.copyOfRange(java.nio.file.Files.readAllBytes(p), (int) l.offset(2),
                    (int) (l.offset(2) + l.bytesPerRecord()));
            float[] want = (float[]) in.read("tas", new long[] {2, 0, 0}, new int[] {1, (int) shape[1], (int) shape[2]});
            java.nio.FloatBuffer got = java.nio.ByteBuffer.wrap(raw).asFloatBuffer();
            for (int i = 0; i < want.length; i++) {
                assertThat(Float.floatToIntBits(got.get(i))).isEqualTo(Float.floatToIntBits(want[i]));
            }
        }
    }

    @Test
    void truncatedCdf5FileIsNamed() throws Exception {
        Path p = Cdf5Archive.write(tmp.resolve("cut"), 1, 3, 4, 5).get(0);
        byte[] bytes = java.nio.file.Files.readAllBytes(p);
        java.nio.file.Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetcdfInput.open(p.toString(), Map.of(), FileType.AUTO))
                .isInstanceOf(InputException.class).hasMessageContaining(p.toString())
                .hasMessageContaining("truncated file").hasMessageContaining("NetCDF-3 header says");
        java.nio.file.Files.write(p, java.util.Arrays.copyOf(bytes, 40));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetcdfInput.open(p.toString(), Map.of(), FileType.AUTO))
                .isInstanceOf(InputException.class).hasMessageContaining(p.toString())
                .hasMessageContaining("header itself is cut off");
    }
}
