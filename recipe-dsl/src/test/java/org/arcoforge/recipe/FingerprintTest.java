package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintTest {
    static final String FULL = """
            name: a
            file_pattern:
              template: "data/{time:yyyyMMdd}_{v}.nc"
              concat_dim: {name: time, keys: {dates: {start: 1981-09-01, end: 1981-09-10, step: P1D}}, items_per_file: 1}
              merge_dim: {name: v, keys: [sst, ice]}
            file_type: netcdf4
            target_chunks: {time: 10, lat: 360, lon: 720}
            inputs_per_chunk: 2
            compressor: {name: zstd, level: 3, shuffle: true}
            drop_variables: [anom, err]
            set_attributes: {title: "Daily OISST", version: 2}
            preprocess:
              - rename_variables: {analysed_sst: sst, sea_ice: ice}
              - set_variable_attributes: {sst: {units: K, long_name: x}}
            """;

    private static Recipe parse(String yaml) {
        return RecipeYaml.parse(yaml, "a.yaml", Path.of("/one"));
    }

    @Test
    void isSha256Hex() {
        assertThat(parse(FULL).fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void ignoresMapOrderNameSourceAndLocation() {
        String reordered = """
                preprocess:
                  - rename_variables: {sea_ice: ice, analysed_sst: sst}
                  - set_variable_attributes: {sst: {long_name: x, units: K}}
                set_attributes: {version: 2, title: "Daily OISST"}
                drop_variables: [err, anom]
                compressor: {shuffle: true, level: 3, name: zstd}
                target_chunks: {lon: 720, time: 10, lat: 360}
                inputs_per_chunk: 2
                file_type: netcdf4
                file_pattern:
                  merge_dim: {keys: [sst, ice], name: v}
                  concat_dim: {items_per_file: 1, keys: {dates: {step: P1D, end: 1981-09-10, start: 1981-09-01}}, name: time}
                  template: "data/{time:yyyyMMdd}_{v}.nc"
                name: b
                """;
        Recipe a = parse(FULL);
        Recipe b = RecipeYaml.parse(reordered, "elsewhere/b.yaml", Path.of("/two/dirs"));
        assertThat(a.filePattern().template()).isNotEqualTo(b.filePattern().template());
        assertThat(b.canonicalForm()).isEqualTo(a.canonicalForm());
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    }

    /** Each edit of FULL changes the output, so it must change the fingerprint. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{time:yyyyMMdd}_{v}|{time:yyyyMMdd}-{v}",
            "end: 1981-09-10|end: 1981-09-11",
            "items_per_file: 1|items_per_file: 2",
            "[sst, ice]|[ice, sst]",
            "netcdf4|netcdf3",
            "lat: 360|lat: 180",
            "inputs_per_chunk: 2|inputs_per_chunk: 3",
            "level: 3|level: 4",
            "shuffle: true|shuffle: false",
            "name: zstd|name: zlib",
            "[anom, err]|[anom]",
            "version: 2|version: 2.0",
            "title: \"Daily OISST\"|title: \"Daily\"",
            "sea_ice: ice|sea_ice: seaice",
            "units: K|units: degC",
    })
    void changesWithEveryOutputSetting(String from, String to) {
        assertThat(parse(YamlTexts.replace(FULL, from, to)).fingerprint()).isNotEqualTo(parse(FULL).fingerprint());
    }

    @Test
    void changesWithADimensionName() {
        String renamed = YamlTexts.replace(YamlTexts.replace(FULL, "name: v,", "name: w,"), "_{v}", "_{w}");
        assertThat(parse(renamed).fingerprint()).isNotEqualTo(parse(FULL).fingerprint());
    }

    @Test
    void changesWithTheOrderOfPreprocessSteps() {
        String swapped = FULL.replace("""
                  - rename_variables: {analysed_sst: sst, sea_ice: ice}
                  - set_variable_attributes: {sst: {units: K, long_name: x}}
                """, """
                  - set_variable_attributes: {sst: {units: K, long_name: x}}
                  - rename_variables: {analysed_sst: sst, sea_ice: ice}
                """);
        assertThat(swapped).isNotEqualTo(FULL);
        assertThat(parse(swapped).fingerprint()).isNotEqualTo(parse(FULL).fingerprint());
    }

    @Test
    void pruningChangesIt() {
        Recipe r = parse(FULL);
        Set<String> prints = new HashSet<>(List.of(r.fingerprint(), r.pruned(1).fingerprint(), r.pruned(2).fingerprint()));
        assertThat(prints).hasSize(3);
        assertThat(r.pruned(1).fingerprint()).isEqualTo(r.pruned(1).fingerprint());
    }

    @Test
    void keyTypesMatter() {
        Recipe ints = Recipe.builder(FilePattern.template("{k}.nc", MergeDim.of("k", List.of(1, 2)))).build();
        Recipe texts = Recipe.builder(FilePattern.template("{k}.nc", MergeDim.of("k", List.of("1", "2")))).build();
        assertThat(ints.filePattern().inputs()).extracting(InputFile::url)
                .isEqualTo(texts.filePattern().inputs().stream().map(InputFile::url).toList());
        assertThat(ints.fingerprint()).isNotEqualTo(texts.fingerprint());
    }

    private static Preprocessor doubler() {
        return f -> f.attributes().put("doubled", "yes");
    }

    private static Preprocessor other() {
        return f -> f.attributes().put("other", "yes");
    }

    @Test
    void javaLambdasAreIdentifiedByTheirCode() {
        FilePattern p = FilePattern.template("{k}.nc", MergeDim.of("k", List.of("a")));
        Recipe one = Recipe.builder(p).preprocess(doubler()).build();
        Recipe again = Recipe.builder(p).preprocess(doubler()).build();
        Recipe different = Recipe.builder(p).preprocess(other()).build();
        assertThat(again.fingerprint()).isEqualTo(one.fingerprint());
        assertThat(different.fingerprint()).isNotEqualTo(one.fingerprint());
        // The run-specific part of a lambda's class name ($$Lambda$42/0x...) must not leak in.
        assertThat(Fingerprint.javaIdentity(doubler())).startsWith(FingerprintTest.class.getName() + "::lambda$")
                .doesNotContain("$$Lambda").doesNotContain("0x");
    }

    static final class NamedStep implements Preprocessor {
        @Override
        public void apply(org.arcoforge.recipe.data.Dataset dataset) {
        }
    }

    @Test
    void javaClassesAreIdentifiedByName() {
        assertThat(Fingerprint.javaIdentity(new NamedStep())).isEqualTo(NamedStep.class.getName());
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Recipe r = parse(FULL);
        Recipe copy = JavaSerialization.roundTrip(r);
        assertThat(copy.fingerprint()).isEqualTo(r.fingerprint());
        assertThat(copy.filePattern().inputs()).isEqualTo(r.filePattern().inputs());
    }
}
