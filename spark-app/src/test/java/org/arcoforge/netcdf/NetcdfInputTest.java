package org.arcoforge.netcdf;

import org.arcoforge.source.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.arcoforge.netcdf.PythonReference.Read;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.sample.Ncgen;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** NetcdfInput against netCDF4-python on every kind of sample file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetcdfInputTest {
    private Path dir;
    private List<Path> oisst;
    private List<Path> monthly;
    private List<Path> merge;

    @BeforeAll
    void makeArchives(@TempDir Path tmp) {
        dir = tmp;
        oisst = SampleArchives.oisstDaily(dir.resolve("oisst"), LocalDate.of(2021, 2, 27), 2, 12, 20);
        monthly = SampleArchives.netcdf3Monthly(dir.resolve("monthly"), 2019, 2);
        merge = SampleArchives.mergeCase(dir.resolve("merge"), LocalDate.of(2021, 1, 1), 1, 6, 10);
    }

    static NetcdfInput open(Path p) {
        return NetcdfInput.open(p.toString(), Map.of(), FileType.AUTO);
    }

    @Test
    void oisstMatchesNetcdf4Python() throws Exception {
        try (NetcdfInput in = open(oisst.get(1))) {
            assertThat(in.format()).isEqualTo(FileFormat.NETCDF4);
            assertThat(in.backendName()).isEqualTo("netcdf-java");
            PythonReference.assertSameAsPython(oisst.get(1), in, List.of(
                    new Read("sst", new long[] {0, 0, 0, 0}, new int[] {1, 1, 12, 20}),
                    new Read("ice", new long[] {0, 0, 3, 5}, new int[] {1, 1, 7, 11}),
                    new Read("time", new long[] {0}, new int[] {1}),
                    new Read("lat", new long[] {2}, new int[] {9})), true);
            // The fixture must be raw: short values with the fill value, not decoded floats.
            short[] sst = (short[]) in.readAll("sst");
            assertThat(sst).contains((short) -999);
            assertThat(in.metadata().attributes()).containsEntry("window_days", 3)
                    .containsEntry("geospatial_lat_max", 90f);
        }
    }

    @Test
    void netcdf3MonthlyMatchesNetcdf4Python() throws Exception {
        try (NetcdfInput in = open(monthly.get(1))) {
            assertThat(in.format()).isEqualTo(FileFormat.NETCDF3_CLASSIC);
            JsonNode ref = PythonReference.assertSameAsPython(monthly.get(1), in, List.of(
                    new Read("tas", new long[] {3, 1, 2}, new int[] {20, 9, 30}),
                    new Read("qc_flag", new long[] {27, 0, 0}, new int[] {1, 18, 36}),
                    new Read("land_mask", new long[] {0, 0}, new int[] {18, 36}),
                    new Read("time", new long[] {0}, new int[] {28})), true);
            assertThat(ref.get("data_model").asText()).isEqualTo("NETCDF3_CLASSIC");
            Dataset md = in.metadata();
            // A genuine _Unsigned on a NetCDF-3 byte is kept (xarray decodes it); the type stays int8.
            assertThat(md.variable("land_mask").dtype()).isEqualTo(DType.INT8);
            assertThat(md.variable("land_mask").attributes()).containsEntry("_Unsigned", "true");
            assertThat(md.variable("qc_flag").attributes().get("flag_values"))
                    .isEqualTo(List.of((byte) 0, (byte) 1, (byte) 2));
            assertThat(in.dimensions()).containsEntry("time", 28L);
            float[] tas = (float[]) in.readAll("tas");
            assertThat(tas).contains(Float.NaN);
        }
    }

    @Test
    void netcdf3With64BitOffsetsMatchesNetcdf4Python() throws Exception {
        Path p = SampleArchives.netcdf3Monthly(dir.resolve("monthly64"), 2020, 1, true).get(0);
        try (NetcdfInput in = open(p)) {
            assertThat(in.format()).isEqualTo(FileFormat.NETCDF3_64BIT_OFFSET);
            JsonNode ref = PythonReference.assertSameAsPython(p, in, List.of(
                    new Read("tas", new long[] {30, 17, 35}, new int[] {1, 1, 1})), true);
            assertThat(ref.get("data_model").asText()).isEqualTo("NETCDF3_64BIT_OFFSET");
        }
    }

    @Test
    void mergeCaseFilesMatchNetcdf4Python() throws Exception {
        for (Path p : merge) {
            try (NetcdfInput in = open(p)) {
                String var = p.getFileName().toString().substring(0, 3);
                PythonReference.assertSameAsPython(p, in, List.of(
                        new Read(var, new long[] {0, 0, 1, 2}, new int[] {1, 1, 5, 8})), true);
            }
        }
    }

    /** NetCDF-4 unsigned types, 64-bit ints, char, scalar and small chunks (reads across chunks). */
    @Test
    void netcdf4TypesAndUnalignedReadsAcrossChunks() throws Exception {
        String cdl = """
                netcdf types {
                dimensions:
                	y = 7 ;
                	x = 9 ;
                	nchar = 4 ;
                variables:
                	ubyte ub(y, x) ;
                		ub:_FillValue = 255UB ;
                		ub:valid_range = 0UB, 250UB ;
                		ub:_ChunkSizes = 3, 4 ;
                	ushort us(y, x) ;
                		us:_FillValue = 65535US ;
                		us:_ChunkSizes = 2, 5 ;
                		us:_DeflateLevel = 1 ;
                	uint ui(y, x) ;
                		ui:missing_value = 4294967295U ;
                	uint64 ul(y) ;
                		ul:_FillValue = 18446744073709551615ULL ;
                	int64 l(x) ;
                		l:big = 9000000000L ;
                	double d(y, x) ;
                		d:_ChunkSizes = 4, 4 ;
                	char label(y, nchar) ;
                	int scalar ;
                		scalar:note = "scalar" ;
                	byte b(x) ;
                		b:_Unsigned = "false" ;
                		b:signed_list = -1b, 2b ;

                // global attributes:
                		:ub_global = 200UB ;
                		:multi = 1s, -2s, 3s ;
                data:
                """ + "\n ub = " + seq(63, i -> String.valueOf(i * 4 % 256)) + " ;\n us = " + seq(63, i -> String.valueOf(65535 - i * 7))
                + " ;\n ui = " + seq(63, i -> String.valueOf(4294967295L - i)) + " ;\n ul = " + seq(7, i -> "1844674407370955160" + i)
                + " ;\n l = " + seq(9, i -> String.valueOf(-9000000000L + i)) + " ;\n d = " + seq(63, i -> i + ".25")
                + " ;\n label = \"ab\", \"cdef\", \"g\", \"\", \"hij\", \"k\", \"lmno\" ;\n scalar = 42 ;\n b = " + seq(9, i -> String.valueOf(i - 4))
                + " ;\n}\n";
        Path p = Ncgen.run(cdl, Ncgen.Kind.NETCDF4, dir.resolve("types.nc"));
        try (NetcdfInput in = open(p)) {
            PythonReference.assertSameAsPython(p, in, List.of(
                    new Read("ub", new long[] {1, 2}, new int[] {5, 6}),
                    new Read("us", new long[] {1, 3}, new int[] {6, 5}),
                    new Read("ui", new long[] {0, 0}, new int[] {7, 9}),
                    new Read("ul", new long[] {2}, new int[] {5}),
                    new Read("l", new long[] {0}, new int[] {9}),
                    new Read("d", new long[] {3, 3}, new int[] {3, 5}),
                    new Read("label", new long[] {0, 0}, new int[] {7, 4}),
                    new Read("scalar", new long[0], new int[0]),
                    new Read("b", new long[] {0}, new int[] {9})), true);
            Dataset md = in.metadata();
            assertThat(md.variable("ub").dtype()).isEqualTo(DType.UINT8);
            assertThat(md.variable("ub").attributes()).containsEntry("_FillValue", (short) 255)
                    .doesNotContainKey("_Unsigned").doesNotContainKey("_ChunkSizes");
            assertThat(md.variable("ui").attributes()).containsEntry("missing_value", 4294967295L);
            assertThat(md.attributes()).containsEntry("ub_global", (short) 200)
                    .containsEntry("multi", List.of((short) 1, (short) -2, (short) 3));
            assertThat(md.variable("scalar").shape()).isEmpty();
            assertThat((int[]) in.read("scalar", new long[0], new int[0])).containsExactly(42);
            assertThat(in.read("ub", new long[] {0, 0}, new int[] {0, 9})).isEqualTo(new byte[0]);
        }
    }

    @Test
    void netcdf4CompoundVariableIsRejectedByNameWithTheHintToDropIt() throws Exception {
        String cdl = "netcdf s {\ntypes:\n\tcompound pair { int a ; double b ; } ;\ndimensions:\n\tn = 2 ;\nvariables:\n"
                + "\tpair p(n) ;\n\tstring names(n) ;\n\tint v(n) ;\ndata:\n"
                + " p = {1, 2.0}, {3, 4.0} ;\n names = \"a\", \"bc\" ;\n v = 1, 2 ;\n}\n";
        Path p = Ncgen.run(cdl, Ncgen.Kind.NETCDF4, dir.resolve("compound.nc"));
        try (NetcdfInput in = open(p)) {
            assertThat((int[]) in.readAll("v")).containsExactly(1, 2);
            assertThat((String[]) in.readAll("names")).containsExactly("a", "bc");
            assertThatThrownBy(in::metadata).isInstanceOf(InputException.class)
                    .hasMessageContaining("compound.nc").hasMessageContaining("variable p:")
                    .hasMessageContaining("not supported").hasMessageContaining("drop_variables: [p]");
            assertThatThrownBy(() -> in.readAll("p")).hasMessageContaining("variable p:");
        }
    }

    @Test
    void unknownVariableAndReadsOutsideTheShapeNameTheFile() throws Exception {
        try (NetcdfInput in = open(monthly.get(0))) {
            assertThatThrownBy(() -> in.readAll("pr")).isInstanceOf(InputException.class)
                    .hasMessageContaining("tas_201901.nc").hasMessageContaining("'pr'").hasMessageContaining("tas");
            assertThatThrownBy(() -> in.read("tas", new long[] {30, 0, 0}, new int[] {2, 1, 1}))
                    .isInstanceOf(InputException.class).hasMessageContaining("tas_201901.nc")
                    .hasMessageContaining("outside").hasMessageContaining("[31, 18, 36]");
            assertThatThrownBy(() -> in.read("tas", new long[] {0, 0}, new int[] {1, 1}))
                    .isInstanceOf(InputException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> in.read("tas", new long[] {-1, 0, 0}, new int[] {1, 1, 1}))
                    .isInstanceOf(InputException.class).hasMessageContaining("outside");
        }
    }

    @Test
    void notNetcdfSaysWhatTheFirstBytesWere() throws Exception {
        Path p = dir.resolve("notes.nc");
        Files.writeString(p, "hello, this is text");
        assertThatThrownBy(() -> open(p)).isInstanceOf(InputException.class)
                .hasMessageContaining("notes.nc").hasMessageContaining("not a NetCDF file")
                .hasMessageContaining("hello, t");
        Path empty = Files.createFile(dir.resolve("empty.nc"));
        assertThatThrownBy(() -> open(empty)).isInstanceOf(InputException.class)
                .hasMessageContaining("empty.nc").hasMessageContaining("empty");
    }

    @Test
    void truncatedNetcdf3IsReported() throws Exception {
        Path p = truncate(monthly.get(0), 0.8, "cut3.nc");
        assertThatThrownBy(() -> open(p)).isInstanceOf(InputException.class)
                .hasMessageContaining("cut3.nc").hasMessageContaining("truncated");
        // Only the last few bytes missing: still caught.
        Path q = truncate(monthly.get(0), 0.9999, "cut3b.nc");
        assertThatThrownBy(() -> open(q)).hasMessageContaining("cut3b.nc").hasMessageContaining("truncated");
        Path header = truncate(monthly.get(0), 0.01, "cut3c.nc");
        assertThatThrownBy(() -> open(header)).hasMessageContaining("cut3c.nc").hasMessageContaining("truncated");
    }

    @Test
    void truncatedNetcdf4IsReported() throws Exception {
        Path p = truncate(oisst.get(0), 0.7, "cut4.nc");
        assertThatThrownBy(() -> {
            try (NetcdfInput in = open(p)) {
                in.readAll("ice");
            }
        }).isInstanceOf(InputException.class).hasMessageContaining("cut4.nc").hasMessageContaining("truncated");
    }

    @Test
    void explicitTypeMustMatchTheMagic() {
        assertThatThrownBy(() -> NetcdfInput.open(monthly.get(0).toString(), Map.of(), FileType.NETCDF4))
                .isInstanceOf(InputException.class).hasMessageContaining("tas_201901.nc")
                .hasMessageContaining("NETCDF4").hasMessageContaining("NETCDF3_CLASSIC");
        assertThatThrownBy(() -> NetcdfInput.open(oisst.get(0).toString(), Map.of(), FileType.NETCDF3))
                .isInstanceOf(InputException.class).hasMessageContaining("oisst-avhrr-v02r01.20210227.nc")
                .hasMessageContaining("NETCDF3");
        // and the matching explicit types open
        NetcdfInput.open(monthly.get(0).toString(), Map.of(), FileType.NETCDF3).metadata();
        NetcdfInput.open(oisst.get(0).toString(), Map.of(), FileType.NETCDF4).metadata();
    }

    @Test
    void missingFileIsNamed() {
        Path p = dir.resolve("nope/absent.nc");
        assertThatThrownBy(() -> open(p)).isInstanceOf(InputException.class)
                .hasMessageContaining("absent.nc").hasMessageContaining("not found");
    }

    private Path truncate(Path src, double fraction, String name) throws Exception {
        byte[] all = Files.readAllBytes(src);
        Path out = dir.resolve(name);
        Files.write(out, java.util.Arrays.copyOf(all, (int) (all.length * fraction)));
        return out;
    }

    private static String seq(int n, java.util.function.IntFunction<String> f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(f.apply(i));
        }
        return sb.toString();
    }
}
