package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;
import org.junit.jupiter.api.Test;

class SchemaCombinationTest {
    private static final List<String> TL = List.of("time", "lat");

    private static List<InputMetadata> twoByTwo(DType secondType) {
        return List.of(
                input(0, 0, 0).dim("time", 2).dim("lat", 3).var("lat", DType.FLOAT32, List.of("lat"))
                        .var("a", DType.FLOAT32, TL).build(),
                input(1, 0, 1).dim("time", 2).dim("lat", 3).var("b", DType.INT16, TL).var("lat", DType.FLOAT32, List.of("lat")).build(),
                input(2, 1, 0).dim("time", 4).dim("lat", 3).var("lat", DType.FLOAT32, List.of("lat"))
                        .var("a", secondType, TL).build(),
                input(3, 1, 1).dim("time", 4).dim("lat", 3).var("b", DType.INT16, TL).var("lat", DType.FLOAT32, List.of("lat")).build());
    }

    @Test
    void variablesInFirstInputOrderMergeInputsInOrder() {
        SchemaCombination.Combined c = SchemaCombination.combine(PatternGrid.of(twoByTwo(DType.FLOAT32), "time", null));
        assertThat(c.variables().keySet()).containsExactly("lat", "a", "b");
        assertThat(c.dimLengths()).containsExactly(Map.entry("lat", 3L));
        VariableSpec b = c.variables().get("b");
        assertThat(b.mergeIndex()).isEqualTo(1);
        assertThat(b.concatAxis()).isZero();
        assertThat(b.dtype()).isEqualTo(DType.INT16);
        assertThat(b.transforms()).isNull();
        assertThat(b.shape()).as("no layout before chunk choice").isNull();
        assertThat(c.variables().get("lat").alongConcat()).isFalse();
        assertThat(c.variables().get("lat").isDimensionCoordinate()).isTrue();
        assertThat(c.length("time", PatternGrid.of(twoByTwo(DType.FLOAT32), "time", null))).isEqualTo(6);
    }

    @Test
    void specsAreImmutable() {
        SchemaCombination.Combined c = SchemaCombination.combine(PatternGrid.of(twoByTwo(DType.FLOAT32), "time", null));
        assertThatThrownBy(() -> c.variables().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.dimLengths().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
        VariableSpec a = c.variables().get("a").withLayout(new long[] {6, 3}, new int[] {2, 3});
        a.shape()[0] = 99;
        a.chunks()[0] = 99;
        assertThat(a.shape()).containsExactly(6, 3);
        assertThat(a.chunks()).containsExactly(2, 3);
        VariableSpec w = a.withEncoding(DType.FLOAT64, new HashMap<>(Map.of("units", "K")), null);
        assertThatThrownBy(() -> w.attrs().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(a.dtype()).as("withers leave the original").isEqualTo(DType.FLOAT32);
    }

    @Test
    void refusesInputsThatDoNotFit() {
        assertThatThrownBy(() -> SchemaCombination.combine(PatternGrid.of(twoByTwo(DType.FLOAT64), "time", null)))
                .isInstanceOf(PlanException.class).hasMessageContaining("file-c1-m0.nc: variable 'a' is stored as FLOAT64");
        List<InputMetadata> lat = List.of(input(0, 0, 0).dim("time", 1).dim("lat", 3).var("a", DType.FLOAT32, TL).build(),
                input(1, 1, 0).dim("time", 1).dim("lat", 4).var("a", DType.FLOAT32, TL).build());
        assertThatThrownBy(() -> SchemaCombination.combine(PatternGrid.of(lat, "time", null)))
                .hasMessageContaining("dimension 'lat' (of variable 'a') has length 4 but it has length 3");
        List<InputMetadata> extra = List.of(input(0, 0, 0).dim("time", 1).var("a", DType.FLOAT32, List.of("time")).build(),
                input(1, 1, 0).dim("time", 1).var("a", DType.FLOAT32, List.of("time"))
                        .var("z", DType.FLOAT32, List.of("time")).build());
        assertThatThrownBy(() -> SchemaCombination.combine(PatternGrid.of(extra, "time", null)))
                .hasMessageContaining("has extra variable(s) [z]");
    }

    @Test
    void targetSchemaTakesTheRecipesAttributes() {
        List<InputMetadata> in = List.of(input(0, 0, 0).dim("x", 2).var("a", DType.FLOAT32, List.of("x"), "_FillValue", 1.5f)
                .global("title", "t").global("drop", "d").build());
        PatternGrid g = PatternGrid.of(in, null, null);
        VariableSpec a = SchemaCombination.combine(g).variables().get("a").withLayout(new long[] {2}, new int[] {2});
        Map<String, Object> set = new HashMap<>();
        set.put("drop", null);
        set.put("added", 1);
        TargetSchema s = SchemaCombination.target(g, List.of(a), set);
        assertThat(s.attributes()).containsOnlyKeys("title", "added");
        assertThat(s.variable("a").fillValue()).isEqualTo(1.5f);
        assertThat(s.variable("a").attributes()).doesNotContainKey("_FillValue");
        assertThat(s.dims()).containsExactly(Map.entry("x", 2L));
    }

    /** Random layouts: every variable of every input is in the specs once, with its first merge position and dims. */
    @Test
    void everyInputVariableIsCombinedOnce() {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            PlannerPropertiesTest.Scenario s = GoldenScenarios.scenario(r);
            List<InputMetadata> inputs = s.inputs();
            SchemaCombination.Combined c = SchemaCombination.combine(PatternGrid.of(inputs, "time", null));
            Map<String, Integer> firstMerge = new HashMap<>();
            for (InputMetadata im : inputs) {
                for (DatasetVariable v : im.dataset().variables().values()) {
                    firstMerge.merge(v.name(), im.input().mergeIndex(), Math::min);
                    VariableSpec spec = c.variables().get(v.name());
                    assertThat(spec).isNotNull();
                    assertThat(spec.dims()).isEqualTo(v.dims());
                    for (int a = 0; a < v.dims().size(); a++) {
                        if (!v.dims().get(a).equals("time")) {
                            assertThat(c.dimLengths().get(v.dims().get(a))).isEqualTo(v.shape()[a]);
                        }
                    }
                }
            }
            assertThat(c.variables().keySet()).containsExactlyInAnyOrderElementsOf(firstMerge.keySet());
            firstMerge.forEach((name, m) -> assertThat(c.variables().get(name).mergeIndex()).isEqualTo(m));
        }
    }
}
