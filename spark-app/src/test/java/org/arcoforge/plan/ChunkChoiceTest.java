package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class ChunkChoiceTest {
    private static ChunkChoice.Result choose(List<InputMetadata> in, PlanOptions o) {
        PatternGrid g = PatternGrid.of(in, o.concatDim(), o.itemsPerFile());
        SchemaCombination.Combined c = SchemaCombination.combine(g);
        return ChunkChoice.choose(g, c, c.variables(), o);
    }

    private static List<InputMetadata> daily(int days) {
        List<InputMetadata> in = new java.util.ArrayList<>();
        for (int c = 0; c < days; c++) {
            in.add(input(c, c, 0).dim("time", 2).dim("lat", 30).dim("lon", 40)
                    .var("time", DType.FLOAT64, List.of("time")).var("lat", DType.FLOAT32, List.of("lat"))
                    .var("sst", DType.FLOAT32, List.of("time", "lat", "lon")).build());
        }
        return in;
    }

    @Test
    void namedChunksInputsPerChunkAndWholeDimensions() {
        ChunkChoice.Result r = choose(daily(5), Fixtures.options("time", Map.of("lat", 7), 2));
        VariableSpec sst = r.variables().get("sst");
        assertThat(sst.shape()).containsExactly(10, 30, 40);
        assertThat(sst.chunks()).as("2 inputs of 2 steps; lat as named; lon whole").containsExactly(4, 7, 40);
        assertThat(r.variables().get("time").chunks()).as("a dimension coordinate is one chunk").containsExactly(10);
        assertThat(r.variables().get("lat").chunks()).containsExactly(30);
        assertThat(r.dimChunks()).containsEntry("time", 4).containsEntry("lat", 7).containsEntry("lon", 40);
    }

    @Test
    void targetChunkSizeThroughTheChunkSizer() {
        // 10 x 30 x 40 floats = 48 kB; 12 kB chunks favouring time keep time whole.
        ChunkChoice.Result r = choose(daily(5), new PlanOptions("time", null, Map.of(), 1, Map.of(), 0, 12_000,
                List.of("time")));
        int[] chunks = r.variables().get("sst").chunks();
        assertThat(chunks[0]).isEqualTo(10);
        assertThat(4L * chunks[0] * chunks[1] * chunks[2]).isLessThanOrEqualTo(12_000);
    }

    @Test
    void inputsPerChunkMustBePositive() {
        assertThatThrownBy(() -> choose(daily(2), Fixtures.options("time", Map.of(), 0))).isInstanceOf(PlanException.class)
                .hasMessageContaining("inputsPerChunk must be at least 1");
    }

    /** Random patterns and chunk requests: chunks within 1..length, one length per dimension, grids cover each axis once. */
    @Test
    void chunksAreValidAndSharedAndTheGridCoversEveryElement() {
        Random r = new Random(5);
        for (int trial = 0; trial < 300; trial++) {
            PlannerPropertiesTest.Scenario s = GoldenScenarios.scenario(r);
            ChunkChoice.Result res = choose(s.inputs(), s.options());
            Map<String, Integer> seen = new HashMap<>();
            for (VariableSpec v : res.variables().values()) {
                long[] shape = v.shape();
                int[] chunks = v.chunks();
                for (int a = 0; a < shape.length; a++) {
                    assertThat(chunks[a]).isBetween(1, (int) Math.max(1, shape[a]));
                    if (!v.isDimensionCoordinate()) {
                        Integer before = seen.putIfAbsent(v.dims().get(a), chunks[a]);
                        assertThat(before == null || before == chunks[a]).as("one chunk length per dimension").isTrue();
                    }
                    Integer asked = s.targetChunks().get(v.dims().get(a));
                    if (asked != null && !v.isDimensionCoordinate()) {
                        assertThat(chunks[a]).isEqualTo((int) Math.min(asked, Math.max(1, shape[a])));
                    }
                    long covered = 0;
                    for (long k = 0; k < ChunkGrid.along(shape[a], chunks[a]); k++) {
                        covered += Math.min(chunks[a], shape[a] - k * chunks[a]);
                    }
                    assertThat(covered).as("the chunk grid covers the axis once").isEqualTo(shape[a]);
                }
            }
        }
    }
}
