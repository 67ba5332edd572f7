package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.Preprocessors;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one preprocessing function: steps in recipe order, the same for metadata and for data. */
class PreprocessTest {

    @Test
    void stepsRunInOrderOverMetadataAndDataAlike(@TempDir Path tmp) {
        Path file = SampleArchives.oisstDaily(tmp, java.time.LocalDate.of(1981, 9, 1), 1, 4, 6).get(0);
        Recipe r = Recipe.builder(FilePattern.files("time", List.of(file.toString()), 1))
                .preprocess(Preprocessors.renameVariables(Map.of("sst", "a")))
                .preprocess(Preprocessors.renameVariables(Map.of("a", "b")))
                .preprocess(f -> f.variables().values().forEach(v -> v.attributes().put("seen_data",
                        v.data() != null)))
                .build();
        JobSpec job = new JobSpec(r, tmp.resolve("t.zarr").toString(), Map.of(), false);
        // metadata, as the metadata stage reads it
        ReadMetadata.Result md = ReadMetadata.read(r.filePattern().inputs().get(0), job);
        Dataset meta = md.metadata().dataset();
        assertThat(meta.has("b")).isTrue();
        assertThat(meta.has("sst")).isFalse();
        assertThat(meta.variable("b").attributes()).containsEntry("seen_data", false);
        // a piece of data, as the store stage reads it
        try (var in = PieceReader.open(r.filePattern().inputs().get(0), job)) {
            DatasetVariable sst = in.metadata().variable("sst");
            Dataset data = Preprocess.apply(r, new Dataset(in.location(), Map.of(), List.of(new DatasetVariable(
                    "sst", sst.dims(), sst.shape(), sst.dtype(), new java.util.LinkedHashMap<>(sst.attributes()),
                    in.readAll("sst")))));
            assertThat(data.variables().keySet()).containsExactly("b");
            assertThat(data.variable("b").sourceName()).isEqualTo("sst");
            assertThat(data.variable("b").attributes()).containsEntry("seen_data", true);
        }
    }
}
