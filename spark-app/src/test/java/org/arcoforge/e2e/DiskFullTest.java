package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.FullDiskFileSystem;
import org.arcoforge.testinfra.Processes;
import org.arcoforge.testinfra.Tmpfs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk (a small tmpfs) with room for every chunk but not for .zmetadata: the run fails
 * with one line naming the store and the file, leaves no .zmetadata (truncated or not), and once
 * there is room again the same command completes the store. Without permission to mount (or with
 * -Darcoforge.test.noTmpfs=true), the disk is {@link FullDiskFileSystem}, a byte budget instead.
 */
class DiskFullTest {
    private static final long PAGE = 4096;

    @TempDir
    Path tmp;

    private static long pages(long bytes) {
        return (bytes + PAGE - 1) / PAGE;
    }

    @Test
    void zmetadataThatDoesNotFitFailsCleanlyAndARerunCompletesTheStore() throws Exception {
        Path archive = tmp.resolve("in");
        SampleArchives.oisstDaily(archive, LocalDate.of(1981, 9, 1), 4, 10, 20);
        // a long history makes .zmetadata several pages, so that a page or two of slack cannot hold it
        Path recipe = RunRecipe.writeRecipe(tmp, "full.yaml", RunRecipe.oisstRecipe(
                archive + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 4, "{time: 2}", "")
                + "set_attributes: {history: \"" + "reprocessed; ".repeat(2000) + "\"}\n");
        Path probe = tmp.resolve("probe.zarr");
        RunRecipe p = RunRecipe.run(recipe, probe);
        assertThat(p.exitCode()).as(p.err()).isZero();
        long need = 0;
        try (Stream<Path> files = Files.walk(probe)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                need += f.getFileName().toString().equals(".zmetadata") ? 0 : pages(Files.size(f));
            }
        }
        // the progress log holds one small record per store task until finalize
        java.util.regex.Matcher done = java.util.regex.Pattern.compile("chunks in (\\d+) tasks").matcher(p.err());
        assertThat(done.find()).as(p.err()).isTrue();
        long tasks = Long.parseLong(done.group(1));
        need += tasks;
        long zmetadata = pages(Files.size(probe.resolve(".zmetadata")));
        assertThat(zmetadata).isGreaterThan(4);
        Path mount = tmp.resolve("disk");
        // room for every chunk, metadata file and progress record, the lease (1 page) and 2 pages more:
        // not for .zmetadata
        Tmpfs disk = Boolean.getBoolean("arcoforge.test.noTmpfs") ? null : Tmpfs.mount(mount, (need + 3) * PAGE);
        if (disk != null) {
            try (disk) {
                Path store = mount.resolve("full.zarr");
                fillUpThenMakeRoom(recipe, probe, store, store.toString(), List.of(), () -> {
                    Processes.Result grow = Processes.run(new ProcessBuilder(List.of("mount", "-o", "remount,size=16m",
                            mount.toString())), Duration.ofSeconds(30));
                    assertThat(grow.exitCode()).as(grow.output()).isZero();
                    return List.of();
                });
            }
            return;
        }
        // no permission to mount: the same local filesystem, with a byte budget (the same store, in bytes)
        long bytes = 0;
        try (Stream<Path> files = Files.walk(probe)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                bytes += f.getFileName().toString().equals(".zmetadata") ? 0 : Files.size(f);
            }
        }
        Path store = Files.createDirectories(mount).resolve("full.zarr");
        List<String> full = budget(mount, bytes + tasks * 1024 + 3 * 1024);
        fillUpThenMakeRoom(recipe, probe, store, "fulldisk://" + store, full, () -> budget(mount, Long.MAX_VALUE));
    }

    private static List<String> budget(Path disk, long bytes) {
        return List.of("--hadoop", "fs.fulldisk.impl=" + FullDiskFileSystem.class.getName(),
                "--hadoop", "fs.fulldisk.impl.disable.cache=true", "--hadoop", "fulldisk.dir=" + disk,
                "--hadoop", "fulldisk.bytes=" + bytes);
    }

    interface MakeRoom {
        /** Frees space; returns the arguments of the run after. */
        List<String> make() throws Exception;
    }

    private static void fillUpThenMakeRoom(Path recipe, Path probe, Path store, String target, List<String> args,
                                           MakeRoom room) throws Exception {
        RunRecipe r = RunRecipe.run(System.getenv(), recipe, target, args);
        assertThat(r.exitCode()).isNotZero();
        // one line, no stack trace (the small-chunk warnings of this tiny archive come before it)
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().substring(r.err().indexOf("error: ")).strip())
                .isEqualTo("error: cannot write '.zmetadata' in Zarr store " + target + ": No space left on device");
        assertThat(store.resolve(".zmetadata")).doesNotExist();
        try (Stream<Path> files = Files.walk(store)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("no temporary file, no lease left").noneMatch(n -> n.endsWith(".tmp") || n.equals(".arcoforge-lease"));
        }
        // the progress log stays, so the re-run skips the chunks already written
        assertThat(store.resolve(".arcoforge-progress")).isDirectory();
        // every chunk was written before the disk was full
        assertThat(Files.exists(store.resolve("sst/1.0.0.0"))).isTrue();

        RunRecipe again = RunRecipe.run(System.getenv(), recipe, target, room.make());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(RunRecipe.digests(store)).isEqualTo(RunRecipe.digests(probe));
    }
}
