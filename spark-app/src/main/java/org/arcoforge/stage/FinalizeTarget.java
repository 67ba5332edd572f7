package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.grid.GridIndex;

/**
 * Finalize stage (driver, last): checks that every chunk of every array is in the store, then
 * writes the consolidated .zmetadata that marks the store complete. The check lists each variable
 * once: on an object store a request per chunk would cost more than the chunks took to write.
 * The progress log goes last, once the store is marked complete.
 */
public final class FinalizeTarget {
    private FinalizeTarget() {
    }

    public static void run(StorePlan plan, JobSpec job) {
        TargetStore store = checkComplete(plan, job);
        store.deleteTemporaryAtRoot();
        // a run whose lease was broken by another must not mark the other's store complete
        TargetLease.requireHeld(job.target());
        store.markComplete();
        ProgressLog.clear(job);
    }

    /** Fails, naming missing chunks, unless every chunk of every array of the plan is in the store. */
    static TargetStore checkComplete(StorePlan plan, JobSpec job) {
        TargetStore store = TargetStore.open(job);
        Map<String, Set<String>> stored = new HashMap<>();
        List<String> missing = new ArrayList<>();
        long count = 0;
        for (TargetVariable v : plan.schema().variables()) {
            for (GridIndex chunk = GridIndex.of(v.chunkGrid()); chunk.next(); ) {
                count++;
                check(store, stored, v, chunk.index(), missing);
            }
        }
        if (!missing.isEmpty()) {
            throw new StageException(missing.size() + " of " + count + " chunk(s) missing from " + store.uri() + " (e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + "); the store is left unconsolidated: re-run to complete it");
        }
        return store;
    }

    private static void check(TargetStore store, Map<String, Set<String>> stored, TargetVariable v, long[] chunkIndex,
                              List<String> missing) {
        String key = store.chunkKey(v, chunkIndex);
        if (!stored.computeIfAbsent(v.name(), n -> store.keysOf(v)).contains(key)) {
            missing.add(key);
        }
    }
}
