package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.arcoforge.netcdf.PythonReference;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kind: reference refuses, before writing anything, what kerchunk concatenates silently wrong or
 * fails on obscurely: differing scale_factor, chunks that cannot form one regular grid, filters
 * no standard reader decodes. One error line naming variable, files and difference.
 */
class ReferenceBadInputTest {
    @TempDir
    Path tmp;

    private static String errorLine(RunRecipe r) {
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat org.");
        return errors.get(0);
    }

    @Test
    void scaleFactorThatDiffersBetweenInputsStopsTheRun() throws Exception {
        Path dir = tmp.resolve("oisst");
        List<Path> files = SampleArchives.oisstDaily(dir, LocalDate.of(1981, 9, 1), 3, 6, 12);
        Processes.Result p = Processes.run(new ProcessBuilder(XarrayCheck.PYTHON, "-c",
                "import netCDF4, numpy, sys\nd = netCDF4.Dataset(sys.argv[1], 'a')\n"
                        + "d['sst'].scale_factor = numpy.float32(0.02)\nd.close()", files.get(1).toString()),
                Duration.ofMinutes(1));
        assertThat(p.exitCode()).as(p.output()).isZero();
        Path recipe = RunRecipe.writeRecipe(tmp, "r.yaml", """
                name: scale
                kind: reference
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-03, step: P1D}}
                """.formatted(dir));
        Path json = tmp.resolve("out.json");
        RunRecipe r = RunRecipe.run(recipe, json);
        assertThat(r.exitCode()).isNotZero();
        assertThat(errorLine(r)).contains("variable 'sst'").contains(files.get(0).getFileName().toString())
                .contains(files.get(1).getFileName().toString()).contains("scale_factor 0.01 against 0.02")
                .contains("kind: zarr");
        assertThat(json).doesNotExist();
    }

    @Test
    void wholeFileChunksOfDifferentLengthsCannotFormOneGrid() throws Exception {
        Path made = tmp.resolve("records");
        List<Path> monthly = SampleArchives.netcdf3Monthly(made, 1990, 3);
        Path dir = Files.createDirectories(tmp.resolve("fixed"));
        List<Path> fixed = new ArrayList<>();
        for (Path f : monthly) {
            Path to = dir.resolve(f.getFileName());
            // -u: the record dimension becomes a fixed one, so each variable is one whole-file range
            Processes.Result p = Processes.run(new ProcessBuilder("nccopy", "-u", f.toString(), to.toString()),
                    Duration.ofMinutes(1));
            assertThat(p.exitCode()).as(p.output()).isZero();
            fixed.add(to);
        }
        Path recipe = RunRecipe.writeRecipe(tmp, "r.yaml", """
                name: fixed
                kind: reference
                file_pattern:
                  template: "%s/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1990-01-01, end: 1990-03-01, step: P1M}}
                file_type: netcdf3
                """.formatted(dir));
        Path json = tmp.resolve("out.json");
        RunRecipe r = RunRecipe.run(recipe, json);
        assertThat(r.exitCode()).isNotZero();
        assertThat(errorLine(r)).contains("variable 'tas'").contains("tas_199001.nc").contains("tas_199002.nc")
                .contains("31, 28, 31 steps").contains("regular grid").contains("kind: zarr");
        assertThat(json).doesNotExist();
    }

    @Test
    void filterNoStandardReaderDecodesIsNamedWithItsVariable() throws Exception {
        PythonReference.run("make_hdf5_filter_fixtures.py", tmp.toString());
        Path recipe = RunRecipe.writeRecipe(tmp, "r.yaml", """
                name: filters
                kind: reference
                file_pattern:
                  template: "%s/filters/fl_{time}.nc"
                  concat_dim:
                    name: time
                    keys: {range: {start: 0, stop: 3}}
                file_type: netcdf4
                """.formatted(tmp));
        Path json = tmp.resolve("out.json");
        RunRecipe r = RunRecipe.run(recipe, json);
        assertThat(r.exitCode()).isNotZero();
        assertThat(errorLine(r)).contains("variable rain").contains("lzf");
        assertThat(json).doesNotExist();
    }
}
