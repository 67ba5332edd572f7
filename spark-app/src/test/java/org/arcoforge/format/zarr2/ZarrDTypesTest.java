package org.arcoforge.format.zarr2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

/** Zarr v2 dtype strings, which recipe-dsl's DType no longer knows. */
class ZarrDTypesTest {
    @Test
    void everyTypeHasItsNumpyStringAndReadsBack() {
        assertThat(ZarrDTypes.name(DType.FLOAT32)).isEqualTo("<f4");
        assertThat(ZarrDTypes.name(DType.UINT8)).isEqualTo("|u1");
        assertThat(ZarrDTypes.name(DType.CHAR)).isEqualTo("|S1");
        assertThat(ZarrDTypes.name(DType.STRING)).isEqualTo("|O");
        for (DType t : DType.values()) {
            assertThat(ZarrDTypes.parse(ZarrDTypes.name(t))).isEqualTo(t);
        }
    }

    @Test
    void anyOrderButBigEndianIsRead() {
        assertThat(ZarrDTypes.parse("=i2")).isEqualTo(DType.INT16);
        assertThat(ZarrDTypes.parse("<u1")).isEqualTo(DType.UINT8);
        assertThatThrownBy(() -> ZarrDTypes.parse(">i2")).hasMessage("unsupported dtype '>i2'");
        assertThatThrownBy(() -> ZarrDTypes.parse("<c8")).hasMessage("unsupported dtype '<c8'");
    }
}
