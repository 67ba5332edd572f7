package org.arcoforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The memory model's arithmetic; stage.TaskMemoryTest holds real store tasks to it. */
class TaskMemoryModelTest {
    @Test
    void theEstimatesThePlannerUses() {
        assertThat(TaskMemory.rows(1000, 100)).as("buffers, a read as large, one encoded chunk").isEqualTo(2100);
        assertThat(TaskMemory.chunks(1, 100)).as("one chunk: its own fragment").isEqualTo(300);
        assertThat(TaskMemory.chunks(4, 100)).as("scattered chunks: a box up to twice their fragments").isEqualTo(1300);
        assertThat(TaskMemory.wholeVariable(4, 100)).isEqualTo(900);
        assertThat(TaskMemory.oneChunk(100)).isEqualTo(300);
        assertThat(TaskMemory.reduce(100)).isEqualTo(300);
        assertThat(TaskMemory.map(500, 100)).isEqualTo(600);
        assertThat(TaskMemory.pieceLimit(1000)).isEqualTo(500);
        assertThat(TaskMemory.readsWholeBox(200, 100)).isTrue();
        assertThat(TaskMemory.readsWholeBox(201, 100)).isFalse();
    }

    /** Random budgets and chunk sizes: as many chunks per task as fit, and one more would not. */
    @Test
    void chunksPerTaskIsTheMostThatFit() {
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            long cb = 1 + r.nextInt(1_000_000);
            long budget = TaskMemory.oneChunk(cb) + (long) (r.nextDouble() * 100 * cb);
            int n = TaskMemory.chunksPerTask(budget, cb);
            assertThat(n).isPositive();
            assertThat(TaskMemory.chunks(n, cb)).isLessThanOrEqualTo(budget);
            assertThat(TaskMemory.chunks(n + 1, cb)).isGreaterThan(budget);
            assertThat(TaskMemory.rows(cb, cb)).isEqualTo(TaskMemory.oneChunk(cb));
        }
    }
}
