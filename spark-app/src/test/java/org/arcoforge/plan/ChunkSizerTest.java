package org.arcoforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkSizerTest {
    private static final List<String> DIMS = List.of("time", "zlev", "lat", "lon");
    private static final long[] OISST = {300, 1, 720, 1440};

    @Test
    void favouringTimeKeepsAllOfTimeAndCutsSquareishTiles() {
        Map<String, Integer> c = ChunkSizer.choose(DIMS, OISST, 2, 20_000_000, List.of("time"), Map.of());
        assertThat(c).containsEntry("time", 300).containsEntry("zlev", 1);
        long bytes = 2L * c.get("time") * c.get("lat") * c.get("lon");
        assertThat(bytes).isBetween(15_000_000L, 20_000_000L);
        assertThat((double) c.get("lon") / c.get("lat")).isBetween(1.8, 2.2);
    }

    @Test
    void favouringSpaceGivesMaps() {
        Map<String, Integer> c = ChunkSizer.choose(DIMS, OISST, 2, 50_000_000, List.of("lat", "lon"), Map.of());
        assertThat(c).containsEntry("lat", 720).containsEntry("lon", 1440).containsEntry("time", 24);
    }

    @Test
    void favouredDimensionsShrinkLastFirstListedLast() {
        Map<String, Integer> c = ChunkSizer.choose(DIMS, OISST, 2, 10_000, List.of("time", "lat"), Map.of());
        assertThat(c).containsEntry("lon", 1).containsEntry("time", 300).containsEntry("lat", 16);
    }

    @Test
    void namedChunksAreKeptAndSmallArraysStayWhole() {
        Map<String, Integer> c = ChunkSizer.choose(DIMS, OISST, 2, 1_000_000, List.of(), Map.of("time", 5));
        assertThat(c.get("time")).isEqualTo(5);
        assertThat(2L * 5 * c.get("lat") * c.get("lon")).isLessThanOrEqualTo(1_000_000L);
        assertThat(ChunkSizer.choose(DIMS, new long[] {3, 1, 4, 5}, 8, 1_000_000, List.of(), Map.of()))
                .containsExactly(Map.entry("time", 3), Map.entry("zlev", 1), Map.entry("lat", 4), Map.entry("lon", 5));
    }

    @Test
    void thePlannerAppliesTheTargetChunkSize() {
        List<InputMetadata> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inputs.add(Fixtures.input(i, i, 0).dim("time", 100).dim("lat", 40).dim("lon", 80)
                    .var("tas", org.arcoforge.recipe.data.DType.FLOAT32, List.of("time", "lat", "lon")).build());
        }
        StorePlan plan = Planner.plan(inputs, new PlanOptions("time", null, Map.of(), 1, Map.of(), 0, 300 * 4 * 50,
                List.of("time")));
        int[] chunks = plan.schema().variable("tas").chunks();
        assertThat(chunks[0]).isEqualTo(300);
        assertThat((long) chunks[1] * chunks[2]).isBetween(40L, 50L);
    }
}
