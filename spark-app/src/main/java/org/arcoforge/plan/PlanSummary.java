package org.arcoforge.plan;

import java.util.BitSet;

/**
 * Counts describing a plan in one line, for the Zeppelin note (notebooks/); {@code arcoforge plan} prints
 * {@link PlanDescription}.
 *
 * @param maxInputsPerTask the most distinct inputs any one task reads
 */
public record PlanSummary(int variables, int precomputed, long chunkWrites, long pieces, int tasks,
                          int inputsRead, int maxInputsPerTask, long concatLength, int concatPositions) {

    public static PlanSummary of(StorePlan plan) {
        long writes = 0;
        long pieces = 0;
        int maxPerTask = 0;
        BitSet all = new BitSet();
        for (StoreTask t : plan.tasks()) {
            BitSet mine = new BitSet();
            for (ChunkWrite w : t.writes()) {
                writes++;
                for (Piece p : w.pieces()) {
                    pieces++;
                    mine.set(p.inputIndex());
                }
            }
            maxPerTask = Math.max(maxPerTask, mine.cardinality());
            all.or(mine);
        }
        long[] offsets = plan.schema().concatOffsets();
        return new PlanSummary(plan.schema().variables().size(), plan.schema().precomputedValues().size(), writes,
                pieces, plan.tasks().size(), all.cardinality(), maxPerTask, offsets[offsets.length - 1],
                offsets.length - 1);
    }

    @Override
    public String toString() {
        return variables + " variables (" + precomputed + " known from metadata), " + chunkWrites + " chunks from "
                + pieces + " pieces in " + tasks + " tasks; " + inputsRead + " inputs read, at most "
                + maxInputsPerTask + " per task; concat length " + concatLength + " over " + concatPositions
                + " positions";
    }
}
