package org.arcoforge.plan;

/**
 * What the store stage writes, as the console counts it: chunks, or, when some variable is sharded
 * (Zarr v3), objects of which that many are shards (the write unit; readers fetch inner chunks).
 */
public final class StoreObjects {
    private StoreObjects() {
    }

    /** Shards the plan writes (direct and shuffle): 0 when no variable is sharded. */
    public static long shards(StorePlan plan) {
        TargetSchema schema = plan.schema();
        long n = 0;
        for (StoreTask t : plan.tasks()) {
            for (ChunkWrite w : t.writes()) {
                if (schema.variable(w.variable()).sharded()) {
                    n++;
                }
            }
        }
        for (ShuffleVariable v : plan.shuffle().variables()) {
            if (schema.variable(v.name()).sharded()) {
                n += v.chunkCount();
            }
        }
        return n;
    }

    /** The store stage's name on the console: "store shards" or "store chunks". */
    public static String stage(long shards) {
        return shards > 0 ? "store shards" : "store chunks";
    }

    /** What its progress counts: "objects" (shards and unsharded chunks) or "chunks". */
    public static String unit(long shards) {
        return shards > 0 ? "objects" : "chunks";
    }
}
