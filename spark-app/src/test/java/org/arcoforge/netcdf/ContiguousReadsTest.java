package org.arcoforge.netcdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.arcoforge.codec.BytePlanes;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.sample.Ncgen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Section;
import ucar.nc2.NetcdfFile;

/**
 * Classic and 64-bit offset NetCDF-3 values, and contiguous NetCDF-4 ones, come from the project's
 * own reader ({@link ContiguousReader}): hyperslabs of every numeric type, record, fixed and scalar
 * variables, little- and big-endian, equal to netcdf-java's own read of the same file, through read
 * and through readInto (arrays and byte planes).
 */
class ContiguousReadsTest {
    @TempDir
    Path tmp;

    private static final String CDL = """
            netcdf mixed {
            dimensions:
            	time = %s ;
            	y = 3 ;
            	x = 5 ;
            variables:
            	double time(time) ;
            	float tas(time, y, x) ;
            	short pr(time, y, x) ;
            		pr:scale_factor = 0.01f ;
            	byte flag(time, x) ;
            	int count(time) ;
            	double elev(y, x) ;
            	short mask(y, x) ;
            %s
            	int level ;
            data:
            	time = 0, 1, 2, 3 ;
            	tas = %s ;
            	pr = %s ;
            	flag = %s ;
            	count = 7, -8, 9, 10 ;
            	elev = %s ;
            	mask = %s ;
            	level = -42 ;
            }
            """;

