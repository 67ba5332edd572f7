package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

/** Mistyped dimensions and absurd chunking are caught after planning, before anything is written. */
class ChunkLimitsTest {
    private static final List<String> TLL = List.of("time", "lat", "lon");

    private static List<InputMetadata> daily(int days, int nlat, int nlon) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < days; c++) {
            out.add(input(c, c, 0).dim("time", 1).dim("lat", nlat).dim("lon", nlon)
                    .var("time", DType.FLOAT64, List.of("time"), "units", "days since 2000-01-01")
                    .var("sst", DType.INT16, TLL)
                    .coordinate(new double[] {c}).build());
        }
        return out;
    }

    /** The case from the issue: 300 OISST days at 720 x 1440 with one-value chunks (311 million of them). */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void targetChunkSizeOfOneOnAFullArchiveIsCaughtPromptly() {
        PlanOptions o = chunks(Map.of(), 1, List.of());
        StorePlan plan = Planner.plan(daily(300, 720, 1440), o);
        assertThatThrownBy(() -> ChunkLimits.DEFAULT.check(plan, o))
                .hasMessageContaining("would be 311,040,000 chunks of 2 B")
                .hasMessageContaining("more than 1,000,000 chunks per variable (--max-chunks) and chunks under 1.0 kB")
                .hasMessageContaining("target_chunks: {time: 24, lat: 720, lon: 1440}")
                .hasMessageContaining("target_chunk_size: 50MB");
    }

    /** {@code days} daily inputs of sst(time, lat, lon) int16 on a 180 x 360 grid, and a small lat_bnds(lat, nv). */
    private static List<InputMetadata> daily(int days) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < days; c++) {
            out.add(input(c, c, 0).dim("time", 1).dim("lat", 180).dim("lon", 360).dim("nv", 2)
                    .var("time", DType.FLOAT64, List.of("time"), "units", "days since 2000-01-01")
                    .var("lat", DType.FLOAT32, List.of("lat"))
                    .var("lat_bnds", DType.FLOAT32, List.of("lat", "nv"))
                    .var("sst", DType.INT16, TLL)
                    .coordinate(new double[] {c}).build());
        }
        return out;
    }

    private static PlanOptions chunks(Map<String, Integer> targetChunks, long targetChunkSize, List<String> favor) {
        return new PlanOptions("time", 1, targetChunks, 1, Map.of(), 0, targetChunkSize, favor);
    }

    private static List<String> check(ChunkLimits limits, PlanOptions o, int days) {
        return limits.check(Planner.plan(daily(days), o), o);
    }

    @Test
    void unknownDimensionInTargetChunksListsTheDimensions() {
        assertThatThrownBy(() -> check(ChunkLimits.DEFAULT, chunks(Map.of("time", 2, "depth", 5), 0, List.of()), 4))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("target_chunks names 'depth', which no variable has")
                .hasMessageContaining("the dataset's dimensions are time, lat, nv, lon");
    }

    @Test
    void unknownFavoredDimensionIsAnErrorEvenWithForce() {
        assertThatThrownBy(() -> check(new ChunkLimits(ChunkLimits.DEFAULT_MAX_CHUNKS, true),
                chunks(Map.of(), 50_000_000, List.of("tiem")), 4))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("target_chunk_size.favor names 'tiem'")
                .hasMessageContaining("time, lat, nv, lon");
    }

    @Test
    void targetChunkSizeOfOneByteIsRefusedWithNumbersAndASuggestion() {
        // 4 x 180 x 360 one-value chunks of 2 bytes
        assertThatThrownBy(() -> check(ChunkLimits.DEFAULT, chunks(Map.of(), 1, List.of()), 4))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("'sst' (518.4 kB) would be 259,200 chunks of 2 B (time=1, lat=1, lon=1)")
                .hasMessageContaining("chunks under 1.0 kB")
                .hasMessageContaining("For 'sst' use e.g. target_chunks: {time: 4, lat: 180, lon: 360}")
                .hasMessageContaining("target_chunk_size: 518kB")
                .hasMessageContaining("--force")
                // lat_bnds (1.4 kB as a whole) may have small chunks: it is not listed
                .hasMessageNotContaining("'lat_bnds'");
    }

    @Test
    void moreChunksThanTheLimitAreRefusedWithTheLimit() {
        // 20 x 18 x 36 = 12,960 chunks of 2 kB each: not tiny, but over a limit of 10,000
        PlanOptions o = chunks(Map.of("time", 1, "lat", 10, "lon", 10), 0, List.of());
        assertThatThrownBy(() -> check(new ChunkLimits(10_000, false), o, 20))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("'sst' (2.6 MB) would be 12,960 chunks of 200 B")
                .hasMessageContaining("more than 10,000 chunks per variable (--max-chunks)")
                .hasMessageContaining("chunks under 1.0 kB");
        PlanOptions larger = chunks(Map.of("time", 1, "lat", 30, "lon", 30), 0, List.of());
        assertThatThrownBy(() -> check(new ChunkLimits(1000, false), larger, 20))
                .hasMessageContaining("would be 1,440 chunks of 1.8 kB")
                .hasMessageContaining("more than 1,000 chunks per variable").hasMessageNotContaining("under 1.0 kB");
        assertThat(check(new ChunkLimits(10_000, false), larger, 20)).isEmpty();
    }

    @Test
    void forceTurnsTheProblemsIntoWarnings() {
        List<String> warnings = check(new ChunkLimits(ChunkLimits.DEFAULT_MAX_CHUNKS, true),
                chunks(Map.of(), 1, List.of()), 4);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("'sst'").contains("259,200 chunks").contains("--force");
    }

    @Test
    void ordinaryChunkingPasses() {
        assertThat(check(ChunkLimits.DEFAULT, chunks(Map.of("time", 2), 0, List.of()), 4)).isEmpty();
        assertThat(check(ChunkLimits.DEFAULT, chunks(Map.of(), 50_000_000, List.of("time")), 4)).isEmpty();
    }
}
