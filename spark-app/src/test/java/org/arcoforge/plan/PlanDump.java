package org.arcoforge.plan;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Every field of a {@link StorePlan} as text, arrays by value, for plan-identity checks. */
final class PlanDump {
    private PlanDump() {
    }

    static String dump(StorePlan p) {
        StringBuilder sb = new StringBuilder();
        TargetSchema s = p.schema();
        sb.append("budget ").append(p.maxTaskMemory()).append("\ndims ").append(s.dims())
                .append("\nattrs ").append(value(s.attributes())).append("\noffsets ").append(Arrays.toString(s.concatOffsets()));
        for (TargetVariable v : s.variables()) {
            sb.append("\nvar ").append(v.name()).append(' ').append(v.sourceName()).append(' ').append(v.dims())
                    .append(' ').append(Arrays.toString(v.shape())).append(' ').append(Arrays.toString(v.chunks()))
                    .append(' ').append(v.dtype()).append(' ').append(value(v.attributes())).append(" fill ")
                    .append(value(v.fillValue())).append(' ').append(v.mergeIndex()).append(' ').append(v.alongConcat());
        }
        s.precomputedValues().forEach((k, v) -> sb.append("\nvalues ").append(k).append(' ').append(value(v)));
        for (StoreTask t : p.tasks()) {
            sb.append("\ntask ").append(t.id()).append(" peak ").append(t.estimatedPeak());
            for (ChunkWrite w : t.writes()) {
                sb.append("\n write ").append(w.variable()).append(Arrays.toString(w.chunkIndex()));
                // "piece" and "slab" are the pre-rename labels, kept so the digests in golden.txt still hold
                for (Fragment fr : w.fragments()) {
                    sb.append("\n  piece ").append(fr.inputIndex()).append(' ').append(Arrays.toString(fr.sourceStart()))
                            .append(' ').append(Arrays.toString(fr.count())).append(' ')
                            .append(Arrays.toString(fr.destStart())).append(' ').append(transform(fr.transform()));
                }
            }
        }
        ShufflePlan sh = p.shuffle();
        sb.append("\nshuffle ").append(sh.variables()).append(" starts ").append(Arrays.toString(sh.partitionStarts()))
                .append(" maps ").append(sh.mapPartitions()).append(" reducePeak ").append(sh.reducePeak());
        for (ReadTask r : sh.reads()) {
            sb.append("\nread ").append(r.inputIndex()).append(" at ").append(r.concatOffset()).append(" peak ")
                    .append(r.estimatedPeak());
            for (ReadTask.Piece pc : r.pieces()) {
                sb.append("\n slab ").append(pc.variable()).append(' ').append(Arrays.toString(pc.start())).append(' ')
                        .append(Arrays.toString(pc.count())).append(' ').append(transform(pc.transform()));
            }
        }
        p.variables().forEach(v -> sb.append("\nmode ").append(v));
        p.warnings().forEach(w -> sb.append("\nwarning ").append(w));
        return sb.append('\n').toString();
    }

    static String transform(ValueTransform t) {
        if (t == null) {
            return "null";
        }
        ValueTransform.Packing k = t.packing();
        return t.scale() + "," + t.offset() + (k == null ? "" : ",packing(" + k.inScale() + "," + k.inOffset() + ","
                + Arrays.toString(k.inMissing()) + "," + k.outScale() + "," + k.outOffset() + "," + k.round() + ","
                + k.outFill() + "," + k.min() + "," + k.max() + "," + k.inUnsigned() + "," + k.input() + "," + k.variable() + ")");
    }

    static String value(Object o) {
        if (o == null) {
            return "null";
        }
        if (o.getClass().isArray()) {
            StringBuilder sb = new StringBuilder(o.getClass().getComponentType().getSimpleName()).append('[');
            for (int i = 0; i < Array.getLength(o); i++) {
                sb.append(i == 0 ? "" : ",").append(value(Array.get(o, i)));
            }
            return sb.append(']').toString();
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, v) -> sb.append(k).append('=').append(value(v)).append(';'));
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("(");
            l.forEach(x -> sb.append(value(x)).append(';'));
            return sb.append(')').toString();
        }
        return o.getClass().getSimpleName() + ":" + o;
    }
}
