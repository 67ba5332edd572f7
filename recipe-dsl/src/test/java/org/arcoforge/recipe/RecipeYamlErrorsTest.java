package org.arcoforge.recipe;

import static org.arcoforge.recipe.YamlTexts.BASE;
import static org.arcoforge.recipe.YamlTexts.failsAt;
import static org.arcoforge.recipe.YamlTexts.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every message names the file, the line and column where the problem is written, and the field. */
class RecipeYamlErrorsTest {
    @Test
    void baseRecipeIsValid() {
        // The cases below edit BASE: if BASE itself failed they would prove nothing.
        assertThat(RecipeYaml.parse(BASE, YamlTexts.SOURCE, null).filePattern().inputs()).hasSize(5);
    }

    @Test
    void unknownTopLevelFieldSuggestsTheNearOne() {
        String yaml = replace(BASE, "target_chunks:", "target_chunk:");
        failsAt(yaml, "target_chunk:", true)
                .contains("unknown field 'target_chunk' in recipe (did you mean 'target_chunks'?)");
    }

    @Test
    void unknownFieldWithoutNearMatchListsTheKnownOnes() {
        String yaml = BASE + "colour: blue\n";
        failsAt(yaml, "colour:", true).contains("unknown field 'colour' in recipe (known fields: name, file_pattern,");
    }

    @Test
    void camelCaseFieldSuggestsSnakeCase() {
        String yaml = BASE + "inputsPerChunk: 2\n";
        failsAt(yaml, "inputsPerChunk", true).contains("did you mean 'inputs_per_chunk'?");
    }

    @Test
    void unknownNestedField() {
        String yaml = replace(BASE, "    name: time\n", "    name: time\n    itemz_per_file: 3\n");
        failsAt(yaml, "itemz_per_file", true)
                .contains("unknown field 'itemz_per_file' in file_pattern.concat_dim (did you mean 'items_per_file'?)");
    }

    @Test
    void chunkThatIsNotANumber() {
        String yaml = replace(BASE, "{time: 10}", "{time: 10, lat: abc}");
        failsAt(yaml, "abc", true).contains("target_chunks.lat must be a positive integer, got \"abc\"");
    }

    @ParameterizedTest
    @CsvSource({"0", "-3"})
    void nonPositiveChunk(String value) {
        String yaml = replace(BASE, "target_chunks: {time: 10}", "target_chunks:\n  time: 10\n  lat: " + value);
        failsAt(yaml, "lat: " + value, false).contains("target_chunks.lat must be a positive integer, got " + value);
    }

    @Test
    void fractionalChunk() {
        String yaml = replace(BASE, "{time: 10}", "{time: 2.5}");
        failsAt(yaml, "2.5", true).contains("target_chunks.time must be a positive integer, got 2.5");
    }

    @ParameterizedTest
    @CsvSource({"inputs_per_chunk: 0, inputs_per_chunk must be a positive integer, got 0",
                "inputs_per_chunk: many, inputs_per_chunk must be a positive integer, got \"many\""})
    void badInputsPerChunk(String line, String message) {
        String yaml = BASE + line + "\n";
        failsAt(yaml, line, false).contains(message);
    }

    @Test
    void nonPositiveItemsPerFile() {
        String yaml = replace(BASE, "    name: time\n", "    name: time\n    items_per_file: 0\n");
        failsAt(yaml, "items_per_file", false)
                .contains("file_pattern.concat_dim.items_per_file must be a positive integer, got 0");
    }

    @Test
    void missingFilePattern() {
        String yaml = "name: x\ntarget_chunks: {time: 1}\n";
        failsAt(yaml, "name", true).contains("no file_pattern");
    }

    @Test
    void emptyRecipe() {
        failsAt("# nothing here\n", "#", true).contains("the recipe is empty");
    }

    @Test
    void missingConcatDimName() {
        String yaml = replace(BASE, "    name: time\n", "");
        failsAt(yaml, "concat_dim:", true).contains("file_pattern.concat_dim needs a name");
    }

    @Test
    void missingKeys() {
        String yaml = replace(BASE, "    keys: {dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}\n", "");
        failsAt(yaml, "concat_dim:", true).contains("file_pattern.concat_dim needs keys");
    }

    @Test
    void emptyKeys() {
        String yaml = replace(BASE, "{dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}", "[]");
        failsAt(yaml, "keys:", true).contains("file_pattern.concat_dim.keys is empty");
    }

