package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random patterns for plain-JUnit property tests (fixed seeds): lengths, merge inputs, dims, chunk requests. */
final class GoldenScenarios {
    private GoldenScenarios() {
    }

    static PlannerPropertiesTest.Scenario scenario(Random r) {
        List<Integer> lengths = new ArrayList<>();
        for (int i = 1 + r.nextInt(20); i > 0; i--) {
            lengths.add(1 + r.nextInt(12));
        }
        List<Integer> dims = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            dims.add(1 + r.nextInt(9));
        }
        List<Integer> chunks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chunks.add(r.nextInt(15));
        }
        return new PlannerPropertiesTest.Scenario(lengths, 1 + r.nextInt(3), dims, chunks, 1 + r.nextInt(5), r.nextLong());
    }
}
