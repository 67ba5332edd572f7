package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class ConcatCoordinateTest {
    private static final List<String> T = List.of("time");

    private static Map<String, VariableSpec> run(List<InputMetadata> in) {
        PatternGrid g = PatternGrid.of(in, "time", null);
        SchemaCombination.Combined c = SchemaCombination.combine(g);
        Map<String, VariableSpec> v = TimeEncoding.reencode(g, c.variables(), null);
        v = ChunkChoice.choose(g, c, v, Fixtures.options("time")).variables();
        return ConcatCoordinate.compute(g, v);
    }

    @Test
    void valuesOfEveryInputInOrderReEncoded() {
        List<InputMetadata> in = List.of(
                input(0, 0, 0).dim("time", 2).var("time", DType.INT32, T, "units", "days since 2000-01-01")
                        .coordinate(new int[] {0, 1}).build(),
                input(1, 1, 0).dim("time", 3).var("time", DType.INT32, T, "units", "days since 2000-01-03")
                        .coordinate(new int[] {0, 1, 2}).build());
        VariableSpec t = run(in).get("time");
        assertThat((int[]) t.precomputed()).containsExactly(0, 1, 2, 3, 4);
        assertThat(t.dtype()).isEqualTo(DType.INT32);
    }

    @Test
    void widensIntegersThatOutgrowTheirTypeAndKeepsExactFloats() {
        List<InputMetadata> in = List.of(
                input(0, 0, 0).dim("time", 1).var("time", DType.INT16, T, "units", "days since 1900-01-01")
                        .coordinate(new short[] {0}).build(),
                input(1, 1, 0).dim("time", 1).var("time", DType.INT16, T, "units", "days since 2000-01-01")
                        .coordinate(new short[] {0}).build());
        VariableSpec t = run(in).get("time");
        assertThat(t.dtype()).isEqualTo(DType.INT64);
        assertThat((long[]) t.precomputed()).containsExactly(0, 36524);
        List<InputMetadata> floats = List.of(input(0, 0, 0).dim("time", 2).var("time", DType.FLOAT32, T)
                .coordinate(new float[] {0.5f, 1.5f}).build());
        assertThat(run(floats).get("time").precomputed()).isInstanceOf(float[].class);
    }

    @Test
    void noValuesWhenAnInputLacksThem() {
        List<InputMetadata> in = List.of(
                input(0, 0, 0).dim("time", 1).var("time", DType.FLOAT64, T).coordinate(new double[] {0}).build(),
                input(1, 1, 0).dim("time", 1).var("time", DType.FLOAT64, T).build());
        assertThat(run(in).get("time").precomputed()).isNull();
    }

    /** Random lengths: the values are every input's, at its offset, in concat order (so increasing inputs stay increasing). */
    @Test
    void valuesAreTheInputsLaidEndToEnd() {
        Random r = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + r.nextInt(10);
            List<InputMetadata> in = new ArrayList<>();
            double t = r.nextInt(100);
            List<Double> expected = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                double[] v = new double[1 + r.nextInt(5)];
                for (int i = 0; i < v.length; i++) {
                    t += 0.25 + r.nextInt(3);
                    v[i] = t;
                    expected.add(t);
                }
                in.add(input(c, c, 0).dim("time", v.length).var("time", DType.FLOAT64, T).coordinate(v).build());
            }
            double[] values = (double[]) run(in).get("time").precomputed();
            assertThat(values).hasSize(expected.size());
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).isEqualTo(expected.get(i));
                assertThat(i == 0 || values[i] > values[i - 1]).as("monotone").isTrue();
            }
        }
    }
}