    private static String values(int n, int scale, int offset) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append((i * 37 % 101 - 50) * scale + offset);
        }
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(value = Ncgen.Kind.class, names = {"CLASSIC", "OFFSET_64BIT", "NETCDF4"})
    void sameValuesAsNetcdfJava(Ncgen.Kind kind) throws Exception {
        boolean nc4 = kind == Ncgen.Kind.NETCDF4;
        // NetCDF-4: fixed dimensions (an unlimited one makes chunked storage), one big-endian variable
        Path p = Ncgen.run(String.format(CDL, nc4 ? "4" : "UNLIMITED", nc4 ? "\t\tmask:_Endianness = \"big\" ;" : "",
                values(60, 3, 0) + ".5", values(60, 100, 0), values(20, 1, 0),
                values(15, 7, 1000), values(15, 1, 0)), kind, tmp.resolve(kind + ".nc"));
        String[][] reads = {
            {"tas", "0,0,0", "4,3,5"}, {"tas", "1,1,2", "2,2,3"}, {"tas", "3,2,4", "1,1,1"},
            {"pr", "0,0,0", "4,3,5"}, {"pr", "2,0,1", "2,3,4"}, {"flag", "1,1", "3,4"},
            {"count", "1", "3"}, {"time", "0", "4"}, {"elev", "0,0", "3,5"}, {"elev", "1,2", "2,3"},
            {"mask", "0,1", "3,4"}, {"level", "", ""},
        };
        try (NetcdfInput in = NetcdfInput.open(p.toString(), Map.of(), nc4 ? FileType.NETCDF4 : FileType.NETCDF3);
             NetcdfFile nj = NetcdfFile.open(p.toString())) {
            assertThat(in.backendName()).isEqualTo("netcdf-java");
            for (String[] r : reads) {
                long[] start = r[1].isEmpty() ? new long[0]
                        : java.util.Arrays.stream(r[1].split(",")).mapToLong(Long::parseLong).toArray();
                int[] count = r[2].isEmpty() ? new int[0]
                        : java.util.Arrays.stream(r[2].split(",")).mapToInt(Integer::parseInt).toArray();
                int[] origin = java.util.Arrays.stream(start).mapToInt(Math::toIntExact).toArray();
                Object want = nj.findVariable(r[0]).read(new Section(origin, count)).copyTo1DJavaArray();
                String what = r[0] + " " + r[1] + " " + r[2] + " (" + kind + ")";

                assertThat(in.read(r[0], start, count)).as(what).isEqualTo(want);
                if (count.length == 0) {
                    continue; // readInto takes boxes of rank 1 and up
                }

                // into an array at an offset, and into byte planes, as a store task's chunk buffer
                DType dtype = in.metadata().variable(r[0]).dtype();
                int n = java.lang.reflect.Array.getLength(want);
                Object dst = dtype.newArray(n + 3);
                assertThat(in.readInto(r[0], start, count, dst, 3)).as(what).isTrue();
                Object tail = dtype.newArray(n);
                System.arraycopy(dst, 3, tail, 0, n);
                assertThat(tail).as(what).isEqualTo(want);
                BytePlanes planes = new BytePlanes(new byte[(n + 2) * dtype.size()], n + 2, dtype);
                assertThat(in.readInto(r[0], start, count, planes, 2)).as(what).isTrue();
                Object all = planes.toValues(dtype.newArray(n + 2));
                System.arraycopy(all, 2, tail, 0, n);
                assertThat(tail).as(what).isEqualTo(want);
            }
        }
    }

    /**
     * A file whose only record variable is a short or byte one: its records are not padded to 4
     * bytes (the NetCDF classic format's special case), so the record stride is 6 or 5 bytes here.
     */
    @ParameterizedTest
    @EnumSource(value = Ncgen.Kind.class, names = {"CLASSIC", "OFFSET_64BIT"})
    void loneShortOrByteRecordVariableIsUnpadded(Ncgen.Kind kind) throws Exception {
        String lone = """
                netcdf lone {
                dimensions:
                	time = UNLIMITED ;
                	x = %d ;
                variables:
                	int fixed(x) ;
                	%s %s(time, x) ;
                data:
                	fixed = %s ;
                	%s = %s ;
                }
                """;
        String[][] cases = {{"short", "v", "3", values(15, 3, 0)}, {"byte", "f", "5", values(25, 1, 0)}};
        for (String[] c : cases) {
            int x = Integer.parseInt(c[2]);
            Path p = Ncgen.run(String.format(lone, x, c[0], c[1], values(x, 11, 0), c[1], c[3]), kind,
                    tmp.resolve(kind + "-" + c[1] + ".nc"));
            int[][][] reads = {{{0, 0}, {5, x}}, {{1, 1}, {3, x - 1}}, {{4, x - 1}, {1, 1}}, {{2, 0}, {1, x}}};
            try (NetcdfInput in = NetcdfInput.open(p.toString(), Map.of(), FileType.NETCDF3);
                 NetcdfFile nj = NetcdfFile.open(p.toString())) {
                assertThat(nj.findDimension("time").getLength()).isEqualTo(5);
                assertThat(in.dimensions().get("time")).isEqualTo(5L);
                for (int[][] r : reads) {
                    long[] start = {r[0][0], r[0][1]};
                    Object want = nj.findVariable(c[1]).read(new Section(r[0], r[1])).copyTo1DJavaArray();
                    String what = c[0] + " " + c[1] + " " + java.util.Arrays.toString(r[0]) + " "
                            + java.util.Arrays.toString(r[1]) + " (" + kind + ")";
                    assertThat(in.read(c[1], start, r[1])).as(what).isEqualTo(want);
                    DType dtype = in.metadata().variable(c[1]).dtype();
                    int n = java.lang.reflect.Array.getLength(want);
                    Object dst = dtype.newArray(n + 1);
                    assertThat(in.readInto(c[1], start, r[1], dst, 1)).as(what).isTrue();
                    Object tail = dtype.newArray(n);
                    System.arraycopy(dst, 1, tail, 0, n);
                    assertThat(tail).as(what).isEqualTo(want);
                }
                assertThat(in.read("fixed", new long[] {0}, new int[] {x}))
                        .isEqualTo(nj.findVariable("fixed").read().copyTo1DJavaArray());
            }
        }
    }
}