    @Test
    void unknownKeysForm() {
        String yaml = replace(BASE, "{dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}", "{date: x}");
        failsAt(yaml, "date:", true).contains("unknown field 'date' in file_pattern.concat_dim.keys (did you mean 'dates'?)");
    }

    @Test
    void badDate() {
        String yaml = replace(BASE, "start: 1981-09-01", "start: 1981-13-01");
        failsAt(yaml, "1981-13-01", true)
                .contains("file_pattern.concat_dim.keys.dates.start must be a date like 1981-09-01")
                .contains("got \"1981-13-01\"");
    }

    @Test
    void endBeforeStart() {
        String yaml = replace(BASE, "end: 1981-09-05", "end: 1981-08-05");
        failsAt(yaml, "1981-08-05", true).contains("file_pattern.concat_dim.keys.dates.end 1981-08-05 is before start");
        String times = replace(replace(replace(BASE, "start: 1981-09-01", "start: 1981-09-01T12:00"),
                "end: 1981-09-05", "end: 1981-09-01T06:00"), "step: P1D", "step: PT6H");
        failsAt(times, "1981-09-01T06:00", true)
                .contains("file_pattern.concat_dim.keys.dates.end 1981-09-01T06:00 is before start 1981-09-01T12:00");
    }

    @Test
    void badStep() {
        String yaml = replace(BASE, "step: P1D", "step: 1D");
        failsAt(yaml, "1D}", true).contains("file_pattern.concat_dim.keys.dates.step must be an ISO-8601 period like P1D");
    }

    @Test
    void durationStepOnDates() {
        String yaml = replace(BASE, "step: P1D", "step: PT6H");
        failsAt(yaml, "PT6H", true).contains("file_pattern.concat_dim.keys.dates.step PT6H is a duration");
    }

    @Test
    void emptyRange() {
        String yaml = replace(replace(BASE, "{dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}",
                "{range: {start: 5, stop: 5}}"), "{time:yyyyMMdd}", "{time}");
        failsAt(yaml, "range:", true).contains("file_pattern.concat_dim.keys.range: ").contains("gives no keys");
    }

    // Unknown compressor names and levels out of range: spark-app's CompressorRecipeTest (the codec
    // registry knows them); recipe-dsl only asks for a name.
    @Test
    void compressorWithoutAName() {
        String yaml = BASE + "compressor:\n  name: \"\"\n";
        failsAt(yaml, "\"\"", true).contains("compressor.name is empty: give a value");
    }

    @Test
    void unknownFileType() {
        String yaml = BASE + "file_type: hdf5\n";
        failsAt(yaml, "hdf5", true).contains("file_type must be one of netcdf3, netcdf4, auto, got \"hdf5\"");
    }

    @Test
    void unknownPreprocessListsTheBuiltIns() {
        String yaml = BASE + "preprocess:\n  - rename: {a: b}\n";
        failsAt(yaml, "rename:", true).contains("preprocess[0]: unknown preprocess step 'rename'")
                .contains("rename_variables").contains("set_variable_attributes");
    }

    @Test
    void badPreprocessArguments() {
        String yaml = BASE + "preprocess:\n  - set_variable_attributes: {sst: {units: degC}}\n  - rename_variables: {a: 5}\n";
        failsAt(yaml, "{a: 5}", true).contains("preprocess[1].rename_variables.a must be the new name (text), got 5");
    }

    @Test
    void preprocessStepMustBeOneEntry() {
        String yaml = BASE + "preprocess:\n  - rename_variables\n";
        failsAt(yaml, "- rename_variables", false).contains("preprocess[0] must be one step written as 'name: arguments'");
    }

    @Test
    void mergeDimWithoutPlaceholder() {
        String yaml = replace(BASE, "target_chunks:", "  merge_dim: {name: variable, keys: [sst, ice]}\ntarget_chunks:");
        failsAt(yaml, "\"data/", true).contains("file_pattern.template has no placeholder {variable} for the merge dimension");
    }

    @Test
    void placeholderThatIsNoDimension() {
        String yaml = replace(BASE, "{time:yyyyMMdd}", "{date:yyyyMMdd}");
        failsAt(yaml, "\"data/", true).contains("file_pattern.template has placeholder {date:yyyyMMdd} but the combine dimensions are [time]");
    }

    @Test
    void datePatternOnKeysThatAreNotDates() {
        String yaml = replace(BASE, "{dates: {start: 1981-09-01, end: 1981-09-05, step: P1D}}", "[a, b]");
        failsAt(yaml, "\"data/", true).contains("file_pattern.template").contains("is a date pattern but the key 'a' is not a date");
    }

