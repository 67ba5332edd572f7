package org.arcoforge.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The C-order walk over a box's index tuples: every tuple once, last dimension fastest. */
class GridIndexTest {

    private static List<long[]> all(GridIndex g) {
        List<long[]> out = new ArrayList<>();
        while (g.next()) {
            out.add(g.index().clone());
        }
        return out;
    }

    @Test
    void walksABoxWithAnOffsetInCOrder() {
        List<long[]> t = all(GridIndex.box(new long[] {5, 10}, new long[] {2, 3}));
        assertThat(t).containsExactly(new long[] {5, 10}, new long[] {5, 11}, new long[] {5, 12},
                new long[] {6, 10}, new long[] {6, 11}, new long[] {6, 12});
        assertThat(all(GridIndex.between(new long[] {1, 1}, new long[] {2, 1})))
                .containsExactly(new long[] {1, 1}, new long[] {2, 1});
    }

    @Test
    void aScalarHasOneTupleAndAnEmptyBoxNone() {
        assertThat(all(GridIndex.of(new long[0]))).containsExactly(new long[0]);
        assertThat(all(GridIndex.of(new int[] {3, 0, 2}))).isEmpty();
        GridIndex done = GridIndex.of(new int[] {1});
        assertThat(done.next()).isTrue();
        assertThat(done.next()).isFalse();
        assertThat(done.next()).isFalse();
    }

    record Box(long[] start, long[] count) {
        @Override
        public String toString() {
            return Arrays.toString(start) + " + " + Arrays.toString(count);
        }
    }

    @Provide
    Arbitrary<Box> boxes() {
        return Arbitraries.integers().between(0, 5).flatMap(rank -> Combinators.combine(
                Arbitraries.longs().between(0, 1000).array(long[].class).ofSize(rank),
                Arbitraries.longs().between(0, 5).array(long[].class).ofSize(rank)).as(Box::new));
    }

    /** Random boxes (fixed seed): each tuple of the box exactly once, each after the one before in C order. */
    @Property(tries = 300, seed = "20261203")
    void visitsEveryTupleOnceInCOrder(@ForAll("boxes") Box b) {
        List<long[]> t = all(GridIndex.box(b.start(), b.count()));
        long expected = 1;
        for (long c : b.count()) {
            expected *= c;
        }
        assertThat(t).hasSize((int) expected);
        for (int i = 0; i < t.size(); i++) {
            long[] x = t.get(i);
            // the i-th tuple is i written in the box's mixed radix, plus the start
            long rest = i;
            for (int d = x.length - 1; d >= 0; d--) {
                assertThat(x[d]).isEqualTo(b.start()[d] + rest % b.count()[d]);
                rest /= b.count()[d];
            }
            if (i > 0) {
                assertThat(Arrays.compare(t.get(i - 1), x)).isNegative();
            }
        }
    }
}
