package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.CorruptHdf5;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input stops the run with a message that names the file (and field), a non-zero exit, and a
 * store that is not marked complete (no .zmetadata).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    @TempDir
    static Path tmp;

    List<Path> good;

    @BeforeAll
    void archive() throws Exception {
        good = SampleArchives.oisstDaily(tmp.resolve("good"), LocalDate.of(1981, 9, 1), 4, 10, 20);
    }

    /** A copy of the good archive in its own directory, for one test to damage. */
    private Path copy(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        for (Path f : good) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        return dir;
    }

    private RunRecipe run(Path dir, String name) throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, name + ".yaml", """
                name: bad-%s
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-04, step: P1D}}
                target_chunks: {time: 2}
                """.formatted(name, dir));
        Path store = tmp.resolve(name + ".zarr");
        RunRecipe r = RunRecipe.run(recipe, store);
        assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.err()).isNotZero();
        assertThat(store.resolve(".zmetadata")).doesNotExist();
        assertThat(r.err()).doesNotContain("\tat org.").doesNotContain("Exception in thread");
        assertThat(r.error()).hasLineCount(1);
        return r;
    }

    private Path third(Path dir) {
        return dir.resolve(good.get(2).getFileName());
    }

    @Test
    void missingInputIsNamed() throws Exception {
        Path dir = copy("missing");
        Files.delete(third(dir));
        assertThat(run(dir, "missing").err()).contains(third(dir).toString());
    }

    @Test
    void truncatedInputIsNamed() throws Exception {
        Path dir = copy("truncated");
        byte[] bytes = Files.readAllBytes(third(dir));
        Files.write(third(dir), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(run(dir, "truncated").err()).contains(third(dir).toString());
    }

    @Test
    void nonNetcdfInputIsNamed() throws Exception {
        Path dir = copy("notnetcdf");
        Files.writeString(third(dir), "<html>404 Not Found</html>\n");
        assertThat(run(dir, "notnetcdf").err()).contains(third(dir).toString()).containsIgnoringCase("not a netcdf");
    }

    @Test
    void inputWithAnotherGridIsNamedWithTheDimension() throws Exception {
        Path dir = copy("grid");
        Path other = tmp.resolve("othergrid");
        List<Path> coarse = SampleArchives.oisstDaily(other, LocalDate.of(1981, 9, 3), 1, 10, 24);
        Files.copy(coarse.get(0), third(dir), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(run(dir, "grid").err()).contains(third(dir).toString()).contains("lon");
    }

    /**
     * A damaged HDF5 header: the dataspace of one attribute claims 2.1 billion values, so the HDF5
     * library asks for gigabytes. The run names the file; no OutOfMemoryError, no dead executor.
     */
    @Test
    void corruptHdf5HeaderIsNamedWithoutOutOfMemory() throws Exception {
        Path dir = copy("hugeheader");
        CorruptHdf5.claimHugeAttribute(third(dir), "valid_min", 2_100_000_000L);
        RunRecipe r = run(dir, "hugeheader");
        assertThat(r.error()).contains(third(dir).toString()).contains("corrupt")
                .doesNotContain("OutOfMemoryError").doesNotContain("Java heap space");
        assertThat(r.err()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void pruneBeyondTheKeysIsRefused() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "prune.yaml", RunRecipe.oisstRecipe(
                tmp.resolve("good") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 4, "{time: 2}", ""));
        Path store = tmp.resolve("prune.zarr");
        RunRecipe r = RunRecipe.run(recipe, store, "--prune", "50");
        assertThat(r.exitCode()).as("exit code; stderr:%n%s", r.err()).isNotZero();
        assertThat(r.error()).hasLineCount(1).contains("--prune 50").contains("only 4 keys along 'time'")
                .contains("drop --prune");
        assertThat(store).doesNotExist();
    }

    @Test
    void recipeWithUnknownFieldNamesFileLineAndField() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "typo.yaml", """
                name: typo
                file_pattern:
                  template: "x/{time}.nc"
                  concat_dim:
                    name: time
                    keys: [1, 2]
                target_chunk: {time: 2}
                """);
        RunRecipe r = RunRecipe.run(recipe, tmp.resolve("typo.zarr"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("typo.yaml").contains("line 7").contains("target_chunk");
        assertThat(tmp.resolve("typo.zarr")).doesNotExist();
    }
}
