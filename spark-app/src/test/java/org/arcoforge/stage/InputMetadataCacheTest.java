package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inputs' metadata kept in the progress log (real sample files, a real local target): reused
 * while an input is the file that was read, read again as soon as it may not be.
 */
class InputMetadataCacheTest {
    @TempDir
    Path tmp;
    List<Path> files;
    JobSpec job;
    List<InputFile> inputs;

    @BeforeEach
    void setUp() {
        files = SampleArchives.oisstDaily(tmp.resolve("in"), LocalDate.of(1981, 9, 1), 3, 10, 20);
        job = job(Recipe.builder(FilePattern.files("time", files.stream().map(Path::toString).toList(), 1)).build());
        inputs = job.recipe().filePattern().inputs();
    }

    private JobSpec job(Recipe r) {
        return new JobSpec(r, tmp.resolve("t.zarr").toString(), Map.of(), false);
    }

    /** A run's metadata pass: every input read, recorded and saved. */
    private void readAllAndSave(JobSpec j) {
        InputMetadataCache c = InputMetadataCache.open(j, inputs);
        for (InputFile f : inputs) {
            c.put(f, j, ReadMetadata.read(f, j));
        }
        c.save(j);
    }

    private List<Path> cacheFiles() throws Exception {
        Path dir = tmp.resolve("t.zarr").resolve(ProgressLog.DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(InputMetadataCache.PREFIX)).toList();
        }
    }

    @Test
    void unchangedInputsAreReusedAsTheyWereRead() throws Exception {
        readAllAndSave(job);
        assertThat(cacheFiles()).hasSize(1);
        InputMetadataCache again = InputMetadataCache.open(job, inputs);
        assertThat(again.reusable(inputs, job)).isEqualTo(3);
        for (InputFile f : inputs) {
            ReadMetadata.Result cached = again.get(f, job);
            ReadMetadata.Result fresh = ReadMetadata.read(f, job);
            assertThat(cached.bytes()).isEqualTo(fresh.bytes()).isEqualTo(Files.size(Path.of(f.url())));
            assertThat(cached.metadata().input()).isEqualTo(f);
            assertThat(cached.metadata().dims()).isEqualTo(fresh.metadata().dims());
            assertThat(cached.metadata().dataset().variables().keySet())
                    .isEqualTo(fresh.metadata().dataset().variables().keySet());
            assertThat(cached.metadata().concatCoordinate()).isNotNull()
                    .isEqualTo(fresh.metadata().concatCoordinate());
            assertThat(cached.metadata().coordinates().keySet()).contains("lat", "lon")
                    .isEqualTo(fresh.metadata().coordinates().keySet());
        }
    }

    @Test
    void anInputOfAnotherSizeIsReadAgain() throws Exception {
        readAllAndSave(job);
        Files.write(files.get(1), new byte[] {0}, StandardOpenOption.APPEND);
        InputMetadataCache again = InputMetadataCache.open(job, inputs);
        assertThat(again.get(inputs.get(0), job)).isNotNull();
        assertThat(again.get(inputs.get(1), job)).isNull();
        assertThat(again.get(inputs.get(2), job)).isNotNull();
    }

    @Test
    void anInputWithAnotherModificationTimeIsReadAgain() throws Exception {
        readAllAndSave(job);
        FileTime t = Files.getLastModifiedTime(files.get(2));
        Files.setLastModifiedTime(files.get(2), FileTime.fromMillis(t.toMillis() + 1000));
        assertThat(InputMetadataCache.open(job, inputs).get(inputs.get(2), job)).isNull();
    }

    @Test
    void anInputRewrittenInPlaceWithItsSizeAndTimeRestoredIsReadAgain() throws Exception {
        readAllAndSave(job);
        Path f = files.get(0);
        FileTime t = Files.getLastModifiedTime(f);
        byte[] b = Files.readAllBytes(f);
        Thread.sleep(20);
        Files.write(f, b); // same bytes, same size; then `touch -r` as a copy tool would
        Files.setLastModifiedTime(f, t);
        assertThat(Files.size(f)).isEqualTo(b.length);
        assertThat(Files.getLastModifiedTime(f)).isEqualTo(t);
        // the status-change time gave it away
        assertThat(InputMetadataCache.open(job, inputs).get(inputs.get(0), job)).isNull();
    }

    @Test
    void anInputReplacedByAnotherFileIsReadAgain() throws Exception {
        readAllAndSave(job);
        Path f = files.get(1);
        Path moved = tmp.resolve("moved.nc");
        Files.copy(f, moved, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(moved, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(InputMetadataCache.open(job, inputs).get(inputs.get(1), job)).isNull();
    }

    @Test
    void theCacheOfAnotherRecipeIsNotUsedAndIsReplaced() throws Exception {
        readAllAndSave(job);
        Path first = cacheFiles().get(0);
        JobSpec other = job(Recipe.builder(FilePattern.files("time", files.stream().map(Path::toString).toList(), 1))
                .dropVariables("ice").build());
        InputMetadataCache c = InputMetadataCache.open(other, inputs);
        assertThat(c.reusable(inputs, other)).isZero();
        for (InputFile f : inputs) {
            c.put(f, other, ReadMetadata.read(f, other));
        }
        c.save(other);
        assertThat(cacheFiles()).hasSize(1).doesNotContain(first);
    }

    @Test
    void anUnreadableCacheIsIgnored() throws Exception {
        readAllAndSave(job);
        Path f = cacheFiles().get(0);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        assertThat(InputMetadataCache.open(job, inputs).reusable(inputs, job)).isZero();
    }

    @Test
    void recipesWithJavaPreprocessorsAreNotCached() throws Exception {
        JobSpec j = job(Recipe.builder(FilePattern.files("time", files.stream().map(Path::toString).toList(), 1))
                .preprocess(fragment -> { }).build());
        readAllAndSave(j);
        assertThat(cacheFiles()).isEmpty();
        assertThat(InputMetadataCache.open(j, inputs).reusable(inputs, j)).isZero();
    }

    @Test
    void finalizeRemovesItWithTheRestOfTheProgressLog() throws Exception {
        readAllAndSave(job);
        assertThat(cacheFiles()).hasSize(1);
        ProgressLog.clear(job);
        assertThat(cacheFiles()).isEmpty();
        assertThat(tmp.resolve("t.zarr").resolve(ProgressLog.DIR)).doesNotExist();
    }
}
