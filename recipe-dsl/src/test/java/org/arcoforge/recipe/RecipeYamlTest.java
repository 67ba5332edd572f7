package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeYamlTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RecipeYamlTest.class.getResource("/" + name).toURI());
    }

    @Test
    void loadsTheFullExample() throws Exception {
        Path file = resource("recipes/oisst.yaml");
        Recipe r = RecipeYaml.load(file);

        assertThat(r.name()).isEqualTo("oisst-avhrr-daily");
        assertThat(r.source()).isEqualTo(file.toString());
        assertThat(r.fileType()).isEqualTo(FileType.NETCDF4);
        assertThat(r.targetChunks()).containsExactly(Map.entry("time", 10), Map.entry("lat", 360), Map.entry("lon", 720));
        assertThat(r.inputsPerChunk()).isEqualTo(1);
        assertThat(r.compressor()).isEqualTo(new Compressor("zstd", 3, true));
        assertThat(r.dropVariables()).containsExactly("anom");
        assertThat(r.setAttributes()).containsExactly(Map.entry("title", "Daily OISST"), Map.entry("version", 2.1));
        assertThat(r.preprocessors()).containsExactly(
                Preprocessors.renameVariables(Map.of("analysed_sst", "sst")),
                Preprocessors.setVariableAttributes(Map.of("sst", Map.of("long_name", "sea surface temperature"))));

        ConcatDim time = r.filePattern().concatDim().orElseThrow();
        assertThat(time.name()).isEqualTo("time");
        assertThat(time.itemsPerFile()).isEqualTo(1);
        assertThat(time.keys()).hasSize(30).allMatch(k -> k instanceof LocalDate);
        assertThat(time.keys().get(0)).isEqualTo(LocalDate.of(1981, 9, 1));
        assertThat(time.keys().get(29)).isEqualTo(LocalDate.of(1981, 9, 30));
        assertThat(r.filePattern().mergeDim()).isEmpty();

        // The relative template is resolved against the recipe's directory, not the working directory.
        String dir = file.getParent().toAbsolutePath().toString();
        List<InputFile> inputs = r.filePattern().inputs();
        assertThat(inputs.get(0).url()).isEqualTo(dir + "/data/198109/oisst-avhrr-v02r01.19810901.nc");
        assertThat(inputs.get(29).url()).isEqualTo(dir + "/data/198109/oisst-avhrr-v02r01.19810930.nc");
    }

    @Test
    void preprocessorsFromYamlWork() throws Exception {
        Recipe r = RecipeYaml.load(resource("recipes/oisst.yaml"));
        Dataset f = new Dataset("in.nc", Map.of(), List.of(
                new DatasetVariable("analysed_sst", List.of("time"), new long[] {2}, DType.FLOAT32, Map.of(), null)));
        r.preprocessors().forEach(p -> p.apply(f));
        assertThat(f.variables()).containsOnlyKeys("sst");
        assertThat(f.variable("sst").attributes()).containsEntry("long_name", "sea surface temperature");
    }

    @Test
    void defaultsWhenOptionalFieldsAreLeftOut() {
        Recipe r = RecipeYaml.parse("""
                file_pattern:
                  template: "/data/{n:%02d}.nc"
                  concat_dim: {name: n, keys: {range: {stop: 3}}}
                """, "dir/sst-monthly.yml", null);
        assertThat(r.name()).as("the file name without extension").isEqualTo("sst-monthly");
        assertThat(r.fileType()).isEqualTo(FileType.AUTO);
        assertThat(r.compressor()).isEqualTo(Compressor.DEFAULT);
        assertThat(r.inputsPerChunk()).isEqualTo(1);
        assertThat(r.targetChunks()).isEmpty();
        assertThat(r.dropVariables()).isEmpty();
        assertThat(r.setAttributes()).isEmpty();
        assertThat(r.preprocessors()).isEmpty();
        assertThat(r.filePattern().concatDim().orElseThrow().keys()).containsExactly(0, 1, 2);
        assertThat(r.filePattern().concatDim().orElseThrow().itemsPerFile()).isNull();
        assertThat(r.filePattern().inputs()).extracting(InputFile::url)
                .containsExactly("/data/00.nc", "/data/01.nc", "/data/02.nc");
    }

    @Test
    void keyForms() {
        Recipe r = RecipeYaml.parse("""
                file_pattern:
                  template: "s3a://bucket/{t}/{v}.nc"
                  concat_dim: {name: t, keys: {dates: {start: 2000-01-01T00:00, end: 2000-01-01T18:00, step: PT6H}}}
                  merge_dim: {name: v, keys: [sst, 7, 2.5, true]}
                """, "r.yaml", Path.of("/base"));
        assertThat(r.filePattern().concatDim().orElseThrow().keys()).containsExactly(
                LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2000, 1, 1, 6, 0),
                LocalDateTime.of(2000, 1, 1, 12, 0), LocalDateTime.of(2000, 1, 1, 18, 0));
        assertThat(r.filePattern().mergeDim().orElseThrow().keys()).containsExactly("sst", 7, 2.5, true);
        assertThat(r.filePattern().inputs().get(0).url()).isEqualTo("s3a://bucket/2000-01-01T00:00/sst.nc");

        Recipe stepped = RecipeYaml.parse("""
                file_pattern:
                  template: "{m}.nc"
                  concat_dim: {name: m, keys: {range: {start: 10, stop: 0, step: -4}}}
                """, "r.yaml", null);
        assertThat(stepped.filePattern().concatDim().orElseThrow().keys()).containsExactly(10, 6, 2);

        Recipe monthly = RecipeYaml.parse("""
                file_pattern:
                  template: "{m:yyyy-MM}.nc"
                  concat_dim: {name: m, keys: {dates: {start: 2001-01-31, end: 2001-05-31, step: P1M}}}
                """, "r.yaml", null);
        assertThat(monthly.filePattern().concatDim().orElseThrow().keys()).containsExactly(
                LocalDate.of(2001, 1, 31), LocalDate.of(2001, 2, 28), LocalDate.of(2001, 3, 31),
                LocalDate.of(2001, 4, 30), LocalDate.of(2001, 5, 31));
    }

    @Test
    void explicitFileList(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                file_pattern:
                  files: [a.nc, sub/b.nc, /abs/c.nc, "s3a://bucket/d.nc", "file:/e.nc", ../up.nc]
                  concat_dim: {name: time, items_per_file: 24}
                """);
        Recipe r = RecipeYaml.load(file);
        String base = dir.toAbsolutePath().normalize().toString();
        assertThat(r.filePattern().inputs()).extracting(InputFile::url).containsExactly(
                base + "/a.nc", base + "/sub/b.nc", "/abs/c.nc", "s3a://bucket/d.nc", "file:/e.nc",
                dir.toAbsolutePath().normalize().getParent() + "/up.nc");
        assertThat(r.filePattern().concatDim().orElseThrow().keys()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(r.filePattern().concatDim().orElseThrow().itemsPerFile()).isEqualTo(24);
    }

    @Test
    void compressorShorthandAndDefaults() {
        // As written: the codec registry (spark-app) fills in the defaults, see CompressorRecipeTest.
        String yaml = YamlTexts.BASE + "compressor: COMPRESSOR\n";
        assertThat(RecipeYaml.parse(yaml.replace("COMPRESSOR", "zlib"), "r.yaml", null).compressor())
                .isEqualTo(Compressor.named("zlib"));
        assertThat(RecipeYaml.parse(yaml.replace("COMPRESSOR", "none"), "r.yaml", null).compressor())
                .isEqualTo(new Compressor("none", null, null));
        assertThat(RecipeYaml.parse(yaml.replace("COMPRESSOR", "{name: blosc-lz4, shuffle: false}"), "r.yaml", null)
                .compressor()).isEqualTo(new Compressor("blosc-lz4", null, false));
        assertThat(RecipeYaml.parse(yaml.replace("COMPRESSOR", "{name: zstd, level: -7}"), "r.yaml", null)
                .compressor()).isEqualTo(new Compressor("zstd", -7, null));
    }

    @Test
    void emptyOptionalSectionsMeanLeftOut() {
        Recipe r = RecipeYaml.parse(YamlTexts.BASE + "drop_variables:\nset_attributes:\npreprocess:\n", "r.yaml", null);
        assertThat(r.dropVariables()).isEmpty();
        assertThat(r.setAttributes()).isEmpty();
        assertThat(r.preprocessors()).isEmpty();
    }

    @Test
    void templateWithoutDimensionsIsOneInput() {
        Recipe r = RecipeYaml.parse("file_pattern: {template: \"http://host/one.nc\"}\n", "r.yaml", Path.of("/x"));
        assertThat(r.filePattern().inputs()).extracting(InputFile::url).containsExactly("http://host/one.nc");
    }

    @Test
    void parsedRecipeCanBePruned() {
        Recipe r = RecipeYaml.parse(YamlTexts.BASE, "r.yaml", null);
        assertThat(r.pruned(2).filePattern().inputs()).extracting(InputFile::url)
                .containsExactly("data/19810901.nc", "data/19810902.nc");
    }
}
