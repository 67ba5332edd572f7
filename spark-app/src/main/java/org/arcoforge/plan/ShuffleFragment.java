package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One fragment of a shuffle read: where a piece of an input meets one chunk of the output grid
 * ({@link #of} gives one per chunk the piece touches). Pure, used by the map side of the shuffle and
 * by the planner's tests.
 *
 * @param srcStart  start of the fragment inside the piece
 * @param destStart start of the fragment inside the chunk
 */
public record ShuffleFragment(long chunkId, int[] srcStart, int[] destStart, int[] count) {

    public static List<ShuffleFragment> of(ShuffleVariable v, ReadTask.Piece piece, long concatOffset) {
        int n = piece.count().length;
        long[] g = new long[n];
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int a = 0; a < n; a++) {
            g[a] = piece.start()[a] + (a == v.concatAxis() ? concatOffset : 0);
            if (piece.count()[a] == 0) {
                return List.of();
            }
            lo[a] = g[a] / v.chunks()[a];
            hi[a] = (g[a] + piece.count()[a] - 1) / v.chunks()[a];
        }
        List<ShuffleFragment> out = new ArrayList<>();
        long[] idx = lo.clone();
        while (true) {
            int[] src = new int[n];
            int[] dst = new int[n];
            int[] cnt = new int[n];
            for (int a = 0; a < n; a++) {
                long c0 = idx[a] * v.chunks()[a];
                long from = Math.max(g[a], c0);
                long to = Math.min(g[a] + piece.count()[a], c0 + v.chunks()[a]);
                src[a] = (int) (from - g[a]);
                dst[a] = (int) (from - c0);
                cnt[a] = (int) (to - from);
            }
            out.add(new ShuffleFragment(v.chunkId(idx), src, dst, cnt));
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