    @Test
    void templateThatMergesInputsIntoOneFile() {
        String yaml = replace(BASE, "{time:yyyyMMdd}", "{time:yyyyMM}");
        failsAt(yaml, "\"data/", true).contains("file_pattern.template gives the same file 'data/198109.nc'");
    }

    @Test
    void unclosedPlaceholder() {
        String yaml = replace(BASE, "{time:yyyyMMdd}", "{time:yyyyMMdd");
        failsAt(yaml, "\"data/", true).contains("file_pattern.template unclosed '{'");
    }

    @Test
    void wrongTypes() {
        failsAt(replace(BASE, "target_chunks: {time: 10}", "target_chunks: [10]"), "[10]", true)
                .contains("target_chunks must be a mapping of name: value pairs");
        failsAt(replace(BASE, "name: test", "name: 2023"), "2023", true)
                .contains("name must be text, got 2023 (put it in quotes: \"2023\")");
        failsAt(BASE + "drop_variables: anom\n", "anom", true).contains("drop_variables must be a list of names");
        failsAt(BASE + "compressor: {name: zstd, shuffle: yes please}\n", "yes please", true)
                .contains("compressor.shuffle must be true or false, got \"yes please\"");
    }

    @Test
    void badAttributeValue() {
        String yaml = BASE + "set_attributes:\n  title: ok\n  nested: {a: 1}\n";
        failsAt(yaml, "nested:", true).contains("set_attributes.nested must be text, a number, true/false or a list of those, got a mapping");
    }

    @Test
    void templateAndFilesTogether() {
        String yaml = replace(BASE, "  concat_dim:", "  files: [a.nc]\n  concat_dim:");
        failsAt(yaml, "files:", true).contains("file_pattern has both template and files");
    }

    @Test
    void keysWithFiles() {
        String yaml = """
                file_pattern:
                  files: [a.nc, b.nc]
                  concat_dim: {name: time, keys: [1, 2]}
                """;
        failsAt(yaml, "keys:", true).contains("file_pattern.concat_dim.keys is not allowed with file_pattern.files");
    }

    @Test
    void duplicateField() {
        String yaml = BASE + "target_chunks: {time: 5}\n";
        String second = "target_chunks: {time: 5}";
        failsAt(yaml, second, true).contains("field 'target_chunks' appears twice in recipe (first on line "
                + YamlTexts.lineOf(yaml, "target_chunks:") + ")");
    }

    @Test
    void yamlSyntaxErrorPointsAtTheProblem() {
        String yaml = replace(BASE, "target_chunks: {time: 10}", "target_chunks: {time: 10\ninputs_per_chunk: 1");
        failsAt(yaml, "inputs_per_chunk", false).contains("this is not valid YAML: expected ',' or '}'")
                .contains("while parsing a flow mapping that starts on line " + YamlTexts.lineOf(yaml, "target_chunks"));
    }

    @Test
    void tabIndentation() {
        String yaml = BASE + "inputs_per_chunk:\n\t2\n";
        failsAt(yaml, "\t2", false).contains("this is not valid YAML").contains("TAB");
    }

    @Test
    void secondDocument() {
        String yaml = BASE + "---\nname: other\n";
        failsAt(yaml, "name: other", true).contains("only one YAML document per recipe file");
    }

    @Test
    void severalProblemsAreAllReported() {
        // The compressor case of this test is CompressorRecipeTest's.
        String yaml = replace(BASE, "{time: 10}", "{time: 0}") + "inputs_per_chunk: 0\n";
        failsAt(yaml, "inputs_per_chunk", false)
                .contains("inputs_per_chunk must be a positive integer, got 0")
                .contains(YamlTexts.SOURCE + " line " + YamlTexts.lineOf(yaml, "target_chunks") + ", column ")
                .contains("target_chunks.time must be a positive integer, got 0");
    }

    @Test
    void loadNamesTheFileItWasGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("oisst.yaml");
        Files.writeString(file, replace(BASE, "target_chunks:", "target_chunk:"));
        assertThatThrownBy(() -> RecipeYaml.load(file)).hasMessageStartingWith(file + " line 7, column 1: unknown field");
        assertThatThrownBy(() -> RecipeYaml.load(dir.resolve("missing.yaml")))
                .isInstanceOf(RecipeException.class).hasMessageContaining("missing.yaml: no such file");
    }
}
