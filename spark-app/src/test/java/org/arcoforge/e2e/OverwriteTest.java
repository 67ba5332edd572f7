package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --overwrite deletes the store's own files only; a store folder holding others is refused, untouched. */
class OverwriteTest {
    @TempDir
    Path tmp;

    @Test
    void overwriteRefusesAStoreFolderWithForeignFilesAndDeletesOnlyTheStoresOwn() throws Exception {
        Path archive = tmp.resolve("in");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), 4, 10, 20);
        Path recipe = RunRecipe.writeRecipe(tmp, "o.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 4, "{time: 2}", ""));
        Path store = tmp.resolve("o.zarr");
        assertThat(RunRecipe.run(recipe, store).exitCode()).isZero();
        // what a user may keep beside a store, and what killed runs leave
        Files.writeString(store.resolve("notes.txt"), "my notes");
        Files.writeString(store.resolve("sst/README.md"), "about sst");
        Files.writeString(Files.createDirectories(store.resolve("plots")).resolve("map.png"), "png");
        Files.writeString(store.resolve("sst/.1.0.0.0.0123456789abcdef.tmp"), "half a chunk");
        Files.writeString(Files.createDirectories(store.resolve(".arcoforge-progress")).resolve("task-1"), "done");
        Map<String, String> before = RunRecipe.digests(store);

        RunRecipe refused = RunRecipe.run(recipe, store, "--prune", "2", "--overwrite");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("error: target " + store + " holds 3 file(s) that are not part of its Zarr store")
                .contains("notes.txt").contains("sst/README.md").contains("plots/")
                .contains("--overwrite deletes only the store's own files");
        assertThat(RunRecipe.digests(store)).as("nothing deleted or written").isEqualTo(before);

        Files.delete(store.resolve("notes.txt"));
        Files.delete(store.resolve("sst/README.md"));
        Files.delete(store.resolve("plots/map.png"));
        Files.delete(store.resolve("plots"));
        RunRecipe replaced = RunRecipe.run(recipe, store, "--prune", "2", "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        Path clean = tmp.resolve("clean.zarr");
        assertThat(RunRecipe.run(recipe, clean, "--prune", "2").exitCode()).isZero();
        // old chunks beyond the pruned store, the temporary file and the progress log are gone
        assertThat(RunRecipe.digests(store)).isEqualTo(RunRecipe.digests(clean));
    }
}
