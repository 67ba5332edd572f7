package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.arcoforge.plan.ValueTransform;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.codec.FillValues;
import org.junit.jupiter.api.Test;

class NdArraysTest {

    record Case(int[] srcShape, int[] dstShape, int[] srcStart, int[] dstStart, int[] count) {
    }

    @Provide
    Arbitrary<Case> boxes() {
        return Arbitraries.integers().between(1, 4).flatMap(rank -> {
            Arbitrary<int[]> counts = Arbitraries.integers().between(1, 5).array(int[].class).ofSize(rank);
            Arbitrary<int[]> pads = Arbitraries.integers().between(0, 3).array(int[].class).ofSize(rank * 4);
            return Combinators.combine(counts, pads).as((c, p) -> {
                int[] ss = new int[rank], ds = new int[rank], s0 = new int[rank], d0 = new int[rank];
                for (int k = 0; k < rank; k++) {
                    s0[k] = p[4 * k];
                    ss[k] = s0[k] + c[k] + p[4 * k + 1];
                    d0[k] = p[4 * k + 2];
                    ds[k] = d0[k] + c[k] + p[4 * k + 3];
                }
                return new Case(ss, ds, s0, d0, c);
            });
        });
    }

    @Property(tries = 300)
    void copiesExactlyTheBoxAndNothingElse(@ForAll("boxes") Case c) {
        int[] src = new int[NdArrays.product(c.srcShape())];
        for (int i = 0; i < src.length; i++) {
            src[i] = i + 1;
        }
        int[] dst = (int[]) FillValues.filledChunk(DType.INT32, NdArrays.product(c.dstShape()), -7);
        NdArrays.copyBox(src, c.srcShape(), c.srcStart(), dst, c.dstShape(), c.dstStart(), c.count(), null, false, null);

        int[] srcStrides = cOrderStrides(c.srcShape());
        int[] dstStrides = cOrderStrides(c.dstShape());
        int rank = c.count().length;
        for (int flat = 0; flat < dst.length; flat++) {
            int rem = flat;
            boolean inside = true;
            int srcFlat = 0;
            for (int k = 0; k < rank; k++) {
                int idx = rem / dstStrides[k];
                rem %= dstStrides[k];
                int off = idx - c.dstStart()[k];
                inside &= off >= 0 && off < c.count()[k];
                srcFlat += (c.srcStart()[k] + off) * srcStrides[k];
            }
            assertThat(dst[flat]).isEqualTo(inside ? src[srcFlat] : -7);
        }
    }

    // The oracle's own strides, not the code under test's: the last axis varies fastest.
    private static int[] cOrderStrides(int[] shape) {
        int[] st = new int[shape.length];
        for (int k = 0; k < shape.length; k++) {
            st[k] = 1;
            for (int j = k + 1; j < shape.length; j++) {
                st[k] *= shape[j];
            }
        }
        return st;
    }

    @Test
    void transformShiftsValuesButKeepsFillAndConvertsTypes() {
        float[] src = {0f, 1.5f, -999f, 3f};
        double[] dst = new double[4];
        NdArrays.copyBox(src, new int[] {4}, new int[] {0}, dst, new int[] {4}, new int[] {0}, new int[] {4},
                new ValueTransform(1, 365), false, -999f);
        assertThat(dst).containsExactly(365, 366.5, -999, 368);
    }

    @Test
    void unsignedSourcesAreReadAsUnsigned() {
        byte[] src = {(byte) 200};
        double[] dst = new double[1];
        NdArrays.copyBox(src, new int[] {1}, new int[] {0}, dst, new int[] {1}, new int[] {0}, new int[] {1},
                new ValueTransform(1, 1), true, null);
        assertThat(dst[0]).isEqualTo(201);
    }

    @Test
    void unsigned64BitValuesAboveLongMaxStayPositive() {
        long[] src = {-1L, Long.MIN_VALUE, 7}; // as uint64: 2^64 - 1, 2^63, 7
        double[] dst = new double[3];
        NdArrays.copyBox(src, new int[] {3}, new int[] {0}, dst, new int[] {3}, new int[] {0}, new int[] {3},
                null, true, null);
        assertThat(dst).containsExactly(0x1p64, 0x1p63, 7);
    }
}
