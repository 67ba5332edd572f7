package org.arcoforge.netcdf;

import org.arcoforge.source.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.sample.Ncgen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NetCDF-4 strings (NC_STRING) read by both backends as netCDF4-python reads them; dropped variables never read. */
class StringVariablesTest {
    @TempDir
    Path tmp;

    @Test
    void netcdfJavaReadsStringsWithMissingOnesAsEmpty() {
        Path f = Ncgen.run("""
                netcdf s {
                types:
                  int(*) ragged ;
                dimensions:
                  time = 2 ; station = 3 ;
                variables:
                  string name(station) ;
                  string flag(time, station) ;
                  ragged r(station) ;
                  string :keywords = "a", "Zürich" ;
                  int64 :big = 5000000000LL ;
                data:
                  name = "Zürich", "", "Ålesund" ;
                  flag = "ok", _, "é", "a", "b", "c" ;
                  r = {1, 2}, {3}, {} ;
                }
                """, Ncgen.Kind.NETCDF4, tmp.resolve("s.nc"));
        try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.AUTO)) {
            assertThat(in.backendName()).isEqualTo("netcdf-java");
            assertThatThrownBy(in::metadata).isInstanceOf(InputException.class)
                    .hasMessageContaining("variable r:").hasMessageContaining("drop_variables: [r]");
            in.dropping(List.of("r"));
            Dataset md = in.metadata();
            assertThat(md.has("r")).isFalse();
            assertThat(md.variable("name").dtype()).isEqualTo(DType.STRING);
            assertThat(md.attributes()).containsEntry("keywords", List.of("a", "Zürich")).containsEntry("big", 5000000000L);
            assertThat((String[]) in.readAll("name")).containsExactly("Zürich", "", "Ålesund");
            assertThat((String[]) in.read("flag", new long[] {0, 1}, new int[] {2, 2})).containsExactly("", "é", "b", "c");
            assertThatThrownBy(() -> in.readAll("r")).hasMessageContaining("no variable 'r'");
        }
    }

    @Test
    void jhdfReadsStringsOnSuperblock3() {
        Path f = tmp.resolve("sb3s.nc");
        PythonReference.run("make_h5_strings.py", f.toString());
        try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.AUTO)) {
            assertThat(in.backendName()).isEqualTo("jhdf");
            Dataset md = in.metadata();
            assertThat(md.variable("flag").dtype()).isEqualTo(DType.STRING);
            assertThat(md.attributes()).containsEntry("keywords", List.of("a", "Zürich"));
            assertThat((String[]) in.readAll("station_name")).containsExactly("Zürich", "", "Ålesund");
            assertThat((String[]) in.read("flag", new long[] {0, 1}, new int[] {2, 2})).containsExactly("", "é", "b", "c");
        }
    }
}
