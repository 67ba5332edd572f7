package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    void groupsAllWritesTheHierarchyAsNestedZarrGroups() throws Exception {
        Path store = tmp.resolve("all.zarr");
        RunRecipe r = RunRecipe.run(recipe("all", "groups: all\n"), store);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("[store chunks]").contains("MB/s");
        List<List<Path>> rows = RunRecipe.rows(files);
        // each group as xarray reads it: open_mfdataset(group=G) against open_zarr(group=G)
        XarrayCheck.assertIdentical(store, null, rows, null, "time", Map.of("root_only", List.of()), List.of(), tmp);
        XarrayCheck.assertIdentical(store, "Grid", rows, "Grid", "time",
                Map.of("precipitation", List.of(2, 4, 6), "time_bnds", List.of(2, 2)), List.of(), tmp);
        XarrayCheck.assertIdentical(store, "Grid/quality", rows, "Grid/quality", "time", Map.of("flag", List.of(6)),
                List.of(), tmp);
        // one .zmetadata, at the root, with every key of the hierarchy (as zarr.consolidate_metadata writes it)
        JsonNode meta = new ObjectMapper().readTree(store.resolve(".zmetadata").toFile()).get("metadata");
        List<String> keys = new java.util.ArrayList<>();
        meta.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).contains(".zgroup", ".zattrs", "root_only/.zarray", "Grid/.zgroup", "Grid/.zattrs",
                "Grid/precipitation/.zarray", "Grid/time/.zattrs", "Grid/quality/.zgroup", "Grid/quality/.zattrs",
                "Grid/quality/flag/.zarray");
        assertThat(keys).allMatch(k -> k.endsWith(".zgroup") || k.endsWith(".zattrs") || k.endsWith(".zarray"));
        assertThat(store.resolve("Grid/.zmetadata")).doesNotExist();
        assertThat(store.resolve("Grid/.arcoforge-progress")).doesNotExist();
        assertThat(meta.get("Grid/.zattrs").toString()).contains("GridHeader").doesNotContain("arcoforge");
        // a re-run of the same recipe converges on the same bytes
        Map<String, String> before = RunRecipe.digests(store);
        RunRecipe again = RunRecipe.run(recipe("all", "groups: all\n"), store);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(RunRecipe.digests(store)).isEqualTo(before);

        // another recipe over it is refused, then replaces it with --overwrite (nested groups included);
        // a root left without variables keeps its attributes
        Path other = recipe("all-noroot", "groups: all\ndrop_variables: [root_only]\n");
        assertThat(RunRecipe.run(other, store).exitCode()).isNotZero();
        RunRecipe o = RunRecipe.run(other, store, "--overwrite");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(store.resolve("root_only")).doesNotExist();
        assertThat(Files.readString(store.resolve(".zattrs"))).contains("FileHeader").contains("arcoforge_recipe_sha256");
        XarrayCheck.assertIdentical(store, "Grid", rows, "Grid", "time", Map.of(), List.of(), tmp);
    }

    @Test
    void planCommandRefusesGroupsAllWithAHint() throws Exception {
        RunRecipe r = RunRecipe.cli("plan", recipe("plan-all", "groups: all\n").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.error()).contains("does not describe groups: all yet").contains("group: /NAME");
    }

    @Test
    void missingGroupNamesTheFileAndListsItsGroups() throws Exception {
        Path store = tmp.resolve("nogroup.zarr");
        RunRecipe r = RunRecipe.run(recipe("nogroup", "group: /Grids\n"), store);
        assertThat(r.exitCode()).isNotZero();
        String error = r.error();
        assertThat(error).hasLineCount(1).contains("no group /Grids").contains("its groups: /Grid, /Grid/quality)");
        assertThat(files).anyMatch(f -> error.contains(f + ": "));
        assertThat(store).doesNotExist();
    }
}
