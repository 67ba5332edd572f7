package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.Processes;
import org.arcoforge.testinfra.Tmpfs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk (a small tmpfs) with room for every chunk but not for .zmetadata: the run fails
 * with one line naming the store and the file, leaves no .zmetadata (truncated or not), and once
 * there is room again the same command completes the store.
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
        long zmetadata = pages(Files.size(probe.resolve(".zmetadata")));
        assertThat(zmetadata).isGreaterThan(4);
        // room for every chunk and metadata file, the lease (1 page) and 2 pages more: not for .zmetadata
        try (Tmpfs disk = Tmpfs.mount(tmp.resolve("disk"), (need + 3) * PAGE)) {
            Assumptions.assumeTrue(disk != null, "mounting a tmpfs needs root");
            Path store = disk.dir().resolve("full.zarr");
            RunRecipe r = RunRecipe.run(recipe, store);
            assertThat(r.exitCode()).isNotZero();
            // one line, no stack trace (the small-chunk warnings of this tiny archive come before it)
            assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(r.err().substring(r.err().indexOf("error: ")).strip())
                    .isEqualTo("error: cannot write '.zmetadata' in Zarr store " + store + ": No space left on device");
            assertThat(store.resolve(".zmetadata")).doesNotExist();
            try (Stream<Path> files = Files.walk(store)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("no temporary file, no lease left").noneMatch(n -> n.endsWith(".tmp") || n.startsWith(".arcoforge"));
            }
            // every chunk was written before the disk was full
            assertThat(Files.exists(store.resolve("sst/1.0.0.0"))).isTrue();

            Processes.Result grow = Processes.run(new ProcessBuilder(List.of("mount", "-o", "remount,size=16m",
                    disk.dir().toString())), Duration.ofSeconds(30));
            assertThat(grow.exitCode()).as(grow.output()).isZero();
            RunRecipe again = RunRecipe.run(recipe, store);
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(RunRecipe.digests(store)).isEqualTo(RunRecipe.digests(probe));
        }
    }
}
