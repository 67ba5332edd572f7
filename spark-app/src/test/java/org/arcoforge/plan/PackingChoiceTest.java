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
}
