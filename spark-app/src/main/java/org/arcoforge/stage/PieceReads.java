package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.plan.Fragment;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.plan.TaskMemory;

/**
 * The read strategy of a direct task for one input: which pieces to read so that every fragment
 * the task needs from the input is read once.
 */
final class PieceReads {
    private PieceReads() {
    }

    /**
     * One piece to read: per variable (by target name) the box {@code start + [0, shape)} and the
     * fragments it holds, in the order they were given.
     */
    record Read(Map<String, TargetVariable> variables, Map<String, long[]> starts, Map<String, int[]> shapes,
                Map<String, List<DirectFragment>> fragments) {
        Read() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        void add(String name, long[] start, int[] shape, List<DirectFragment> holds) {
            variables.put(name, holds.get(0).variable());
            starts.put(name, start);
            shapes.put(name, shape);
            fragments.put(name, holds);
        }

        /** Leaves the variable out (its fragments were read another way). */
        void remove(String name) {
            variables.remove(name);
            starts.remove(name);
            shapes.remove(name);
            fragments.remove(name);
        }
    }

    /**
     * One piece holding each variable's bounding box, unless a variable's box is more than twice
     * what its fragments need (scattered chunks): then one piece per fragment, so a task never holds
     * much more than its chunks. The planner's per-task memory estimate counts on this bound.
     * The shared piece comes first, then the single ones in the order of the fragments.
     */
    static List<Read> of(List<DirectFragment> fromOneInput) {
        Map<String, List<DirectFragment>> byVar = new LinkedHashMap<>();
        for (DirectFragment f : fromOneInput) {
            byVar.computeIfAbsent(f.variable().name(), k -> new ArrayList<>()).add(f);
        }
        List<Read> reads = new ArrayList<>();
        Read together = new Read();
        for (Map.Entry<String, List<DirectFragment>> e : byVar.entrySet()) {
            long needed = 0;
            long[] start = null;
            long[] end = null;
            for (DirectFragment f : e.getValue()) {
                Fragment p = f.fragment();
                needed += NdArrays.product(p.count());
                if (start == null) {
                    start = p.sourceStart().clone();
                    end = new long[start.length];
                }
                for (int d = 0; d < start.length; d++) {
                    start[d] = Math.min(start[d], p.sourceStart()[d]);
                    end[d] = Math.max(end[d], p.sourceStart()[d] + p.count()[d]);
                }
            }
            int[] shape = new int[start.length];
            long elements = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = Math.toIntExact(end[d] - start[d]);
                elements *= shape[d];
            }
            if (TaskMemory.readsWholeBox(elements, needed)) {
                together.add(e.getKey(), start, shape, e.getValue());
            } else {
                for (DirectFragment f : e.getValue()) {
                    Read single = new Read();
                    single.add(e.getKey(), f.fragment().sourceStart().clone(), f.fragment().count(), List.of(f));
                    reads.add(single);
                }
            }
        }
        if (!together.starts().isEmpty()) {
            reads.add(0, together);
        }
        return reads;
    }
}
