package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.format.FormatException;
import org.arcoforge.format.zarr2.Zarr2Format;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.store.HadoopStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease's life cycle within one JVM, and what --overwrite counts as the store's own files. */
class LeaseAndContentsTest {
    @TempDir
    Path dir;

    private JobSpec job(Path target, boolean overwrite) {
        Recipe r = Recipe.builder(FilePattern.files("time", List.of(dir.resolve("a.nc").toString()), 1)).build();
        return new JobSpec(r, target.toString(), Map.of(), overwrite);
    }

    @Test
    void aLeaseIsExclusiveAndARunThatLostItCannotFinalize() throws Exception {
        Path target = dir.resolve("t.zarr");
        JobSpec job = job(target, false);
        try (TargetLease lease = TargetLease.acquire(job, false)) {
            assertThat(target.resolve(TargetLease.KEY)).content().contains("\"pid\" : " + ProcessHandle.current().pid());
            assertThatThrownBy(() -> TargetLease.acquire(job, true)).isInstanceOf(StageException.class)
                    .hasMessageContaining("is in use by another run").hasMessageContaining("process "
                            + ProcessHandle.current().pid());
            TargetLease.requireHeld(job.target());
            // another run broke the lock (it thought this one dead)
            Files.writeString(target.resolve(TargetLease.KEY), "{\"host\": \"other\", \"pid\": 7, \"token\": \"x\"}");
            assertThatThrownBy(() -> TargetLease.requireHeld(job.target())).isInstanceOf(StageException.class)
                    .hasMessageContaining("lost its lease").hasMessageContaining("host other, process 7")
                    .hasMessageContaining("no .zmetadata");
        }
        assertThat(target.resolve(TargetLease.KEY)).as("someone else's lease is not removed").exists();
        Files.delete(target.resolve(TargetLease.KEY));
        Files.delete(target);
        try (TargetLease lease = TargetLease.acquire(job, false)) {
            assertThat(target.resolve(TargetLease.KEY)).exists();
        }
        assertThat(target).as("a target folder the lease created and nothing filled is removed").doesNotExist();
    }

    @Test
    void anUnreadableLeaseIsStaleByItsAge() throws Exception {
        Path target = Files.createDirectories(dir.resolve("u.zarr"));
        Path lease = Files.writeString(target.resolve(TargetLease.KEY), "");
        assertThatThrownBy(() -> TargetLease.acquire(job(target, false), true)).hasMessageContaining("cannot be read");
        Files.setLastModifiedTime(lease, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        assertThatThrownBy(() -> TargetLease.acquire(job(target, false), false)).hasMessageContaining("--break-lock");
        try (TargetLease l = TargetLease.acquire(job(target, false), true)) {
            assertThat(Files.readString(lease)).contains("token");
        }
    }

    @Test
    void overwriteDeletesTheStoresOwnFilesOnly() throws Exception {
        Path root = dir.resolve("s.zarr");
        HadoopStore s = new HadoopStore(root.toString());
        s.put(".zgroup", "{}".getBytes());
        s.put(".zattrs", "{}".getBytes());
        s.put(".zmetadata", "{}".getBytes());
        s.put("sst/.zarray", "{\"shape\": [4, 3], \"chunks\": [2, 3]}".getBytes());
        s.put("sst/0.0", new byte[1]);
        s.put("sst/1.0", new byte[1]);
        s.put("sst/.1.0.0123456789abcdef.tmp", new byte[1]);
        s.put("scalar/.zarray", "{\"shape\": []}".getBytes());
        s.put("scalar/0", new byte[1]);
        s.put("g/.zgroup", "{}".getBytes());
        s.put("g/t/.zarray", "{\"shape\": [2], \"dimension_separator\": \"/\"}".getBytes());
        s.put("g/t/1", new byte[1]);
        s.put(".arcoforge-progress/done-1", new byte[1]);
        s.put(TargetLease.KEY, "{}".getBytes());
        s.put("sst/0.0.0", new byte[1]); // a chunk key of the wrong rank is not the array's
        s.put("scalar/notes", new byte[1]);
        s.put("g/x/readme", new byte[1]);
        assertThatThrownBy(() -> Zarr2Format.INSTANCE.deleteStore(s, TargetStore.OWN_PREFIX, TargetLease.KEY)).isInstanceOf(FormatException.class)
                .hasMessageContaining("holds 3 file(s)").hasMessageContaining("sst/0.0.0")
                .hasMessageContaining("scalar/notes").hasMessageContaining("g/x/");
        assertThat(s.exists("sst/0.0")).isTrue();
        s.delete("sst/0.0.0");
        s.delete("scalar/notes");
        s.delete("g/x/readme");
        Files.delete(root.resolve("g/x")); // an empty folder is not the store's either
        Zarr2Format.INSTANCE.deleteStore(s, TargetStore.OWN_PREFIX, TargetLease.KEY);
        try (Stream<Path> left = Files.walk(root)) {
            assertThat(left.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
                    .containsExactly(TargetLease.KEY);
        }
    }

    @Test
    void aFolderWithOnlyOurOwnFilesCountsAsEmpty() throws Exception {
        Path root = Files.createDirectories(dir.resolve("e.zarr"));
        HadoopStore s = new HadoopStore(root.toString());
        s.put(".arcoforge-progress/x", new byte[1]);
        Zarr2Format.INSTANCE.requireStoreOrEmpty(s, TargetStore.OWN_PREFIX, false);
        s.put("thesis.tex", new byte[1]);
        assertThatThrownBy(() -> Zarr2Format.INSTANCE.requireStoreOrEmpty(s, TargetStore.OWN_PREFIX, true))
                .hasMessageContaining("neither a Zarr store nor empty").hasMessageContaining("--overwrite only replaces");
    }
}
