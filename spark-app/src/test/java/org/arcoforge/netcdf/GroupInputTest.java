package org.arcoforge.netcdf;

import org.arcoforge.source.ByteSources;
import org.arcoforge.source.InputException;
import org.arcoforge.source.SourceAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.e2e.ImergArchive;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.sample.Ncgen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One NetCDF-4/HDF5 group read as the dataset, by netcdf-java (with the direct chunk path) and by jHDF. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupInputTest {
    private Path imerg;
    private Path sb3;
    private Path classic;

    @BeforeAll
    void make(@TempDir Path tmp) {
        imerg = ImergArchive.write(tmp.resolve("imerg"), 2).get(1);
        sb3 = tmp.resolve("sb3-groups.nc");
        PythonReference.run("make_h5_latest_groups.py", sb3.toString());
        classic = Ncgen.run("netcdf c { dimensions: x = 2 ; variables: int x(x) ; data: x = 1, 2 ; }",
                Ncgen.Kind.CLASSIC, tmp.resolve("classic.nc"));
    }

    private static NetcdfInput open(Path p, String group, boolean direct) {
        return NetcdfInput.open(ByteSources.open(p.toString(), Map.of(), SourceAccess.NONE), FileType.AUTO, direct,
                group);
    }

    private static float[] expectedPrecipitation(int file) {
        float[] out = new float[ImergArchive.LON * ImergArchive.LAT];
        for (int k = 0; k < out.length; k++) {
            out[k] = k == 5 + file ? -9999.9f : 0.25f * k + file;
        }
        return out;
    }

    @Test
    void groupVariablesAttributesAndInheritedDimensionThroughNetcdfJava() {
        try (NetcdfInput in = open(imerg, "/Grid", true)) {
            assertThat(in.backendName()).isEqualTo("netcdf-java");
            Dataset md = in.metadata();
            assertThat(md.variables().keySet()).containsExactlyInAnyOrder("time", "lon", "lat", "precipitation", "time_bnds",
                    "lat_bnds");
            assertThat(md.attributes()).containsOnlyKeys("GridHeader");
            assertThat(md.variable("time_bnds").dims()).containsExactly("time", "nv");
            assertThat(in.dimensions()).containsEntry("nv", 2L).containsEntry("lat", 6L).containsEntry("lon", 8L)
                    .containsEntry("time", 1L);
            assertThat(in.unlimitedDimensions()).containsExactly("time");
            // the direct HDF5 chunk path finds the dataset inside the group
            assertThat(in.chunkIndex("precipitation")).isPresent();
            assertThat((float[]) in.readAll("precipitation")).containsExactly(expectedPrecipitation(1));
            assertThat((int[]) in.readAll("time_bnds")).containsExactly(2_800, 4_600);
        }
        try (NetcdfInput in = open(imerg, "Grid/", false)) {
            assertThat((float[]) in.readAll("precipitation")).containsExactly(expectedPrecipitation(1));
        }
    }

    @Test
    void withoutAGroupTheRootIsReadAsBefore() {
        try (NetcdfInput in = open(imerg, null, true)) {
            assertThat(in.metadata().variables().keySet()).containsExactly("root_only");
            assertThat(in.metadata().attributes()).containsKeys("FileHeader", "history").doesNotContainKey("GridHeader");
            assertThat(in.dimensions()).containsOnlyKeys("nv");
        }
        try (NetcdfInput in = open(imerg, "/", true)) {
            assertThat(in.metadata().variables().keySet()).containsExactly("root_only");
        }
    }

    @Test
    void missingGroupNamesTheFileAndListsItsGroups() {
        assertThatThrownBy(() -> open(imerg, "/grid", true)).isInstanceOf(InputException.class)
                .hasMessageContaining(imerg.toString()).hasMessageContaining("no group /grid")
                .hasMessageContaining("(its groups: /Grid, /Grid/quality)");
        assertThatThrownBy(() -> open(sb3, "/Grid/nope", true)).isInstanceOf(InputException.class)
                .hasMessageContaining(sb3.toString()).hasMessageContaining("no group /Grid/nope")
                .hasMessageContaining("(its groups: /Grid, /Grid/sub)");
    }

    @Test
    void groupOfANetcdf3FileIsAnError() {
        assertThatThrownBy(() -> open(classic, "/Grid", true)).isInstanceOf(InputException.class)
                .hasMessageContaining(classic.toString()).hasMessageContaining("NETCDF3_CLASSIC file, which has no groups");
    }

    @Test
    void groupsOnSuperblock3ThroughJhdfWithInheritedAndShadowedDimensions() {
        try (NetcdfInput in = open(sb3, "/Grid", true)) {
            assertThat(in.backendName()).isEqualTo("jhdf");
            Dataset md = in.metadata();
            assertThat(md.variables().keySet()).containsExactlyInAnyOrder("time", "lon", "lat", "precipitation",
                    "lat_bnds");
            assertThat(md.attributes()).containsOnlyKeys("GridHeader");
            assertThat(md.variable("lat_bnds").dims()).containsExactly("lat", "nv");
            assertThat(in.dimensions()).containsEntry("nv", 2L).containsEntry("lat", 6L);
            float[] p = (float[]) in.readAll("precipitation");
            assertThat(p).hasSize(48);
            assertThat(p[47]).isEqualTo(47 * 0.25f);
        }
        try (NetcdfInput in = open(sb3, "Grid/sub", true)) {
            Dataset md = in.metadata();
            assertThat(md.variables().keySet()).containsExactlyInAnyOrder("lat", "w");
            assertThat(md.variable("w").dims()).containsExactly("lat", "nv", "lon");
            // lat of /Grid/sub (3) shadows lat of /Grid (6); lon comes from /Grid, nv from the root
            assertThat(in.dimensions()).containsEntry("lat", 3L).containsEntry("lon", 8L).containsEntry("nv", 2L);
            short[] w = (short[]) in.readAll("w");
            assertThat(w).hasSize(48);
            assertThat(w[47]).isEqualTo((short) 47);
        }
    }

    @Test
    void nestedGroupThroughNetcdfJavaSeesShadowedDimensions() {
        // the same hierarchy made by ncgen (superblock 2, netcdf-java)
        Path nested = imerg.resolveSibling("nested.nc");
        Ncgen.run("""
                netcdf n {
                dimensions: nv = 2 ; lat = 6 ;
                group: Grid {
                  dimensions: lon = 8 ;
                  group: sub {
                    dimensions: lat = 3 ;
                    variables: short w(lat, nv, lon) ;
                  }
                }
                }
                """, Ncgen.Kind.NETCDF4, nested);
        try (NetcdfInput in = open(nested, "/Grid/sub", true)) {
            assertThat(in.metadata().variable("w").shape()).containsExactly(3, 2, 8);
            assertThat(in.dimensions()).containsEntry("lat", 3L).containsEntry("lon", 8L).containsEntry("nv", 2L);
            assertThat(List.of(in.dimensions().keySet().toArray())).containsExactly("lat", "lon", "nv");
        }
    }
}
