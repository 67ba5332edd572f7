package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.Ncgen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station archive as NetCDF-4 users have them (issue 11): variable-length string names and flags,
 * char ids, string-list and int64 attributes, int64 time on a 360_day calendar, big-endian float32,
 * uint16 with fletcher32 and zlib, uint8 flags, a contiguous int32 packed with float64 scale/offset and
 * fill values, varying steps per file, and a compound variable the project cannot read. time is a fixed
 * dimension because HDF5 cannot store a contiguous variable along an unlimited one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationArchiveTest {
    @TempDir
    static Path tmp;

    List<Path> files = new ArrayList<>();

    @BeforeAll
    void archive() {
        String[] flags = {"\"ok\", \"bad\", \"\", \"x\", _, \"é\"", "\"\", \"Ünïcødé ✓\", \"ok\"",
                "\"a\", \"b\", \"c\", \"d\", \"e\", \"f\""};
        int[] steps = {2, 1, 2};
        int t0 = 0;
        for (int i = 0; i < 3; i++) {
            StringBuilder times = new StringBuilder();
            StringBuilder temps = new StringBuilder();
            StringBuilder[] cols = {new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder()};
            for (int s = 0; s < steps[i]; s++) {
                times.append(s == 0 ? "" : ", ").append(t0 + s);
                temps.append(s == 0 ? "" : ", ").append(10.5 + s + i).append(", ").append(-s).append(", 3.25");
                int k = t0 + s;
                String sep = s == 0 ? "" : ", ";
                cols[0].append(sep).append(1000.5f + k).append(", ").append(-0.125f * k).append(", 1e-3");
                cols[1].append(sep).append(k).append(", ").append(65535 - k).append(", ").append(k * 7);
                cols[2].append(sep).append(k % 3).append(", 2, 255");
                // -999 is packed's _FillValue: xarray masks it before unpacking.
                cols[3].append(sep).append(k == 1 ? "-999" : String.valueOf(1500 + k)).append(", -999, ").append(-k);
            }
            t0 += steps[i];
            String cdl = """
                    netcdf station {
                    types:
                      compound pair { int a ; double b ; } ;
                    dimensions:
                      time = %d ; station = 3 ; id_len = 4 ; site = 2 ;
                    variables:
                      int64 time(time) ; time:units = "days since 2000-01-01" ; time:calendar = "360_day" ;
                      string station_name(station) ; station_name:long_name = "station name" ;
                        string station_name:aliases = "name", "Name" ;
                      string obs_flag(time, station) ;
                      char station_id(station, id_len) ;
                      string status(time, station) ; status:_FillValue = "N/A" ;
                      string site(site) ; site:long_name = "site code (a string coordinate)" ;
                      float elevation(time, site) ;
                      float temperature(time, station) ; temperature:units = "degC" ;
                        int64 temperature:big = 5000000000LL ; temperature:_FillValue = -999.f ;
                      pair calibration(station) ;
                      float pressure(time, station) ; pressure:units = "hPa" ; pressure:_Endianness = "big" ;
                      ushort counts(time, station) ; counts:_Fletcher32 = "true" ; counts:_DeflateLevel = 4 ;
                        counts:_Storage = "chunked" ; counts:_ChunkSizes = 1, 3 ;
                      ubyte flags(time, station) ; flags:flag_values = 0UB, 1UB, 2UB ;
                        flags:flag_meanings = "good suspect bad" ;
                      int packed(time, station) ; packed:_Storage = "contiguous" ; packed:scale_factor = 0.01 ;
                        packed:add_offset = 273.15 ; packed:_FillValue = -999 ;
                      string :keywords = "stations", "temperature", "Zürich" ;
                      int64 :station_count = 3LL ;
                      int64 :ids = 1LL, 9000000000LL ;
                      :title = "station archive" ;
                    data:
                      time = %s ;
                      station_name = "Zürich", "", "Ålesund" ;
                      obs_flag = %s ;
                      station_id = "AB01", "CD02", "E" ;
                      status = %s ;
                      site = "Säntis", "Jungfraujoch" ;
                      elevation = %s ;
                      temperature = %s ;
                      calibration = {1, 2.0}, {3, 4.0}, {5, 6.0} ;
                      pressure = %s ;
                      counts = %s ;
                      flags = %s ;
                      packed = %s ;
                    }
                    """.formatted(steps[i], times, flags[i], status(steps[i]), elevations(steps[i]), temps,
                    cols[0], cols[1], cols[2], cols[3]);
            files.add(Ncgen.run(cdl, Ncgen.Kind.NETCDF4, tmp.resolve("in/station_" + i + ".nc")));
        }
    }

    /** Strings with missing ones (_): xarray reads those as NaN through the string _FillValue. */
    private static String status(int steps) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 3 * steps; k++) {
            b.append(k == 0 ? "" : ", ").append(k % 3 == 1 ? "_" : "\"s" + k + "\"");
        }
        return b.toString();
    }

    private static String elevations(int steps) {
        return String.join(", ", java.util.Collections.nCopies(steps, "2502, 3571"));
    }

    private Path recipe(String name, String extra) throws Exception {
        return RunRecipe.writeRecipe(tmp, name + ".yaml", """
                name: %s
                file_pattern:
                  template: "%s/station_{time}.nc"
                  concat_dim:
                    name: time
                    keys: [0, 1, 2]
                target_chunks: {time: 2}
                """.formatted(name, tmp.resolve("in")) + extra);
    }

    @Test
    void aVariableOfATypeTheProjectCannotReadIsRefusedWithTheHintToDropIt() throws Exception {
        RunRecipe r = RunRecipe.run(recipe("undropped", ""), tmp.resolve("undropped.zarr"));
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(r.error()).hasLineCount(1).containsPattern("station_[0-2]\\.nc").contains("calibration")
                .contains("drop_variables: [calibration]");
        assertThat(tmp.resolve("undropped.zarr/.zmetadata")).doesNotExist();
    }

    @Test
    void droppedVariablesAreNeverReadSoTheRunGoesThrough() throws Exception {
        Path store = tmp.resolve("dropped.zarr");
        RunRecipe r = RunRecipe.run(recipe("dropped", "drop_variables: [calibration, station_name, obs_flag]\n"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(store.resolve("calibration")).doesNotExist();
        assertThat(store.resolve("station_name")).doesNotExist();
        assertThat(store.resolve("temperature/.zarray")).exists();
    }

    @Test
    void stringsCharIdsAndTypedAttributesConvertAsXarrayReadsThem() throws Exception {
        Path store = tmp.resolve("station.zarr");
        RunRecipe r = RunRecipe.run(recipe("station", "drop_variables: [calibration]\n"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("obs_flag", List.of(2, 3), "station_name", List.of(3), "station_id", List.of(3, 4),
                        "temperature", List.of(2, 3)), List.of(), List.of("calibration"), tmp);
        String check = PythonSnippet.run("""
                import json, numpy as np, xarray as xr, zarr
                ds = xr.open_zarr(STORE)
                assert ds.station_name.values.tolist() == ["Zürich", "", "Ålesund"], ds.station_name.values
                assert ds.obs_flag.values[:3].tolist() == [["ok", "bad", ""], ["x", "", "é"], ["", "Ünïcødé ✓", "ok"]]
                assert ds.attrs["keywords"] == ["stations", "temperature", "Zürich"], ds.attrs["keywords"]
                assert isinstance(ds.attrs["station_count"], (int, np.integer)) and ds.attrs["station_count"] == 3
                assert ds.attrs["ids"] == [1, 9000000000], ds.attrs["ids"]
                assert ds.temperature.attrs["big"] == 5000000000
                assert ds.station_name.attrs["aliases"] == ["name", "Name"]
                assert ds.station_id.values.tolist() == [b"AB01", b"CD02", b"E"]
                assert "site" in ds.coords and ds.site.values.tolist() == ["Säntis", "Jungfraujoch"], ds.site
                assert ds.status.encoding["_FillValue"] == "N/A" and ds.status.isnull().values[0].tolist() == [False, True, False]
                z = json.load(open(STORE + "/obs_flag/.zarray"))
                assert z["dtype"] == "|O" and z["filters"] == [{"id": "vlen-utf8"}] and z["fill_value"] is None, z
                assert json.load(open(STORE + "/station_id/.zarray"))["dtype"] == "|S1"
                import netCDF4
                with netCDF4.Dataset(FILES[0]) as nc:  # the archive really has the storage the issue names
                    v = nc.variables
                    assert v["time"].dtype == np.int64 and v["pressure"].endian() == "big", v["pressure"]
                    f = v["counts"].filters()
                    assert f["fletcher32"] and f["zlib"] and v["counts"].dtype == np.uint16, f
                    assert v["packed"].chunking() == "contiguous" and v["flags"].dtype == np.uint8
                assert ds.time.encoding["dtype"] == np.int64 and ds.time.encoding["calendar"] == "360_day"
                assert ds.time.values[4].day == 5 and len(ds.time) == 5
                assert ds.pressure.dtype == np.float32 and ds.pressure.values[3, 0] == np.float32(1003.5)
                assert ds.counts.dtype == np.uint16 and ds.counts.values[4].tolist() == [4, 65531, 28]
                assert ds.flags.dtype == np.uint8 and ds.flags.attrs["flag_meanings"] == "good suspect bad"
                assert list(ds.flags.attrs["flag_values"]) == [0, 1, 2], ds.flags.attrs
                p = ds.packed
                assert p.encoding["dtype"] == np.int32 and p.encoding["scale_factor"] == 0.01, p.encoding
                assert p.encoding["add_offset"] == 273.15 and p.encoding["_FillValue"] == -999, p.encoding
                assert p.dtype == np.float64 and p.isnull().values.tolist()[1] == [True, True, False], p.values
                assert abs(float(p.values[0, 0]) - 288.15) < 1e-9, p.values
                print("ok")
                """, store, files);
        assertThat(check).contains("ok");
    }

    @Test
    void stringVariablesGoThroughTheShuffleToo() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "shuffled.yaml", """
                name: shuffled
                file_pattern:
                  template: "%s/station_{time}.nc"
                  concat_dim:
                    name: time
                    keys: [0, 1, 2]
                target_chunks: {time: 5, station: 1}
                drop_variables: [calibration]
                max_task_memory: 200B
                """.formatted(tmp.resolve("in")));
        RunRecipe plan = RunRecipe.cli("plan", recipe.toString(), "--force");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).containsPattern("obs_flag +shuffle");
        Path store = tmp.resolve("shuffled.zarr");
        RunRecipe r = RunRecipe.run(recipe, store, "--force");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("'obs_flag' goes through the shuffle");
        XarrayCheck.assertIdentical(store, RunRecipe.rows(files), "time",
                Map.of("obs_flag", List.of(5, 1), "station_name", List.of(1)), List.of(), List.of("calibration"), tmp);
    }

    @Test
    void concatAlongAStringCoordinate() throws Exception {
        String[][] names = {{"Zürich", "Bern"}, {"Ålesund"}};
        List<Path> byStation = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String cdl = """
                    netcdf s {
                    dimensions:
                      station = UNLIMITED ;
                    variables:
                      string station(station) ;
                      float h(station) ;
                    data:
                      station = %s ;
                      h = %s ;
                    }
                    """.formatted("\"" + String.join("\", \"", names[i]) + "\"", i == 0 ? "1, 2" : "3");
            byStation.add(Ncgen.run(cdl, Ncgen.Kind.NETCDF4, tmp.resolve("bystation/s_" + i + ".nc")));
        }
        Path recipe = RunRecipe.writeRecipe(tmp, "bystation.yaml", """
                name: bystation
                file_pattern:
                  template: "%s/s_{station}.nc"
                  concat_dim:
                    name: station
                    keys: [0, 1]
                """.formatted(tmp.resolve("bystation")));
        Path store = tmp.resolve("bystation.zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(byStation), "station", Map.of(), List.of(), tmp);
    }

    @Test
    void aNumericEncodingOfAStringVariableIsRefused() throws Exception {
        Path store = tmp.resolve("encoded.zarr");
        RunRecipe r = RunRecipe.run(recipe("encoded", "drop_variables: [calibration]\n"
                + "encoding: {station_name: {dtype: float32}}\n"), store);
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(r.error()).hasLineCount(1).contains("station_name").contains("string variable")
                .contains("remove it from encoding");
        assertThat(store.resolve(".zmetadata")).doesNotExist();
    }

    @Test
    void aDroppedNameIsFreeForARenameAsWithXarray() throws Exception {
        Path store = tmp.resolve("renamed.zarr");
        RunRecipe r = RunRecipe.run(recipe("renamed", """
                drop_variables: [calibration, station_name]
                preprocess:
                  - rename_variables: {obs_flag: station_name}
                """), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(store.resolve("obs_flag")).doesNotExist();
        assertThat(Files.readString(store.resolve("station_name/.zattrs"))).contains("\"time\"");
    }
}
