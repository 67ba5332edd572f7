package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

class PatternGridTest {
    private static final List<String> T = List.of("time");

    /** {@code lengths[c]} steps at concat position c, {@code nMerge} inputs per position. */
    static List<InputMetadata> inputs(int[] lengths, int nMerge) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < lengths.length; c++) {
            for (int m = 0; m < nMerge; m++) {
                out.add(input(out.size(), c, m).dim("time", lengths[c]).var("v" + m, DType.FLOAT32, T).build());
            }
        }
        return out;
    }

    @Test
    void lengthsAndOffsetsAlongTheConcatDimension() {
        PatternGrid g = PatternGrid.of(inputs(new int[] {3, 0, 5, 2}, 2), "time", null);
        assertThat(g.concatPositions()).isEqualTo(4);
        assertThat(g.mergePositions()).isEqualTo(2);
        assertThat(g.offsets()).containsExactly(0, 3, 3, 8, 10);
        assertThat(g.length(2)).isEqualTo(5);
        assertThat(g.start()).isZero();
        assertThat(g.end()).isEqualTo(10);
        assertThat(g.at(2, 1).input().url()).endsWith("file-c2-m1.nc");
    }

    @Test
    void aGridMayStartAtAnIndexOfAnExistingStore() {
        // Appending 3 inputs to a store that holds 100 steps: the inputs go to 100..109.
        PatternGrid g = PatternGrid.of(inputs(new int[] {4, 4, 2}, 1), "time", null, 100);
        assertThat(g.offsets()).containsExactly(100, 104, 108, 110);
        assertThat(g.start()).isEqualTo(100);
        assertThat(g.end()).isEqualTo(110);
        assertThat(g.axis().spans(103, 109)).containsExactly(new ConcatAxis.Span(0, 3, 1, 0),
                new ConcatAxis.Span(1, 0, 4, 1), new ConcatAxis.Span(2, 0, 1, 5));
        // The default is a new store.
        assertThat(PatternGrid.of(inputs(new int[] {4}, 1), "time", null).offsets()).containsExactly(0, 4);
        assertThatThrownBy(() -> PatternGrid.of(inputs(new int[] {4}, 1), "time", null, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void offsetsAreArraysOfTheirOwn() {
        PatternGrid g = PatternGrid.of(inputs(new int[] {2, 2}, 1), "time", null);
        g.offsets()[1] = 99;
        assertThat(g.offset(1)).isEqualTo(2);
    }

    @Test
    void refusesPatternsThatAreNotAFullGrid() {
        List<InputMetadata> gap = new ArrayList<>(inputs(new int[] {2, 2, 2}, 2));
        gap.remove(3);
        assertThatThrownBy(() -> PatternGrid.of(gap, "time", null)).isInstanceOf(PlanException.class)
                .hasMessageContaining("not a full grid").hasMessageContaining("concat position 1, merge position 1");
        List<InputMetadata> twice = List.of(input(0, 0, 0).dim("time", 1).build(), input(1, 0, 0).dim("time", 1).build());
        assertThatThrownBy(() -> PatternGrid.of(twice, "time", null)).hasMessageContaining("are both at concat position 0");
        assertThatThrownBy(() -> PatternGrid.of(inputs(new int[] {1, 1}, 1), null, null))
                .hasMessageContaining("names no concat dimension");
        assertThatThrownBy(() -> PatternGrid.of(List.of(), "time", null)).hasMessageContaining("no inputs");
    }

    @Test
    void refusesLengthsThatDisagree() {
        assertThatThrownBy(() -> PatternGrid.of(inputs(new int[] {2, 3}, 1), "time", 2))
                .hasMessageContaining("file-c1-m0.nc has 3 steps along 'time' but the recipe declares 2");
        List<InputMetadata> merged = List.of(input(0, 0, 0).dim("time", 2).build(), input(1, 0, 1).dim("time", 3).build());
        assertThatThrownBy(() -> PatternGrid.of(merged, "time", null))
                .hasMessageContaining("merged inputs must have the same length");
        List<InputMetadata> none = List.of(input(0, 0, 0).dim("x", 2).build());
        assertThatThrownBy(() -> PatternGrid.of(none, "time", null)).hasMessageContaining("has no dimension 'time'");
    }

    /** Random patterns and starts: offsets rise by each position's length, and spans tile any range once. */
    @Test
    void offsetsAreMonotoneAndSegmentsTileEveryRange() {
        Random r = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int[] lengths = new int[1 + r.nextInt(12)];
            for (int c = 0; c < lengths.length; c++) {
                lengths[c] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(9);
            }
            long start = r.nextBoolean() ? 0 : r.nextInt(1000);
            PatternGrid g = PatternGrid.of(inputs(lengths, 1 + r.nextInt(2)), "time", null, start);
            assertThat(g.offset(0)).isEqualTo(start);
            for (int c = 0; c < lengths.length; c++) {
                assertThat(g.offset(c + 1) - g.offset(c)).isEqualTo(lengths[c]).isEqualTo(g.length(c));
            }
            for (int k = 0; k < 10 && g.end() > start; k++) {
                long a = start + (long) r.nextInt((int) (g.end() - start));
                long b = a + 1 + r.nextInt((int) (g.end() - a));
                long next = a;
                int dest = 0;
                int lastPosition = -1;
                for (ConcatAxis.Span s : g.axis().spans(a, b)) {
                    assertThat(s.position()).isGreaterThan(lastPosition);
                    assertThat(s.count()).isPositive();
                    assertThat(g.offset(s.position()) + s.sourceStart()).as("contiguous").isEqualTo(next);
                    assertThat(s.destStart()).isEqualTo(dest);
                    assertThat(s.sourceStart() + s.count()).isLessThanOrEqualTo(g.length(s.position()));
                    next += s.count();
                    dest += s.count();
                    lastPosition = s.position();
                }
                assertThat(next).as("spans end at the range's end").isEqualTo(b);
            }
        }
    }
}
