package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunk writes of one variable: for each chunk of its grid, the fragments of the inputs that fill
 * it. Along the concat dimension a chunk's step is split among the inputs that cover it
 * ({@link ConcatAxis}); a variable without it comes whole from the first concat position.
 */
final class ChunkWrites {
    private ChunkWrites() {
    }

    /**
     * The writes of every chunk of {@code v} whose index along {@code fixedAxis} is {@code fixed}
     * (all chunks when fixedAxis is -1), in C order. {@code spans} split the fixed concat chunk among inputs.
     */
    static List<ChunkWrite> of(PatternGrid grid, VariableSpec v, int fixedAxis, long fixed,
                               List<ConcatAxis.Span> spans) {
        List<ChunkWrite> out = new ArrayList<>();
        long[] shape = v.shape();
        int[] chunks = v.chunks();
        long[] g = ChunkGrid.of(shape, chunks);
        for (long n : g) {
            if (n == 0) {
                return out;
            }
        }
        long[] idx = new long[g.length];
        if (fixedAxis >= 0) {
            idx[fixedAxis] = fixed;
        }
        while (true) {
            int n = g.length;
            long[] start = new long[n];
            int[] extent = new int[n];
            for (int a = 0; a < n; a++) {
                start[a] = idx[a] * chunks[a];
                extent[a] = (int) Math.min(chunks[a], shape[a] - start[a]);
            }
            List<Fragment> fragments;
            if (fixedAxis < 0) {
                int input = grid.at(0, v.mergeIndex()).input().index();
                fragments = List.of(new Fragment(input, start, extent, new int[n], v.transform(0)));
            } else {
                fragments = new ArrayList<>(spans.size());
                for (ConcatAxis.Span s : spans) {
                    long[] src = start.clone();
                    int[] count = extent.clone();
                    int[] dest = new int[n];
                    src[fixedAxis] = s.sourceStart();
                    count[fixedAxis] = s.count();
                    dest[fixedAxis] = s.destStart();
                    int input = grid.at(s.position(), v.mergeIndex()).input().index();
                    fragments.add(new Fragment(input, src, count, dest, v.transform(s.position())));
                }
            }
            out.add(new ChunkWrite(v.name(), idx.clone(), fragments));
            // Next index in C order, skipping the fixed axis.
            int a = n - 1;
            while (a >= 0) {
                if (a != fixedAxis && ++idx[a] < g[a]) {
                    break;
                }
                if (a != fixedAxis) {
                    idx[a] = 0;
                }
                a--;
            }
            if (a < 0) {
                return out;
            }
        }
    }
}
