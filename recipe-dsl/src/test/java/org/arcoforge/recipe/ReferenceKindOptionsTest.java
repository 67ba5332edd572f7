package org.arcoforge.recipe;

import static org.arcoforge.recipe.YamlTexts.BASE;
import static org.arcoforge.recipe.YamlTexts.failsAt;
import static org.arcoforge.recipe.YamlTexts.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** kind: reference: YAML and Java alike; what changes values or encoding is refused by field. */
class ReferenceKindOptionsTest {
    private static final String REF = replace(BASE, "target_chunks: {time: 10}\n", "") + "kind: reference\n";

    @Test
    void yamlAndJavaGiveTheSameRecipe() {
        Recipe y = RecipeYaml.parse(REF, YamlTexts.SOURCE, null);
        assertThat(y.kind()).isEqualTo("reference");
        assertThat(y.isReference()).isTrue();
        Recipe j = Recipe.builder(y.filePattern()).name("test").kind("reference").build();
        assertThat(j.fingerprint()).isEqualTo(y.fingerprint());
        assertThat(j.toBuilder().build().isReference()).isTrue();
    }

    @Test
    void defaultIsZarrAndItsFingerprintIsUnchanged() {
        Recipe r = RecipeYaml.parse(BASE, YamlTexts.SOURCE, null);
        assertThat(r.kind()).isEqualTo("zarr");
        assertThat(r.canonicalForm()).doesNotContain("kind");
        Recipe zarr = RecipeYaml.parse(BASE + "kind: zarr\n", YamlTexts.SOURCE, null);
        assertThat(zarr.fingerprint()).isEqualTo(r.fingerprint());
        assertThat(RecipeYaml.parse(REF, YamlTexts.SOURCE, null).fingerprint())
                .isNotEqualTo(RecipeYaml.parse(replace(REF, "kind: reference\n", ""), YamlTexts.SOURCE, null).fingerprint());
    }

    @Test
    void unknownKind() {
        failsAt(replace(REF, "kind: reference", "kind: virtual"), "virtual", false)
                .contains("kind must be zarr").contains("got virtual");
    }

    @Test
    void optionsThatChangeTheEncodingAreRefused() {
        failsAt(REF + "target_chunks: {time: 10}\n", "target_chunks:", false)
                .contains("target_chunks cannot be used with kind: reference");
        failsAt(REF + "encoding: {sst: {dtype: float32}}\n", "encoding:", false)
                .contains("encoding cannot be used with kind: reference");
        failsAt(REF + "zarr_format: 3\n", "zarr_format:", false).contains("kind: reference");
    }

    @Test
    void metadataPreprocessorsAllowedJavaOnesRefused() {
        Recipe ok = RecipeYaml.parse(REF + "preprocess:\n  - rename_variables: {sst: temperature}\n"
                + "  - set_variable_attributes: {temperature: {units: degC}}\n", YamlTexts.SOURCE, null);
        assertThat(ok.preprocessors()).hasSize(2);
        Preprocessor doubling = ds -> { };
        assertThatThrownBy(() -> ok.toBuilder().preprocess(doubling).build())
                .hasMessageContaining("preprocess[2]").hasMessageContaining("may change values")
                .hasMessageContaining("kind: zarr");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Recipe r = RecipeYaml.parse(REF, YamlTexts.SOURCE, null);
        assertThat(JavaSerialization.roundTrip(r).isReference()).isTrue();
        assertThat(Map.of("k", r.kind())).containsEntry("k", "reference");
    }
}
