package org.arcoforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeException;
import org.arcoforge.recipe.RecipeYaml;
import org.arcoforge.stage.JobSpec;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recipe's compressor as the codec registry checks it where the recipe enters the application:
 * the YAML loader (with the line of the field), the Java API (JobSpec) and the commands. These
 * cases were recipe-dsl's before the registry became the only place that knows names and levels.
 */
class CompressorRecipeTest {
    private static final String SOURCE = "recipes/bad.yaml";
    private static final String BASE = """
            name: test
            file_pattern:
              template: "data/{time:yyyyMMdd}.nc"
              concat_dim:
                name: time
                keys: {dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}
            target_chunks: {time: 10}
            """;

    @TempDir
    Path tmp;

    private static int lineOf(String text, String snippet) {
        int at = text.indexOf(snippet);
        assertThat(at).as(snippet).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private static AbstractStringAssert<?> failsAt(String yaml, String at) {
        return assertThatThrownBy(() -> RecipeYaml.parse(yaml, SOURCE, null, CodecRegistry::problems))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining(SOURCE + " line " + lineOf(yaml, at) + ",")
                .extracting(Throwable::getMessage, org.assertj.core.api.InstanceOfAssertFactories.STRING);
    }

    @Test
    void unknownCompressor() {
        String yaml = BASE + "compressor:\n  name: lz4\n";
        failsAt(yaml, "lz4").contains("compressor.name must be one of none, zlib, zstd, blosc-lz4")
                .contains("got \"lz4\"");
    }

    @ParameterizedTest
    @CsvSource({"zlib, 10, from 0 to 9", "zlib, -1, from 0 to 9", "zstd, 23, from -131072 to 22",
                "zstd, -131073, from -131072 to 22", "blosc-lz4, 10, from 0 to 9", "blosc-zstd, -1, from 0 to 9",
                "none, 3, 0"})
    void levelOutOfRange(String name, int level, String range) {
        String yaml = BASE + "compressor:\n  name: " + name + "\n  level: " + level + "\n";
        failsAt(yaml, "level:").contains("compressor.level for " + name + " must be " + range + ", got " + level);
    }

    @Test
    void severalProblemsAreAllReported() {
        String yaml = BASE + "inputs_per_chunk: 0\ncompressor: {name: zlib, level: 12}\n";
        failsAt(yaml, "inputs_per_chunk")
                .contains("inputs_per_chunk must be a positive integer, got 0")
                .contains(SOURCE + " line " + lineOf(yaml, "compressor") + ", column ")
                .contains("compressor.level for zlib must be from 0 to 9, got 12");
    }

    @Test
    void javaAndYamlReportTheSameProblem() {
        Recipe ok = RecipeYaml.parse(BASE, SOURCE, null);
        for (List<String> c : List.of(
                List.of("zlib", "10", "compressor: {name: zlib, level: 10}",
                        "compressor.level for zlib must be from 0 to 9, got 10"),
                List.of("lzma", "1", "compressor: {name: lzma}",
                        "compressor.name must be one of none, zlib, zstd, blosc-lz4, blosc-lz4hc, blosc-zstd, blosc-zlib,"
                                + " blosc-blosclz, got \"lzma\""))) {
            Recipe bad = ok.toBuilder().name("oisst").source("java")
                    .compressor(new Compressor(c.get(0), Integer.parseInt(c.get(1)), true)).build();
            assertThatThrownBy(() -> new JobSpec(bad, tmp.resolve("t.zarr").toString(), Map.of(), false))
                    .isInstanceOf(RecipeException.class).hasMessage("recipe 'oisst': " + c.get(3));
            assertThatThrownBy(() -> RecipeYaml.parse(BASE + c.get(2) + "\n", SOURCE, null, CodecRegistry::problems))
                    .hasMessageEndingWith(": " + c.get(3));
        }
    }

    @Test
    void aRunGetsTheCompressorWrittenOutInFull() {
        String yaml = BASE + "compressor: COMPRESSOR\n";
        for (String[] c : new String[][] {{"zlib", "zlib level 1 + shuffle"}, {"none", "none"},
                {"{name: blosc-lz4, shuffle: false}", "blosc-lz4 level 5"}, {"{name: zstd, level: -7}", "zstd level -7 + shuffle"}}) {
            Recipe r = RecipeYaml.parse(yaml.replace("COMPRESSOR", c[0]), "r.yaml", null);
            JobSpec job = new JobSpec(r, tmp.resolve("t.zarr").toString(), Map.of(), false);
            assertThat(job.recipe().compressor().label()).isEqualTo(c[1]);
            assertThat(job.recipe().compressor().level()).isNotNull();
            assertThat(job.recipe().compressor().shuffle()).isNotNull();
        }
        // The store's recipe hash does not depend on whether the author wrote the defaults out.
        Recipe shorthand = RecipeYaml.parse(yaml.replace("COMPRESSOR", "zlib"), "r.yaml", null);
        Recipe full = RecipeYaml.parse(yaml.replace("COMPRESSOR", "{name: zlib, level: 1, shuffle: true}"), "r.yaml", null);
        assertThat(CodecRegistry.complete(shorthand).fingerprint()).isEqualTo(full.fingerprint());
    }

    @Test
    void commandsStopOnABadLevelWithOneLineNamingTheField() throws Exception {
        Path recipe = Files.writeString(tmp.resolve("r.yaml"), BASE + "compressor: {name: zstd, level: 40}\n");
        for (String command : List.of("validate", "check", "plan", "run")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> args = command.equals("run") ? List.of(command, recipe.toString(), "--target=" + tmp.resolve("t.zarr"))
                    : List.of(command, recipe.toString());
            int code = ArcoForge.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                    args.toArray(String[]::new));
            assertThat(code).as(command).isNotZero();
            assertThat(err.toString()).as(command).isEqualTo("error: " + recipe + " line 8, column 33:"
                    + " compressor.level for zstd must be from -131072 to 22, got 40\n");
            assertThat(tmp.resolve("t.zarr")).doesNotExist();
        }
    }
}
