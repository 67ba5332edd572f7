package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

/** With shards, the plan's write unit is the shard; the chunks become the shard's inner chunks. */
class ShardChoiceTest {
    private static final List<String> TLAT = List.of("time", "lat");

    /** Five inputs of 3 steps each over lat 10. */
    private static List<InputMetadata> inputs() {
        List<InputMetadata> in = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            in.add(input(i, i, 0).dim("time", 3).dim("lat", 10).var("lat", DType.FLOAT64, List.of("lat"))
                    .var("tas", DType.FLOAT32, TLAT).build());
        }
        return in;
    }

    private static PlanOptions options(Map<String, Integer> chunks, Map<String, Integer> shards) {
        return new PlanOptions("time", null, chunks, 1, Map.of()).withShards(shards);
    }

    @Test
    void shardsAreTheWriteUnitAndTheChunksTheirInnerChunks() {
        StorePlan plan = Planner.plan(inputs(), options(Map.of("time", 2, "lat", 3), Map.of("time", 6)));
        TargetVariable tas = plan.schema().variable("tas");
        // lat not named in shards: the whole dimension, rounded up to whole chunks (10 -> 12)
        assertThat(tas.chunks()).containsExactly(6, 12);
        assertThat(tas.innerChunks()).containsExactly(2, 3);
        assertThat(tas.chunkGrid()).containsExactly(3, 1);
        // every write is a whole shard, written once
        List<long[]> writes = new ArrayList<>();
        plan.tasks().forEach(t -> t.writes().stream().filter(w -> w.variable().equals("tas"))
                .forEach(w -> writes.add(w.chunkIndex())));
        assertThat(writes).extracting(w -> w[0] + "," + w[1]).containsExactlyInAnyOrder("0,0", "1,0", "2,0");
        // dimension coordinates are not sharded
        assertThat(plan.schema().variable("lat").sharded()).isFalse();
    }

    @Test
    void withoutShardsThePlanIsUnchanged() {
        StorePlan plan = Planner.plan(inputs(), options(Map.of("time", 2, "lat", 3), Map.of()));
        assertThat(plan.schema().variable("tas").chunks()).containsExactly(2, 3);
        assertThat(plan.schema().variable("tas").innerChunks()).isNull();
    }

    @Test
    void aShardNotAMultipleOfAChosenChunkIsRefusedNamingTheDimension() {
        // time is not in target_chunks: its chunk is one input (3 steps); 4 is no multiple of it
        assertThatThrownBy(() -> Planner.plan(inputs(), options(Map.of("lat", 5), Map.of("time", 4))))
                .isInstanceOf(PlanException.class)
                .hasMessageContaining("shards.time (4) must be a multiple of the chunk length along 'time' (3)");
    }

    @Test
    void aShardOverAThirdOfTheTaskMemoryIsRefused() {
        PlanOptions o = options(Map.of("time", 3, "lat", 10), Map.of("time", 15)).withMaxTaskMemory(1000);
        assertThatThrownBy(() -> Planner.plan(inputs(), o)).isInstanceOf(PlanException.class)
                .hasMessageContaining("shards of 'tas' (time=15, lat=10) are")
                .hasMessageContaining("more than a third of max_task_memory");
    }

    @Test
    void shardsNamingAnUnknownDimensionListTheDimensions() {
        PlanOptions o = options(Map.of("time", 3), Map.of("tme", 6));
        StorePlan plan = Planner.plan(inputs(), o);
        assertThatThrownBy(() -> ChunkLimits.DEFAULT.check(plan, o)).isInstanceOf(PlanException.class)
                .hasMessageContaining("shards names 'tme', which no variable has")
                .hasMessageContaining("the dataset's dimensions are lat, time");
    }
}
