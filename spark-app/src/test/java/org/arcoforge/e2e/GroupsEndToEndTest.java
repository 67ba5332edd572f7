package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** group: reads one NetCDF-4/HDF5 group of every input as the dataset (an IMERG-like archive). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsEndToEndTest {
    @TempDir
    static Path tmp;

    Path dir;
    List<Path> files;

    @BeforeAll
    void archive() {
        dir = tmp.resolve("imerg");
        files = ImergArchive.write(dir, 3);
    }

    private Path recipe(String name, String extra) throws Exception {
        return RunRecipe.writeRecipe(tmp, name + ".yaml", """
                name: %s
                file_pattern:
                  template: "%s/3B-HHR.{time}.nc"
                  concat_dim:
                    name: time
                    keys: [0, 1, 2]
                    items_per_file: 1
                target_chunks: {time: 2, lon: 4}
                """.formatted(name, dir) + extra);
    }

    @Test
    void groupIsReadAsTheDatasetLikeXarrayGroup() throws Exception {
        Path store = tmp.resolve("grid.zarr");
        RunRecipe r = RunRecipe.run(recipe("grid", "group: /Grid\n"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the group's variables only (root_only is not in /Grid), the group's attributes as the store's
        assertThat(store.resolve("precipitation/.zarray")).exists();
        assertThat(store.resolve("root_only")).doesNotExist();
        assertThat(Files.readString(store.resolve(".zattrs"))).contains("GridHeader").doesNotContain("FileHeader");
        XarrayCheck.assertIdentical(store, null, RunRecipe.rows(files), "Grid", "time",
                Map.of("precipitation", List.of(2, 4, 6), "time_bnds", List.of(2, 2), "lat_bnds", List.of(6, 2)),
                List.of(), tmp);
    }

    @Test
    void groupWithoutLeadingSlashIsTheSameGroup() throws Exception {
        Path store = tmp.resolve("grid-noslash.zarr");
        RunRecipe r = RunRecipe.run(recipe("grid-noslash", "group: Grid\n"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, null, RunRecipe.rows(files), "Grid", "time", Map.of(), List.of(), tmp);
    }

    @Test
    void missingGroupNamesTheFileAndListsItsGroups() throws Exception {
        Path store = tmp.resolve("nogroup.zarr");
        RunRecipe r = RunRecipe.run(recipe("nogroup", "group: /Grids\n"), store);
        assertThat(r.exitCode()).isNotZero();
        String error = r.error();
        assertThat(error).hasLineCount(1).contains("no group /Grids").contains("its groups: /Grid)");
        assertThat(files).anyMatch(f -> error.contains(f + ": "));
        assertThat(store).doesNotExist();
    }
}
