package org.arcoforge.plan;

import java.util.Locale;
import org.arcoforge.recipe.ByteSize;

/** The text {@code arcoforge plan} prints: stages, tasks, bytes and peak memory per task, each variable's path. */
public final class PlanDescription {
    private PlanDescription() {
    }

    public static String describe(StorePlan plan, int inputs) {
        return describe(plan, inputs, 2);
    }

    /** For a store of {@code zarrFormat} (2 or 3): what finalize writes differs. */
    public static String describe(StorePlan plan, int inputs, int zarrFormat) {
        StringBuilder sb = new StringBuilder();
        TargetSchema schema = plan.schema();
        long directChunks = 0;
        long directMax = 0;
        long directBytes = 0;
        long directPeak = 0;
        for (StoreTask t : plan.tasks()) {
            long bytes = 0;
            for (ChunkWrite w : t.writes()) {
                TargetVariable v = schema.variable(w.variable());
                long cb = v.dtype().size();
                for (int c : v.chunks()) {
                    cb *= c;
                }
                bytes += cb;
            }
            directChunks += t.writes().size();
            directBytes += bytes;
            directMax = Math.max(directMax, bytes);
            directPeak = Math.max(directPeak, t.estimatedPeak());
        }
        ShufflePlan sh = plan.shuffle();
        long readBytes = 0;
        long readMax = 0;
        long readPeak = 0;
        for (ReadTask r : sh.reads()) {
            long b = 0;
            for (ReadTask.Piece s : r.pieces()) {
                b += s.elements() * schema.variable(s.variable()).dtype().size();
            }
            readBytes += b;
            readMax = Math.max(readMax, b);
            readPeak = Math.max(readPeak, r.estimatedPeak());
        }
        long shuffleBytes = 0;
        long reduceMax = 0;
        for (ShuffleVariable v : sh.variables()) {
            long cb = schema.variable(v.name()).dtype().size();
            for (int c : v.chunks()) {
                cb *= c;
            }
            shuffleBytes += cb * v.chunkCount();
            // Partitions hold whole ranges of one variable's chunks.
            for (int p = 0; p < sh.reducePartitions(); p++) {
                long from = Math.max(sh.partitionStarts()[p], v.firstChunkId());
                long to = Math.min(sh.partitionStarts()[p + 1], v.firstChunkId() + v.chunkCount());
                if (to > from) {
                    reduceMax = Math.max(reduceMax, (to - from) * cb);
                }
            }
        }
        line(sb, "max_task_memory %s; %d inputs", ByteSize.format(plan.maxTaskMemory()), inputs);
        line(sb, "stages:");
        line(sb, "  1. prepare: read metadata of %d inputs", inputs);
        line(sb, "  2. prepare: target skeleton, %d arrays (%d known from metadata)", schema.variables().size(),
                schema.precomputedValues().size());
        if (plan.tasks().isEmpty()) {
            line(sb, "  3. store direct: nothing");
        } else {
            line(sb, "  3. store direct: %d tasks, %d chunks, %s per task (mean %s), estimated peak memory per task %s",
                    plan.tasks().size(), directChunks, ByteSize.format(directMax),
                    ByteSize.format(directBytes / plan.tasks().size()), ByteSize.format(directPeak));
        }
        if (sh.isEmpty()) {
            line(sb, "  4. store shuffle: nothing");
        } else {
            line(sb, "  4. store shuffle: %d chunks (%s) in %d reduce tasks of up to %s, estimated peak memory per task %s",
                    sh.chunkCount(), ByteSize.format(shuffleBytes), sh.reducePartitions(), ByteSize.format(reduceMax),
                    ByteSize.format(sh.reducePeak()));
            line(sb, "     from %d reads (%s) of up to %s, grouped into at least %d map tasks, estimated peak memory per read %s",
                    sh.reads().size(), ByteSize.format(readBytes), ByteSize.format(readMax), sh.mapPartitions(),
                    ByteSize.format(readPeak));
            long sliced = sh.reads().stream().map(ReadTask::inputIndex).distinct().count();
            if (sliced < sh.reads().size()) {
                line(sb, "     inputs larger than half the budget are read in slices: %d reads for %d inputs",
                        sh.reads().size(), sliced);
            }
        }
        if (zarrFormat == 3) {
            // v3 has no .zmetadata: the root zarr.json, written last, holds the consolidated metadata
            line(sb, "  5. finalize: check every %s, write the root zarr.json with the consolidated metadata",
                    StoreObjects.shards(plan) > 0 ? "chunk and shard" : "chunk");
        } else {
            line(sb, "  5. finalize: check every chunk, write .zmetadata");
        }
        line(sb, "variables:");
        for (VariablePlan v : plan.variables()) {
            TargetVariable t = schema.variable(v.name());
            StringBuilder chunks = new StringBuilder();
            for (int a = 0; a < t.chunks().length; a++) {
                chunks.append(a == 0 ? "" : ", ").append(t.dims().get(a)).append('=').append(t.chunks()[a]);
            }
            if (t.sharded()) {
                // the write unit is the shard; readers fetch its inner chunks
                chunks.insert(0, "shards {").append("} of chunks {");
                for (int a = 0; a < t.innerChunks().length; a++) {
                    chunks.append(a == 0 ? "" : ", ").append(t.dims().get(a)).append('=').append(t.innerChunks()[a]);
                }
                line(sb, "  %-16s %-8s %s}, %d x %s: %s", v.name(), v.mode().name().toLowerCase(Locale.ROOT),
                        chunks, v.chunks(), ByteSize.format(v.chunkBytes()), v.reason());
                continue;
            }
            line(sb, "  %-16s %-8s chunks {%s}, %d x %s: %s", v.name(), v.mode().name().toLowerCase(Locale.ROOT),
                    chunks, v.chunks(), ByteSize.format(v.chunkBytes()), v.reason());
        }
        for (String w : plan.warnings()) {
            line(sb, "warning: %s", w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String format, Object... args) {
        sb.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
