package org.arcoforge.stage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.source.ByteSources;

/**
 * Prepare stage, part two (driver): makes the target visibly incomplete (no .zmetadata), writes
 * the Zarr skeleton (group and array metadata) and the arrays known from metadata alone.
 * A target left by an earlier run of the same recipe is reused, so re-running converges; one made
 * by another recipe is refused unless the user asked to overwrite it.
 */
public final class PrepareTarget {
    public static final String ATTR_VERSION = "arcoforge_version";
    public static final String ATTR_RECIPE_HASH = "arcoforge_recipe_sha256";
    public static final String ATTR_INPUTS = "arcoforge_input_count";

    private PrepareTarget() {
    }

    /** Returns the bytes written. */
    public static long run(StorePlan plan, JobSpec job, int inputCount) {
        return run(plan.schema(), job, inputCount);
    }

    /** As {@link #run(StorePlan, JobSpec, int)} with the plan's schema (groups: all may have a root without variables). */
    public static long run(TargetSchema schema, JobSpec job, int inputCount) {
        TargetStore store = TargetStore.open(job);
        String fingerprint = job.recipe().fingerprint();
        if (store.exists()) {
            String where = ByteSources.safeLocation(job.target());
            // a folder that is not a store of the format is refused, --overwrite or not
            store.requireStoreOrEmpty(job.overwrite());
            Object previous = store.publishedGroupAttributes().get(ATTR_RECIPE_HASH);
            boolean formatStore = store.isFormatStore();
            if (job.overwrite()) {
                // the store's own files only; refused, before deleting anything, if the folder holds others
                store.deleteStore(TargetLease.KEY);
            } else if (previous == null && formatStore) {
                throw new StageException("target " + where + " already exists and is not a store made by "
                        + "ARCO Forge; choose another --target or pass --overwrite to replace it");
            } else if (previous != null && !fingerprint.equals(previous) && extendsStore(job)) {
                throw new StageException(store.supportsAppend()
                        ? "target " + where + " holds a store made by an earlier version of this recipe (only its keys"
                        + " differ): use 'arcoforge append RECIPE --target " + where + "' to add the new inputs, or pass"
                        + " --overwrite to rebuild it"
                        : "target " + where + " holds a " + store.formatName() + " store made by an earlier version of"
                        + " this recipe (only its keys differ), and appending to a " + store.formatName() + " store is"
                        + " not supported yet: pass --overwrite to rebuild it with all the inputs");
            } else if (previous != null && !fingerprint.equals(previous)) {
                throw new StageException("target " + where + " holds a store made by a different recipe "
                        + "(or a different --prune); choose another --target or pass --overwrite to replace it");
            }
        }
        // before any chunk is (re)written, the store reads as incomplete: no .zmetadata
        store.unmarkComplete();
        Map<String, Object> attrs = new LinkedHashMap<>(schema.attributes());
        attrs.put(ATTR_VERSION, Version.get());
        attrs.put(ATTR_RECIPE_HASH, fingerprint);
        attrs.put(ATTR_INPUTS, inputCount);
        store.writeGroup(attrs);
        long written = 0;
        for (TargetVariable v : schema.variables()) {
            store.createArray(v);
        }
        for (Map.Entry<String, Object> e : schema.precomputedValues().entrySet()) {
            TargetVariable v = schema.variable(e.getKey());
            written += store.writeChunk(v, new long[v.shape().length], e.getValue());
        }
        return written;
    }

    // The store records its inputs and the recipe's fingerprint without keys (InputRecord); older stores do not.
    private static boolean extendsStore(JobSpec job) {
        try {
            InputRecord r = InputRecord.read(job);
            return r != null && r.extendedBy(job);
        } catch (StageException e) {
            return false;
        }
    }
}
