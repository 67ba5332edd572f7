package org.arcoforge.stage;

import java.util.List;
import java.util.Map;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetVariable;

/**
 * Prepare and finalize for {@code groups: all}: each NetCDF-4 group is written as a nested Zarr
 * group by a job whose target is the group's folder inside the store (the root's job is the run's
 * own, prepared by {@link PrepareTarget}). The hierarchy is consolidated once, at the root, as
 * zarr-python's consolidate_metadata does for nested groups.
 */
public final class GroupTargets {
    private GroupTargets() {
    }

    /** Writes a nested group: its attributes as they are (no provenance), its arrays; returns bytes written. */
    public static long prepareGroup(StorePlan plan, JobSpec groupJob) {
        TargetStore store = TargetStore.open(groupJob);
        store.writeGroup(plan == null ? Map.of() : plan.schema().attributes());
        long written = 0;
        if (plan == null) {
            return 0;
        }
        for (TargetVariable v : plan.schema().variables()) {
            store.createArray(v);
        }
        for (Map.Entry<String, Object> e : plan.schema().precomputedValues().entrySet()) {
            TargetVariable v = plan.schema().variable(e.getKey());
            written += store.writeChunk(v, new long[v.shape().length], e.getValue());
        }
        return written;
    }

    /** A nested group with no variables of its own: just its attributes. */
    public static void prepareEmptyGroup(Map<String, Object> attributes, JobSpec groupJob) {
        TargetStore.open(groupJob).writeGroup(attributes);
    }

    /**
     * Checks every group's chunks, then consolidates the whole hierarchy at the root and clears
     * the progress logs. {@code plans} and {@code jobs} are parallel; the root's job is {@code root}.
     */
    public static void finalizeAll(List<StorePlan> plans, List<JobSpec> jobs, JobSpec root) {
        for (int i = 0; i < plans.size(); i++) {
            if (plans.get(i) != null) {
                FinalizeTarget.checkComplete(plans.get(i), jobs.get(i));
            }
        }
        TargetStore store = TargetStore.open(root);
        store.deleteTemporaryAtRoot();
        TargetLease.requireHeld(root.target());
        store.markComplete();
        for (JobSpec j : jobs) {
            ProgressLog.clear(j);
        }
    }
}
