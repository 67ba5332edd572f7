package org.arcoforge.recipe;

import static org.arcoforge.recipe.YamlTexts.BASE;
import static org.arcoforge.recipe.YamlTexts.failsAt;
import static org.arcoforge.recipe.YamlTexts.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** zarr_format and shards: read from YAML and Java alike, bad values named by field and line. */
class ZarrFormatOptionsTest {
    private static final String V3 = BASE + "zarr_format: 3\nshards: {time: 30}\n";

    @Test
    void yamlAndJavaGiveTheSameRecipe() {
        Recipe y = RecipeYaml.parse(V3, YamlTexts.SOURCE, null);
        assertThat(y.zarrFormat()).isEqualTo(3);
        assertThat(y.shards()).isEqualTo(Map.of("time", 30));
        FilePattern p = y.filePattern();
        Recipe j = Recipe.builder(p).name("test").targetChunk("time", 10).zarrFormat(3).shard("time", 30).build();
        assertThat(j.fingerprint()).isEqualTo(y.fingerprint());
        assertThat(j.toBuilder().build().shards()).isEqualTo(Map.of("time", 30));
    }

    @Test
    void defaultIsZarrV2AndItsFingerprintIsUnchanged() {
        Recipe r = RecipeYaml.parse(BASE, YamlTexts.SOURCE, null);
        assertThat(r.zarrFormat()).isEqualTo(2);
        assertThat(r.shards()).isEmpty();
        assertThat(r.canonicalForm()).doesNotContain("zarr_format").doesNotContain("shards");
        Recipe v3 = RecipeYaml.parse(BASE + "zarr_format: 3\n", YamlTexts.SOURCE, null);
        assertThat(v3.fingerprint()).isNotEqualTo(r.fingerprint());
        assertThat(RecipeYaml.parse(V3, YamlTexts.SOURCE, null).fingerprint()).isNotEqualTo(v3.fingerprint());
    }

    @Test
    void shardsNotAMultipleOfTheChunksNameTheDimension() {
        String yaml = replace(V3, "shards: {time: 30}", "shards: {time: 25}");
        failsAt(yaml, "25", true).contains("shards.time (25) must be a multiple of target_chunks.time (10)");
    }

    @Test
    void shardsNeedZarrV3() {
        String yaml = BASE + "shards: {time: 30}\n";
        failsAt(yaml, "shards:", false).contains("shards need zarr_format: 3");
        String two = replace(V3, "zarr_format: 3", "zarr_format: 2");
        failsAt(two, "shards:", false).contains("shards need zarr_format: 3");
    }

    @Test
    void unknownZarrFormat() {
        failsAt(replace(V3, "zarr_format: 3", "zarr_format: 4"), "4", false).contains("zarr_format must be 2 or 3, got 4");
    }

    @Test
    void nonPositiveShard() {
        failsAt(replace(V3, "{time: 30}", "{time: 0}"), "shards:", false).contains("shards.time must be a positive integer, got 0");
    }

    @Test
    void javaBuilderNamesTheSameFields() {
        FilePattern p = RecipeYaml.parse(BASE, YamlTexts.SOURCE, null).filePattern();
        assertThatThrownBy(() -> Recipe.builder(p).targetChunk("time", 10).zarrFormat(3).shard("time", 15).build())
                .hasMessageContaining("shards.time (15) must be a multiple of target_chunks.time (10)");
        assertThatThrownBy(() -> Recipe.builder(p).shards(Map.of("time", 10)).build())
                .hasMessageContaining("shards need zarr_format: 3");
        assertThat(List.of(Recipe.builder(p).zarrFormat(3).build().zarrFormat())).containsExactly(3);
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Recipe r = RecipeYaml.parse(V3, YamlTexts.SOURCE, null);
        Recipe back = JavaSerialization.roundTrip(r);
        assertThat(back.shards()).isEqualTo(Map.of("time", 30));
        assertThat(back.fingerprint()).isEqualTo(r.fingerprint());
    }
}
