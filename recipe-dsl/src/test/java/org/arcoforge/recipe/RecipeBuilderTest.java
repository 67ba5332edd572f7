package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecipeBuilderTest {
    private static FilePattern daily() {
        return FilePattern.template("data/{time:yyyyMMdd}.nc",
                ConcatDim.of("time", Keys.dates(LocalDate.of(1981, 9, 1), LocalDate.of(1981, 9, 5), Period.ofDays(1))));
    }

    @Test
    void builderDslReadsLikeTheYaml() {
        Recipe r = Recipe.builder(FilePattern.template("s3a://b/{time:yyyy}/{variable}.nc",
                        ConcatDim.of("time", Keys.dates(LocalDate.of(2000, 1, 1), LocalDate.of(2002, 1, 1), Period.ofYears(1)), 1),
                        MergeDim.of("variable", List.of("sst", "ice"))))
                .name("yearly").targetChunk("time", 1).preprocess("rename_variables", java.util.Map.of("a", "b"))
                .build();
        assertThat(r.filePattern().concatDim().orElseThrow().itemsPerFile()).isEqualTo(1);
        assertThat(r.filePattern().inputs()).extracting(InputFile::url).containsExactly(
                "s3a://b/2000/sst.nc", "s3a://b/2000/ice.nc", "s3a://b/2001/sst.nc", "s3a://b/2001/ice.nc",
                "s3a://b/2002/sst.nc", "s3a://b/2002/ice.nc");
        assertThat(r.preprocessors()).containsExactly(Preprocessors.renameVariables(java.util.Map.of("a", "b")));
    }

    /** Each Java mistake, and the same mistake written in YAML (edit of YamlTexts.BASE). */
    static Stream<Arguments> sameMistakes() {
        return Stream.of(
                Arguments.of((UnaryOperator<Recipe.Builder>) b -> b.targetChunk("lat", 0),
                        "target_chunks: {time: 10}", "target_chunks: {time: 10, lat: 0}",
                        "target_chunks.lat must be a positive integer, got 0"),
                Arguments.of((UnaryOperator<Recipe.Builder>) b -> b.inputsPerChunk(0),
                        "target_chunks: {time: 10}", "inputs_per_chunk: 0",
                        "inputs_per_chunk must be a positive integer, got 0"),
                // compressor names and levels: spark-app's CompressorRecipeTest
                Arguments.of((UnaryOperator<Recipe.Builder>) b -> b.setAttribute("history", java.util.Map.of()),
                        "target_chunks: {time: 10}", "set_attributes: {history: {}}",
                        "set_attributes.history must be text, a number, true/false or a list of those, got a mapping"));
    }

    @ParameterizedTest
    @MethodSource("sameMistakes")
    void javaAndYamlReportTheSameProblem(UnaryOperator<Recipe.Builder> mistake, String yamlFrom, String yamlTo,
                                         String message) {
        assertThatThrownBy(() -> mistake.apply(Recipe.builder(daily()).name("oisst")).build())
                .isInstanceOf(RecipeException.class)
                .hasMessage("recipe 'oisst': " + message);
        assertThatThrownBy(() -> RecipeYaml.parse(YamlTexts.replace(YamlTexts.BASE, yamlFrom, yamlTo), "r.yaml", null))
                .hasMessageEndingWith(": " + message);
    }

    @Test
    void compressorNeedsAName() {
        assertThatThrownBy(() -> Recipe.builder(daily()).name("oisst").compressor(new Compressor(" ", 1, true)).build())
                .hasMessage("recipe 'oisst': compressor.name must be a compressor name such as zstd, got \" \"");
    }

    @Test
    void patternRulesApplyToJavaToo() {
        FilePattern noPlaceholder = FilePattern.template("data/x.nc", ConcatDim.of("time", List.of(1, 2)));
        assertThatThrownBy(() -> Recipe.builder(noPlaceholder).build())
                .hasMessageContaining("file_pattern.template has no placeholder {time} for the concat dimension 'time'");

        FilePattern wrongName = FilePattern.template("data/{date}.nc", ConcatDim.of("time", List.of(1, 2)));
        assertThatThrownBy(() -> Recipe.builder(wrongName).build())
                .hasMessageContaining("file_pattern.template has placeholder {date} but the combine dimensions are [time]");

        FilePattern noKeys = FilePattern.template("data/{time}.nc", ConcatDim.of("time", List.of()));
        assertThatThrownBy(() -> Recipe.builder(noKeys).build()).hasMessageContaining("file_pattern.concat_dim.keys is empty");

        FilePattern twice = FilePattern.template("{v}.nc", MergeDim.of("v", List.of("a", "b", "a")));
        assertThatThrownBy(() -> Recipe.builder(twice).build())
                .hasMessageContaining("file_pattern.merge_dim.keys has the key \"a\" more than once");

        FilePattern zeroItems = FilePattern.template("{t}.nc", ConcatDim.of("t", List.of(1), 0));
        assertThatThrownBy(() -> Recipe.builder(zeroItems).build())
                .hasMessageContaining("file_pattern.concat_dim.items_per_file must be a positive integer, got 0");
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(() -> Recipe.builder(daily()).name("x").targetChunk("lat", -1).inputsPerChunk(0).build())
                .hasMessageContaining("has 2 problems")
                .hasMessageContaining("target_chunks.lat must be a positive integer, got -1")
                .hasMessageContaining("inputs_per_chunk must be a positive integer, got 0");
    }

    @Test
    void keys() {
        assertThat(Keys.range(3, 6)).containsExactly(3, 4, 5);
        assertThat(Keys.range(5, 0, -2)).containsExactly(5, 3, 1);
        assertThatThrownBy(() -> Keys.range(2, 2)).isInstanceOf(RecipeException.class).hasMessageContaining("no keys");
        assertThatThrownBy(() -> Keys.range(0, 3, 0)).isInstanceOf(RecipeException.class);
        assertThatThrownBy(() -> Keys.dates(LocalDate.of(2000, 1, 2), LocalDate.of(2000, 1, 1), Period.ofDays(1)))
                .hasMessageContaining("before start");
        assertThatThrownBy(() -> Keys.dates(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 9), Period.ZERO))
                .hasMessageContaining("must be positive");
        assertThat(Keys.dates(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1), Period.ofDays(1)))
                .containsExactly(LocalDate.of(2000, 1, 1));
    }
}
