package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.List;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;

/**
 * Finalize stage (driver, last): checks that every planned chunk is in the store, then writes the
 * consolidated .zmetadata that marks the store complete.
 */
public final class FinalizeTarget {
    private FinalizeTarget() {
    }

    public static void run(StorePlan plan, JobSpec job) {
        TargetStore store = TargetStore.open(job);
        List<String> missing = new ArrayList<>();
        for (StoreTask t : plan.tasks()) {
            for (ChunkWrite w : t.writes()) {
                if (!store.hasChunk(plan.schema().variable(w.variable()), w.chunkIndex())) {
                    missing.add(TargetStore.chunkKey(w.variable(), w.chunkIndex()));
                }
            }
        }
        for (String name : plan.schema().precomputedValues().keySet()) {
            var v = plan.schema().variable(name);
            if (!store.hasChunk(v, new long[v.shape().length])) {
                missing.add(TargetStore.chunkKey(name, new long[v.shape().length]));
            }
        }
        if (!missing.isEmpty()) {
            throw new StageException(missing.size() + " chunk(s) missing from " + store.uri() + " (e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + "); the store is left unconsolidated: re-run to complete it");
        }
        store.consolidate();
    }
}
