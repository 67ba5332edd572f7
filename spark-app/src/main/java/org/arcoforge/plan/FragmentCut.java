package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a slab of an input meets the output chunk grid: one cut per chunk it touches. Pure, used
 * by the map side of the shuffle and by the planner's tests.
 *
 * @param srcStart  start of the cut inside the slab
 * @param destStart start of the cut inside the chunk
 */
public record FragmentCut(long chunkId, int[] srcStart, int[] destStart, int[] count) {

    public static List<FragmentCut> of(ShuffleVariable v, ReadTask.Slab slab, long concatOffset) {
        int n = slab.count().length;
        long[] g = new long[n];
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int a = 0; a < n; a++) {
            g[a] = slab.start()[a] + (a == v.concatAxis() ? concatOffset : 0);
            if (slab.count()[a] == 0) {
                return List.of();
            }
            lo[a] = g[a] / v.chunks()[a];
            hi[a] = (g[a] + slab.count()[a] - 1) / v.chunks()[a];
        }
        List<FragmentCut> out = new ArrayList<>();
        long[] idx = lo.clone();
        while (true) {
            int[] src = new int[n];
            int[] dst = new int[n];
            int[] cnt = new int[n];
            for (int a = 0; a < n; a++) {
                long c0 = idx[a] * v.chunks()[a];
                long from = Math.max(g[a], c0);
                long to = Math.min(g[a] + slab.count()[a], c0 + v.chunks()[a]);
                src[a] = (int) (from - g[a]);
                dst[a] = (int) (from - c0);
                cnt[a] = (int) (to - from);
            }
            out.add(new FragmentCut(v.chunkId(idx), src, dst, cnt));
            int a = n - 1;
            while (a >= 0 && ++idx[a] > hi[a]) {
                idx[a] = lo[a];
                a--;
            }
            if (a < 0) {
                return out;
            }
        }
    }
}
