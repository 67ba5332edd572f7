package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;
import org.junit.jupiter.api.Test;

class PreprocessorsTest {
    /** The same variables with (data) or without (metadata) values. */
    private static Dataset dataset(boolean data, String... names) {
        List<DatasetVariable> vars = new java.util.ArrayList<>();
        for (String n : names) {
            vars.add(new DatasetVariable(n, List.of("time"), new long[] {2}, DType.FLOAT32,
                    new LinkedHashMap<>(Map.of("units", "K")), data ? new float[] {1f, 2f} : null));
        }
        return new Dataset("s3a://b/in-" + String.join("-", names) + ".nc", Map.of(), vars);
    }

    private static Map<String, String> nameMap(Dataset f) {
        Map<String, String> out = new LinkedHashMap<>();
        f.variables().forEach((k, v) -> out.put(k, v.sourceName()));
        return out;
    }

    @Test
    void renameWorksAlikeOnMetadataAndData() {
        Preprocessor p = Preprocessors.renameVariables(Map.of("analysed_sst", "sst"));
        Dataset meta = dataset(false, "time", "analysed_sst", "mask");
        Dataset data = dataset(true, "time", "analysed_sst", "mask");
        p.apply(meta);
        p.apply(data);
        assertThat(meta.hasData()).isFalse();
        assertThat(data.hasData()).isTrue();
        assertThat(nameMap(meta)).containsExactly(Map.entry("time", "time"), Map.entry("sst", "analysed_sst"),
                Map.entry("mask", "mask"));
        assertThat(nameMap(data)).isEqualTo(nameMap(meta));
        assertThat(data.variable("sst").name()).isEqualTo("sst");
        assertThat((float[]) data.variable("sst").data()).containsExactly(1f, 2f);
    }

    @Test
    void renameOfAnAbsentVariableIsNoError() {
        Dataset f = dataset(true, "time", "mask");
        Preprocessors.renameVariables(Map.of("analysed_sst", "sst")).apply(f);
        assertThat(f.variables()).containsOnlyKeys("time", "mask");
    }

    @Test
    void renameOntoAnExistingNameNamesTheInput() {
        Dataset f = dataset(false, "analysed_sst", "sst");
        assertThatThrownBy(() -> Preprocessors.renameVariables(Map.of("analysed_sst", "sst")).apply(f))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("cannot rename 'analysed_sst' to 'sst' in " + f.location())
                .hasMessageContaining("already exists");
        assertThat(f.variables()).as("left untouched").containsOnlyKeys("analysed_sst", "sst");
    }

    @Test
    void renamesHappenAtOnce() {
        Map<String, String> swap = new LinkedHashMap<>();
        swap.put("a", "b");
        swap.put("b", "a");
        Dataset f = dataset(false, "a", "b");
        Preprocessors.renameVariables(swap).apply(f);
        assertThat(nameMap(f)).containsExactly(Map.entry("b", "a"), Map.entry("a", "b"));

        Map<String, String> twoOntoOne = new HashMap<>(Map.of("a", "c", "b", "c"));
        assertThatThrownBy(() -> Preprocessors.renameVariables(twoOntoOne)).hasMessageContaining("to 'c'");
    }

    @Test
    void setVariableAttributes() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("long_name", "sea surface temperature");
        attrs.put("valid_range", List.of(-3.0, 45.0));
        attrs.put("units", null);
        Preprocessor p = Preprocessors.setVariableAttributes(Map.of("sst", attrs, "absent", Map.of("x", 1)));
        for (boolean data : new boolean[] {false, true}) {
            Dataset f = dataset(data, "sst", "mask");
            p.apply(f);
            assertThat(f.variable("sst").attributes()).containsOnly(
                    Map.entry("long_name", "sea surface temperature"), Map.entry("valid_range", List.of(-3.0, 45.0)));
            assertThat(f.variable("mask").attributes()).containsOnly(Map.entry("units", "K"));
        }
        assertThatThrownBy(() -> Preprocessors.setVariableAttributes(Map.of("sst", Map.of("flag", true))))
                .hasMessageContaining("set_variable_attributes.sst.flag must be text, a number");
    }

    @Test
    void byName() {
        assertThat(Preprocessors.byName("rename_variables", Map.of("a", "b")))
                .isEqualTo(Preprocessors.renameVariables(Map.of("a", "b")));
        assertThat(Preprocessors.byName("set_variable_attributes", Map.of("a", Map.of("units", "K"))))
                .isEqualTo(Preprocessors.setVariableAttributes(Map.of("a", Map.of("units", "K"))));
        assertThatThrownBy(() -> Preprocessors.byName("drop", Map.of()))
                .isInstanceOf(RecipeException.class)
                .hasMessageContaining("unknown preprocess step 'drop'")
                .hasMessageContaining(String.join(", ", Preprocessors.names()));
        assertThatThrownBy(() -> Preprocessors.byName("rename_variables", List.of("a")))
                .hasMessageContaining("rename_variables needs a mapping of old name to new name");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        Preprocessor p = Preprocessors.renameVariables(Map.of("a", "b"));
        Preprocessor copy = JavaSerialization.roundTrip(p);
        assertThat(copy).isEqualTo(p);
        Dataset f = dataset(true, "a");
        copy.apply(f);
        assertThat(f.variables()).containsOnlyKeys("b");
    }
}
