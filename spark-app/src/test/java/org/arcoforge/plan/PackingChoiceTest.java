package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class PackingChoiceTest {
    private static PatternGrid packed(double... scales) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < scales.length; c++) {
            out.add(input(c, c, 0).dim("time", 2).var("sst", DType.INT16, List.of("time"), "scale_factor", scales[c],
                    "_FillValue", (short) -999, "valid_range", List.of(-3000, 4000)).build());
        }
        return PatternGrid.of(out, "time", null);
    }

    @Test
    void inputsPackedDifferentlyGetTransformsAndAWarning() {
        PatternGrid g = packed(0.01, 0.02);
        PackingChoice.Result r = PackingChoice.apply(g, SchemaCombination.combine(g).variables(), Map.of());
        VariableSpec sst = r.variables().get("sst");
        assertThat(sst.transform(0).isIdentity()).isTrue();
        assertThat(sst.transform(1).packing().inScale()).isEqualTo(0.02);
        assertThat(sst.attrs()).as("no encoding: the first input's attributes").isNull();
        assertThat(r.warnings()).singleElement().asString().contains("file-c1-m0.nc (scale_factor");
    }

    @Test
    void theRecipesEncodingSetsDtypeAttributesAndFill() {
        PatternGrid g = packed(0.01, 0.01);
        PackingChoice.Result r = PackingChoice.apply(g, SchemaCombination.combine(g).variables(),
                Map.of("sst", VariableEncoding.float32()));
        VariableSpec sst = r.variables().get("sst");
        assertThat(sst.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(sst.attrs()).doesNotContainKey("scale_factor");
        assertThat(sst.fill()).matches(f -> Double.isNaN(f.doubleValue()));
        assertThatThrownBy(() -> r.variables().put("x", sst)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void timeUnitsAndPackingTogetherAreRefused() {
        PatternGrid g = packed(0.01, 0.02);
        Map<String, VariableSpec> vars = new java.util.LinkedHashMap<>(SchemaCombination.combine(g).variables());
        vars.put("sst", vars.get("sst").withTransforms(List.of(ValueTransform.IDENTITY, new ValueTransform(1, 365)), DType.INT16));
        assertThatThrownBy(() -> PackingChoice.apply(g, vars, Map.of())).isInstanceOf(PlanException.class)
                .hasMessageContaining("both other time units and other packing");
    }

    /** Random packings (multiples of the first's step): inputs packed like the first are stored as they are, the others re-encoded exactly. */
    @Test
    void onlyInputsPackedDifferentlyAreReEncoded() {
        java.util.Random r = new java.util.Random(17);
        double[] steps = {0.01, 0.02, 0.03, 0.05};
        for (int trial = 0; trial < 200; trial++) {
            double[] scales = new double[1 + r.nextInt(8)];
            scales[0] = 0.01;
            for (int c = 1; c < scales.length; c++) {
                scales[c] = steps[r.nextInt(steps.length)];
            }
            PatternGrid g = packed(scales);
            PackingChoice.Result res = PackingChoice.apply(g, SchemaCombination.combine(g).variables(), Map.of());
            VariableSpec sst = res.variables().get("sst");
            boolean anyDiffers = java.util.Arrays.stream(scales).anyMatch(x -> x != 0.01);
            assertThat(sst.transforms() != null).isEqualTo(anyDiffers);
            assertThat(res.warnings()).hasSize(anyDiffers ? 1 : 0);
            for (int c = 0; c < scales.length; c++) {
                ValueTransform t = sst.transform(c);
                assertThat(t.isIdentity()).isEqualTo(scales[c] == 0.01);
                // A raw 7 of input c decodes to 7 * scale; stored in steps of 0.01 it is a whole number.
                assertThat(t.apply(7)).isCloseTo(Math.rint(7 * scales[c] / 0.01), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(t.apply(-999)).as("missing stays missing").isEqualTo(-999);
            }
        }
    }
}
