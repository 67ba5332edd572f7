package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.arcoforge.sample.Ncgen;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs whose packing or grid differ from the first (issue 9, items 1 and 2): tampered copies of
 * the OISST-like sample, made with ncdump and ncgen. The store must equal what xarray's
 * open_mfdataset gives over the sources, or the run must stop naming the file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackingEndToEndTest {
    private static final int DAYS = 4;

    @TempDir
    static Path tmp;

    List<Path> good;

    @BeforeAll
    void archive() throws Exception {
        good = SampleArchives.oisstDaily(tmp.resolve("good"), LocalDate.of(1981, 9, 1), DAYS, 10, 20);
    }

    /** A copy of the archive in its own directory, with day {@code i}'s file rewritten through {@code edit} (on its CDL). */
    private Path copy(String name, Map<Integer, UnaryOperator<String>> edits) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        for (int i = 0; i < good.size(); i++) {
            Path to = dir.resolve(good.get(i).getFileName());
            if (edits.containsKey(i)) {
                String cdl = ncdump(good.get(i));
                String edited = edits.get(i).apply(cdl);
                assertThat(edited).as("the edit changed the CDL").isNotEqualTo(cdl);
                Ncgen.run(edited, Ncgen.Kind.NETCDF4, to);
            } else {
                Files.copy(good.get(i), to);
            }
        }
        return dir;
    }

    private static String ncdump(Path f) throws Exception {
        Processes.Result r = Processes.run(new ProcessBuilder("ncdump", f.toString()), Duration.ofMinutes(1));
        assertThat(r.exitCode()).as(r.errors()).isZero();
        return r.output();
    }

    private static UnaryOperator<String> attr(String from, String to) {
        return cdl -> {
            assertThat(cdl).contains(from);
            return cdl.replace(from, to);
        };
    }

    /** Applies {@code f} to each number of variable {@code var}'s data ("_" is the fill and stays). */
    private static UnaryOperator<String> data(String var, java.util.function.DoubleUnaryOperator f, boolean integers) {
        return cdl -> {
            Matcher m = Pattern.compile("\n " + var + " =\n?(.*?) ;", Pattern.DOTALL).matcher(cdl);
            assertThat(m.find()).as("data of %s in the CDL", var).isTrue();
            StringBuilder values = new StringBuilder();
            Matcher n = Pattern.compile("-?[0-9][0-9.eE+-]*").matcher(m.group(1));
            while (n.find()) {
                double v = f.applyAsDouble(Double.parseDouble(n.group()));
                n.appendReplacement(values, integers ? Long.toString((long) v) : Double.toString(v));
            }
            n.appendTail(values);
            return cdl.substring(0, m.start(1)) + values + cdl.substring(m.end(1));
        };
    }

    private static Path recipe(Path dir, String name, String extra) throws Exception {
        return recipe(dir, name, "{time: 2}", extra);
    }

    private static Path recipe(Path dir, String name, String chunks, String extra) throws Exception {
        return RunRecipe.writeRecipe(tmp, name + ".yaml", """
                name: %s
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-04, step: P1D}}
                target_chunks: %s
                """.formatted(name, dir, chunks) + extra);
    }

    private List<List<Path>> files(Path dir) {
        return good.stream().map(f -> List.of(dir.resolve(f.getFileName()))).toList();
    }

    private Path day(Path dir, int i) {
        return dir.resolve(good.get(i).getFileName());
    }

    /** A stopped run: non-zero exit, one error line without a stack trace, no .zmetadata. */
    private static RunRecipe failed(Path recipe, Path store) {
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.err()).isNotZero();
        assertThat(store.resolve(".zmetadata")).doesNotExist();
        assertThat(r.err()).doesNotContain("\tat org.").doesNotContain("Exception in thread");
        assertThat(r.error()).hasLineCount(1);
        return r;
    }

    @Test
    void inputsPackedOtherwiseAreReEncodedAsXarrayDecodesThem() throws Exception {
        Path dir = copy("repacked", Map.of(
                // Day 2: steps of 0.02 and raw values halved (odd ones rounded towards zero).
                1, attr("sst:scale_factor = 0.01f ;", "sst:scale_factor = 0.02f ;")
                        .andThen(data("sst", v -> v / 2, true))::apply,
                // Day 3: add_offset 1, every value 1 degree warmer. Whole degrees only: xarray 2023.01
                // decodes int16 in float32 and adds the offset after rounding the product, which the
                // store (packed like day 1) can reproduce exactly only where that sum is exact.
                2, attr("sst:add_offset = 0.f ;", "sst:add_offset = 1.f ;")
                        .andThen(data("sst", v -> Math.round(v / 100) * 100.0, true))::apply,
                // Day 4: another _FillValue (its missing points are "_" in the CDL).
                3, attr("sst:_FillValue = -999s ;", "sst:_FillValue = -32767s ;")));
        assertThat(ncdump(day(dir, 3))).contains("-32767");
        Path store = tmp.resolve("repacked.zarr");
        RunRecipe r = RunRecipe.run(recipe(dir, "repacked", ""), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String printed = r.out() + r.err();
        assertThat(printed).contains("warning: variable 'sst': 3 input(s) are packed differently")
                .contains(day(dir, 1) + " (scale_factor 0.02 instead of 0.01)")
                .contains(day(dir, 2) + " (add_offset 1 instead of 0)")
                .contains(day(dir, 3) + " (_FillValue -32767 instead of -999)")
                .doesNotContain(day(dir, 0) + " (");
        XarrayCheck.assertIdentical(store, files(dir), "time", Map.of("sst", List.of(2, 1, 10, 20)), List.of("sst"), tmp);
        // The untampered variables are still copied byte for byte.
        Path plain = tmp.resolve("plain.zarr");
        assertThat(RunRecipe.run(recipe(tmp.resolve("good"), "plain", ""), plain).exitCode()).isZero();
        Map<String, String> a = RunRecipe.digests(store);
        Map<String, String> b = RunRecipe.digests(plain);
        for (String key : b.keySet()) {
            if (key.startsWith("ice/") || key.startsWith("anom/") || key.startsWith("err/") || key.startsWith("lat/")) {
                assertThat(a.get(key)).as(key).isEqualTo(b.get(key));
            }
        }
        assertThat(a.get("sst/1.0.0.0")).as("day 3 is a degree warmer").isNotEqualTo(b.get("sst/1.0.0.0"));
    }

    @Test
    void theShuffleReEncodesLikeTheDirectPath() throws Exception {
        Path dir = copy("shuffled", Map.of(
                1, attr("sst:scale_factor = 0.01f ;", "sst:scale_factor = 0.02f ;")
                        .andThen(data("sst", v -> v / 2, true))::apply,
                3, attr("sst:_FillValue = -999s ;", "sst:_FillValue = -32767s ;")));
        String chunks = "{time: 2, lat: 5}";
        Path direct = tmp.resolve("direct.zarr");
        RunRecipe d = RunRecipe.run(recipe(dir, "direct", chunks, ""), direct);
        assertThat(d.exitCode()).as(d.err()).isZero();
        assertThat(d.out() + d.err()).doesNotContain("goes through the shuffle");
        // 2 chunks of 400 bytes per step along time: too much for a task of 1500 bytes, so sst is shuffled.
        Path shuffled = tmp.resolve("shuffled.zarr");
        RunRecipe s = RunRecipe.run(recipe(dir, "shuffled", chunks, "max_task_memory: 1500\n"), shuffled);
        assertThat(s.exitCode()).as(s.err()).isZero();
        assertThat(s.out() + s.err()).contains("plan: 'sst' goes through the shuffle");
        assertThat(RunRecipe.digests(shuffled)).isEqualTo(RunRecipe.digests(direct));
        XarrayCheck.assertIdentical(shuffled, files(dir), "time", Map.of("sst", List.of(2, 1, 5, 20)), List.of("sst"), tmp);
    }

    @Test
    void aFloat32EncodingStoresTheDecodedValues() throws Exception {
        Path dir = copy("float32", Map.of(1, attr("sst:scale_factor = 0.01f ;", "sst:scale_factor = 0.02f ;")));
        Path store = tmp.resolve("float32.zarr");
        RunRecipe r = RunRecipe.run(recipe(dir, "float32", "encoding: {sst: {dtype: float32}}\n"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, files(dir), "time", Map.of("sst", List.of(2, 1, 10, 20)), List.of(),
                Map.of("sst", Map.of("dtype", "float32")), tmp);
        assertThat(Files.readString(store.resolve("sst/.zarray"))).contains("\"<f4\"").contains("NaN");
    }

    @Test
    void aFinerScaleStopsBeforeWritingNamingTheFileAndVariable() throws Exception {
        Path dir = copy("finer", Map.of(2, attr("sst:scale_factor = 0.01f ;", "sst:scale_factor = 0.001f ;")));
        RunRecipe r = failed(recipe(dir, "finer", ""), tmp.resolve("finer.zarr"));
        assertThat(r.error()).contains(day(dir, 2).toString()).contains("'sst'").contains("lose precision")
                .contains("encoding: {sst: {dtype: float32}}");
    }

    @Test
    void aScaleThatCouldOverflowTheTargetStops() throws Exception {
        // valid_max 4500 at steps of 0.1 is 45000 steps of 0.01: more than int16 holds.
        Path dir = copy("overflow", Map.of(2, attr("sst:scale_factor = 0.01f ;", "sst:scale_factor = 0.1f ;")));
        RunRecipe r = failed(recipe(dir, "overflow", ""), tmp.resolve("overflow.zarr"));
        assertThat(r.error()).contains(day(dir, 2).toString()).contains("'sst'").contains("overflow")
                .contains("encoding");
    }

    @Test
    void aValueBeyondTheDeclaredValidRangeThatDoesNotFitStopsTheStore() throws Exception {
        // Declared valid range -300..4500 fits at steps of 0.01; the values (20000 steps of 0.02) do not.
        Path dir = copy("beyond", Map.of(2, attr("sst:scale_factor = 0.01f ;", "sst:scale_factor = 0.02f ;")
                .andThen(data("sst", v -> 20000, true))::apply));
        Path store = tmp.resolve("beyond.zarr");
        RunRecipe r = RunRecipe.run(recipe(dir, "beyond", ""), store);
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(store.resolve(".zmetadata")).doesNotExist();
        assertThat(r.err()).doesNotContain("\tat org.").doesNotContain("Exception in thread");
        // Stopped while storing: after the plan's warnings, one error line.
        String error = r.err().substring(r.err().indexOf("\nerror: ") + 1);
        assertThat(error).hasLineCount(1).contains(day(dir, 2).toString()).contains("'sst'").contains("does not fit");
    }

    @Test
    void aShiftedLatitudeStopsNamingBothFilesTheCoordinateAndTheIndex() throws Exception {
        Path dir = copy("shifted", Map.of(2, data("lat", v -> v + 0.25, false)));
        RunRecipe r = failed(recipe(dir, "shifted", ""), tmp.resolve("shifted.zarr"));
        assertThat(r.error()).contains(day(dir, 2).toString()).contains(day(dir, 0).toString())
                .contains("coordinate 'lat'").contains("at index 0");
    }
}
