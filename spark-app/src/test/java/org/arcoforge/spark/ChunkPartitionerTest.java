package org.arcoforge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.arcoforge.plan.ShufflePlan;
import org.junit.jupiter.api.Test;

class ChunkPartitionerTest {

    @Test
    void sendsEachChunkWhereThePlanSaysAndSurvivesSerialization() throws Exception {
        long[] starts = {0, 3, 4, 9};
        ChunkPartitioner p = new ChunkPartitioner(starts);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(p);
        }
        ChunkPartitioner copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ChunkPartitioner) in.readObject();
        }
        assertThat(copy).isEqualTo(p);
        assertThat(copy.numPartitions()).isEqualTo(3);
        int[] expected = {0, 0, 0, 1, 2, 2, 2, 2, 2};
        for (long id = 0; id < 9; id++) {
            assertThat(copy.getPartition(id)).as("chunk %d", id).isEqualTo(expected[(int) id])
                    .isEqualTo(ShufflePlan.partitionOf(starts, id));
        }
    }
}
