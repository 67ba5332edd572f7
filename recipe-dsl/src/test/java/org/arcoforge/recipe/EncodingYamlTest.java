package org.arcoforge.recipe;

import static org.arcoforge.recipe.YamlTexts.BASE;
import static org.arcoforge.recipe.YamlTexts.failsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The recipe fields encoding and coordinate_tolerance (issue 9): loading, validation, fingerprint. */
class EncodingYamlTest {
    private static Recipe parse(String yaml) {
        return RecipeYaml.parse(yaml, YamlTexts.SOURCE, null);
    }

    @Test
    void loadsPerVariableEncodingsAndTheTolerance() {
        Recipe r = parse(BASE + """
                encoding:
                  sst: {dtype: float32}
                  anom: {dtype: int16, scale_factor: 0.01, add_offset: 273.15, _FillValue: -999}
                  ice: {_FillValue: NaN}
                coordinate_tolerance: 1e-6
                """);
        assertThat(r.encoding().get("sst")).isEqualTo(VariableEncoding.float32());
        assertThat(r.encoding().get("anom")).isEqualTo(new VariableEncoding("int16", 0.01, 273.15, -999.0));
        assertThat(r.encoding().get("ice").fillValue()).isNaN();
        assertThat(r.coordinateTolerance()).isEqualTo(1e-6);
        assertThat(parse(BASE).encoding()).isEmpty();
        assertThat(parse(BASE).coordinateTolerance()).isZero();
    }

    @Test
    void encodingAndToleranceChangeTheFingerprintOnlyWhenSet() {
        String plain = parse(BASE).fingerprint();
        assertThat(parse(BASE + "encoding:\ncoordinate_tolerance:\n").fingerprint()).isEqualTo(plain);
        assertThat(parse(BASE + "encoding: {sst: {dtype: float32}}\n").fingerprint()).isNotEqualTo(plain);
        assertThat(parse(BASE + "coordinate_tolerance: 0.001\n").fingerprint()).isNotEqualTo(plain);
    }

    @Test
    void unknownDtypeIsNamedWithItsLine() {
        String yaml = BASE + "encoding:\n  sst: {dtype: float16}\n";
        failsAt(yaml, "float16", true).contains("encoding.sst.dtype must be one of int8,").contains("got \"float16\"");
    }

    @Test
    void unknownEncodingFieldSuggestsTheNearOne() {
        String yaml = BASE + "encoding:\n  sst: {scale: 0.01}\n";
        failsAt(yaml, "scale:", true).contains("unknown field 'scale' in encoding.sst").contains("scale_factor");
    }

    @Test
    void scaleFactorZeroAndTextAreErrors() {
        failsAt(BASE + "encoding:\n  sst: {dtype: int16, scale_factor: 0}\n", "scale_factor: 0}", false)
                .contains("encoding.sst.scale_factor must be a finite number other than 0");
        failsAt(BASE + "encoding:\n  sst: {add_offset: warm}\n", "warm", true)
                .contains("encoding.sst.add_offset must be a number, got \"warm\"");
        failsAt(BASE + "encoding:\n  sst: {dtype: int16, _FillValue: nan}\n", "sst:", false)
                .contains("encoding.sst._FillValue NaN needs a float dtype");
        failsAt(BASE + "encoding:\n  sst: float32\n", "float32", true)
                .contains("encoding.sst must be a mapping");
    }

    @Test
    void negativeToleranceIsAnError() {
        failsAt(BASE + "coordinate_tolerance: -1\n", "-1", true).contains("coordinate_tolerance must be a number, 0 or more");
    }

    @Test
    void theJavaBuilderAppliesTheSameRules() {
        FilePattern p = parse(BASE).filePattern();
        assertThat(Recipe.builder(p).encoding("sst", VariableEncoding.float32()).coordinateTolerance(0.5).build()
                .encoding()).containsKey("sst");
        assertThatThrownBy(() -> Recipe.builder(p).encoding("sst", new VariableEncoding("float16", null, null, null))
                .build()).isInstanceOf(RecipeException.class).hasMessageContaining("encoding.sst.dtype");
    }
}
