package org.arcoforge.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Runs of a box between two C-ordered arrays: the element mapping of a per-element copy, in fewer, longer runs. */
class BoxRunsTest {

    @Test
    void wholeRowsMergeIntoOneRun() {
        // a [2, 3, 4] box at [1, 0, 0] of a [4, 3, 4] array into a [2, 3, 4] array: one run of 24
        BoxRuns r = BoxRuns.of(new int[] {4, 3, 4}, new int[] {1, 0, 0}, new int[] {2, 3, 4}, new int[3],
                new int[] {2, 3, 4});
        assertThat(r.next()).isTrue();
        assertThat(r.length()).isEqualTo(24);
        assertThat(r.src()).isEqualTo(12);
        assertThat(r.dst()).isZero();
        assertThat(r.next()).isFalse();
        // a partial last dimension keeps runs to one row each
        BoxRuns p = BoxRuns.of(new int[] {3, 5}, new int[] {1, 1}, new int[] {2, 3}, new int[] {0, 0},
                new int[] {2, 3});
        int runs = 0;
        while (p.next()) {
            assertThat(p.length()).isEqualTo(3);
            assertThat(p.src()).isEqualTo(6 + runs * 5L);
            assertThat(p.dst()).isEqualTo(runs * 3L);
            runs++;
        }
        assertThat(runs).isEqualTo(2);
    }

    @Test
    void scalarIsOneRunAndEmptyBoxNone() {
        BoxRuns s = BoxRuns.of(new int[0], new int[0], new int[0], new int[0], new int[0]);
        assertThat(s.next()).isTrue();
        assertThat(s.length()).isEqualTo(1);
        assertThat(s.src()).isZero();
        assertThat(s.next()).isFalse();
        assertThat(BoxRuns.of(new int[] {3, 3}, new int[2], new int[] {3, 3}, new int[2], new int[] {3, 0}).next())
                .isFalse();
    }

    @Test
    void fileRegionsUseLongOffsets() {
        long big = 3_000_000_000L;
        BoxRuns r = BoxRuns.into(new long[] {4, big}, new long[] {2, big - 2}, new int[] {2, 2});
        assertThat(r.next()).isTrue();
        assertThat(r.src()).isEqualTo(2 * big + big - 2);
        assertThat(r.next()).isTrue();
        assertThat(r.src()).isEqualTo(3 * big + big - 2);
        assertThat(r.dst()).isEqualTo(2);
        assertThat(r.next()).isFalse();
    }

    record Case(int[] srcShape, int[] srcStart, int[] dstShape, int[] dstStart, int[] count) {
        @Override
        public String toString() {
            return Arrays.toString(srcShape) + "@" + Arrays.toString(srcStart) + " -> " + Arrays.toString(dstShape) + "@"
                    + Arrays.toString(dstStart) + " count " + Arrays.toString(count);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.longs().map(seed -> {
            Random rnd = new Random(seed);
            int rank = rnd.nextInt(5);
            int[] count = new int[rank];
            int[] ss = new int[rank];
            int[] s0 = new int[rank];
            int[] ds = new int[rank];
            int[] d0 = new int[rank];
            for (int d = 0; d < rank; d++) {
                count[d] = rnd.nextInt(4);
                // often exactly the box (whole rows merge), sometimes larger
                ss[d] = count[d] + (rnd.nextBoolean() ? 0 : rnd.nextInt(3));
                ds[d] = count[d] + (rnd.nextBoolean() ? 0 : rnd.nextInt(3));
                s0[d] = ss[d] == count[d] ? 0 : rnd.nextInt(ss[d] - count[d] + 1);
                d0[d] = ds[d] == count[d] ? 0 : rnd.nextInt(ds[d] - count[d] + 1);
            }
            return new Case(ss, s0, ds, d0, count);
        });
    }

    /**
     * Random shapes (fixed seed): copying run by run moves exactly the elements a per-element copy
     * moves, each once, runs in C order.
     */
    @Property(tries = 500, seed = "20261203")
    void runsMapEveryElementOnceLikeAPerElementCopy(@ForAll("cases") Case c) {
        int srcN = product(c.srcShape());
        int dstN = product(c.dstShape());
        int[] src = new int[srcN];
        for (int i = 0; i < srcN; i++) {
            src[i] = i + 1;
        }
        int[] byRuns = new int[dstN];
        int[] written = new int[dstN];
        long lastDst = -1;
        BoxRuns r = BoxRuns.of(c.srcShape(), c.srcStart(), c.dstShape(), c.dstStart(), c.count());
        while (r.next()) {
            assertThat(r.dst()).isGreaterThan(lastDst);
            lastDst = r.dst();
            for (int k = 0; k < r.length(); k++) {
                byRuns[(int) r.dst() + k] = src[(int) r.src() + k];
                written[(int) r.dst() + k]++;
            }
        }
        int[] expected = new int[dstN];
        int[] hit = new int[dstN];
        GridIndex g = GridIndex.of(c.count());
        while (g.next()) {
            long[] i = g.index();
            int s = 0;
            int d = 0;
            for (int k = 0; k < i.length; k++) {
                s = s * c.srcShape()[k] + c.srcStart()[k] + (int) i[k];
                d = d * c.dstShape()[k] + c.dstStart()[k] + (int) i[k];
            }
            expected[d] = src[s];
            hit[d] = 1;
        }
        assertThat(byRuns).isEqualTo(expected);
        assertThat(written).isEqualTo(hit);
    }

    private static int product(int[] s) {
        int n = 1;
        for (int x : s) {
            n *= x;
        }
        return n;
    }
}
