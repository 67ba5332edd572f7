package org.arcoforge.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.arcoforge.netcdf.PythonReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archives have the layout the rest of the project relies on, as netCDF4-python sees them. */
class SampleArchivesTest {
    @TempDir
    Path dir;

    @Test
    void oisstDailyLayoutEncodingAndCompression() throws Exception {
        List<Path> files = SampleArchives.oisstDaily(dir, LocalDate.of(2020, 12, 31), 2, 16, 32);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("oisst-avhrr-v02r01.20201231.nc", "oisst-avhrr-v02r01.20210101.nc");
        JsonNode d = PythonReference.dump(files.get(1), List.of(
                new PythonReference.Read("time", new long[] {0}, new int[] {1}),
                new PythonReference.Read("sst", new long[] {0, 0, 0, 0}, new int[] {1, 1, 16, 32}),
                new PythonReference.Read("ice", new long[] {0, 0, 0, 0}, new int[] {1, 1, 16, 32})));
        assertThat(d.get("data_model").asText()).isEqualTo("NETCDF4");
        assertThat(d.get("dimensions").toString()).isEqualTo(
                "[[\"time\",1,true],[\"zlev\",1,false],[\"lat\",16,false],[\"lon\",32,false]]");
        assertThat(d.get("reads").get(0).get(0).asDouble()).as("days since 1978-01-01 12:00:00")
                .isEqualTo(15706.0);
        List<String> names = new ArrayList<>();
        for (JsonNode v : d.get("variables")) {
            names.add(v.get("name").asText());
            if (List.of("sst", "anom", "err", "ice").contains(v.get("name").asText())) {
                assertThat(v.get("dtype").asText()).isEqualTo("int16");
                assertThat(v.get("dims").toString()).isEqualTo("[\"time\",\"zlev\",\"lat\",\"lon\"]");
                assertThat(v.get("chunking").toString()).isEqualTo("[1,1,16,32]");
                assertThat(v.get("filters").get("zlib").asBoolean()).isTrue();
                assertThat(v.get("filters").get("shuffle").asBoolean()).isTrue();
                assertThat(v.get("filters").get("complevel").asInt()).isEqualTo(4);
                JsonNode a = v.get("attributes");
                assertThat(a.get("_FillValue").toString()).isEqualTo("{\"type\":\"int16\",\"value\":-999}");
                assertThat(a.get("scale_factor").get("type").asText()).isEqualTo("float32");
                assertThat(a.get("add_offset").get("value").asDouble()).isZero();
                assertThat(a.get("valid_min").get("type").asText()).isEqualTo("int16");
                assertThat(a.has("units") && a.has("long_name")).isTrue();
            }
        }
        assertThat(names).containsExactly("time", "zlev", "lat", "lon", "sst", "anom", "err", "ice");
        assertThat(d.get("attributes").get("history").get("value").asText()).contains("\n");
        assertThat(d.get("attributes").get("window_days").get("type").asText()).isEqualTo("int32");
        // Realistic values: ocean in range, land and failed retrievals missing.
        int fill = 0;
        for (JsonNode x : d.get("reads").get(1)) {
            if (x.asInt() == -999) {
                fill++;
            } else {
                assertThat(x.asInt()).isBetween(-300, 4500);
            }
        }
        assertThat(fill).isBetween(1, 16 * 32 / 2);
        // Deterministic: the same day again gives the same bytes (but different days differ).
        Path again = SampleArchives.oisstDaily(dir.resolve("again"), LocalDate.of(2021, 1, 1), 1, 16, 32).get(0);
        assertThat(PythonReference.dump(again, List.of(new PythonReference.Read("sst", new long[] {0, 0, 0, 0},
                new int[] {1, 1, 16, 32}))).get("reads").get(0)).isEqualTo(d.get("reads").get(1));
        assertThat(Files.mismatch(files.get(0), files.get(1))).isNotEqualTo(-1);
    }

    @Test
    void netcdf3MonthlyHasMonthLengthsAndYearlyUnits() {
        List<Path> files = SampleArchives.netcdf3Monthly(dir, 2019, 14);
        assertThat(files).hasSize(14);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("tas_201901.nc");
        assertThat(files.get(13).getFileName().toString()).isEqualTo("tas_202002.nc");
        JsonNode feb2019 = PythonReference.dump(files.get(1), List.of(
                new PythonReference.Read("time", new long[] {0}, new int[] {1})));
        JsonNode feb2020 = PythonReference.dump(files.get(13), List.of(
                new PythonReference.Read("time", new long[] {0}, new int[] {1})));
        assertThat(feb2019.get("data_model").asText()).isEqualTo("NETCDF3_CLASSIC");
        assertThat(feb2019.get("dimensions").get(0).toString()).isEqualTo("[\"time\",28,true]");
        assertThat(feb2020.get("dimensions").get(0).toString()).isEqualTo("[\"time\",29,true]");
        assertThat(units(feb2019)).isEqualTo("days since 2019-01-01");
        assertThat(units(feb2020)).isEqualTo("days since 2020-01-01");
        assertThat(feb2020.get("reads").get(0).get(0).asDouble()).isEqualTo(31.5);
        JsonNode vars = feb2019.get("variables");
        assertThat(vars.toString()).contains("\"name\":\"qc_flag\"", "\"dtype\":\"int8\"", "flag_meanings",
                "\"name\":\"land_mask\",\"dims\":[\"lat\",\"lon\"]", "\"_Unsigned\"");
        assertThat(vars.get(3).get("attributes").get("_FillValue").get("value").asText()).isEqualTo("NaN");
    }

    @Test
    void mergeCaseHasOneVariablePerFile() {
        List<Path> files = SampleArchives.mergeCase(dir, LocalDate.of(2021, 3, 1), 2, 8, 12);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "sst_20210301.nc", "ice_20210301.nc", "sst_20210302.nc", "ice_20210302.nc");
        JsonNode ice = PythonReference.dump(files.get(1), List.of());
        List<String> names = new ArrayList<>();
        ice.get("variables").forEach(v -> names.add(v.get("name").asText()));
        assertThat(names).containsExactly("time", "zlev", "lat", "lon", "ice");
    }

    @Test
    void missingNcgenIsAClearError() {
        String old = System.getProperty("arcoforge.ncgen");
        System.setProperty("arcoforge.ncgen", "/nonexistent/ncgen");
        try {
            assertThatThrownBy(() -> SampleArchives.netcdf3Monthly(dir, 2020, 1))
                    .hasMessageContaining("/nonexistent/ncgen -k classic").hasMessageContaining("netcdf-bin");
        } finally {
            if (old == null) {
                System.clearProperty("arcoforge.ncgen");
            } else {
                System.setProperty("arcoforge.ncgen", old);
            }
        }
    }

    private static String units(JsonNode d) {
        return d.get("variables").get(0).get("attributes").get("units").get("value").asText();
    }
}
