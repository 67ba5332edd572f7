package org.arcoforge.stage;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.arcoforge.format.StoredArray;
import org.arcoforge.format.StoredSchema;
import org.arcoforge.plan.CfTime;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.source.ByteSources;
import org.arcoforge.store.HadoopStore;

/**
 * Whether new inputs, planned for an append, are the store's dataset: the same variables along
 * the concat dimension, with the same dtypes, dimensions, other lengths, chunks, fill values and
 * CF encoding, and the same other coordinates. Each difference is an error naming the file;
 * attributes that differ are warnings (the store's are kept).
 */
final class StoreCompatibility {
    private final JobSpec job;
    private final StoredSchema schema;

    StoreCompatibility(JobSpec job, StoredSchema schema) {
        this.job = job;
        this.schema = schema;
    }

    /**
     * Checks the plan of the new inputs against the store: the same variables along the concat
     * dimension with the same dtype, dimensions, other lengths, chunks, fill value and encoding.
     * Returns warnings for attributes that differ (the store's are kept).
     */
    List<String> check(StorePlan plan, String firstNew) {
        List<String> warnings = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (TargetVariable v : plan.schema().variables()) {
            planned.add(v.name());
            StoredArray a = schema.arrays().get(v.name());
            if (a == null) {
                throw new StageException("'" + firstNew + "' has variable '" + v.name() + "' along '" + job.concatDim()
                        + "' that the store does not have");
            }
            if (!a.dims().equals(v.dims())) {
                throw changed(firstNew, v.name(), "dimensions " + v.dims(), a.dims().toString());
            }
            if (a.dtype() != v.dtype()) {
                throw changed(firstNew, v.name(), "dtype " + v.dtype().name().toLowerCase(java.util.Locale.ROOT),
                        a.dtype().name().toLowerCase(java.util.Locale.ROOT));
            }
            for (int d = 0; d < a.dims().size(); d++) {
                if (!a.dims().get(d).equals(job.concatDim()) && a.shape()[d] != v.shape()[d]) {
                    throw changed(firstNew, v.name(), "length " + v.shape()[d] + " along '" + a.dims().get(d) + "'",
                            String.valueOf(a.shape()[d]));
                }
                if (!a.isDimensionCoordinate() && a.chunks()[d] != v.chunks()[d]) {
                    throw changed(firstNew, v.name(), "chunks of " + v.chunks()[d] + " along '" + a.dims().get(d) + "'",
                            String.valueOf(a.chunks()[d]));
                }
            }
            if (!sameNumber(a.fillValue(), v.fillValue())) {
                throw changed(firstNew, v.name(), "_FillValue " + v.fillValue(), String.valueOf(a.fillValue()));
            }
            List<String> differ = new ArrayList<>();
            Set<String> keys = new HashSet<>(a.attributes().keySet());
            keys.addAll(v.attributes().keySet());
            for (String k : keys) {
                Object x = a.attributes().get(k);
                Object y = v.attributes().get(k);
                if (!(x instanceof Number nx && y instanceof Number ny ? sameNumber(nx, ny) : String.valueOf(x).equals(String.valueOf(y)))) {
                    if (List.of("units", "calendar", "scale_factor", "add_offset", "missing_value").contains(k)) {
                        throw changed(firstNew, v.name(), k + " " + y, String.valueOf(x));
                    }
                    differ.add(k);
                }
            }
            if (!differ.isEmpty()) {
                warnings.add("attributes of '" + v.name() + "' differ in the new inputs (" + String.join(", ",
                        differ.stream().sorted().toList()) + "); kept as in the store");
            }
        }
        for (StoredArray a : schema.arrays().values()) {
            if (a.dims().contains(job.concatDim()) && !planned.contains(a.name())) {
                throw new StageException("the store has variable '" + a.name() + "' along '" + job.concatDim()
                        + "' but '" + firstNew + "' does not");
            }
        }
        List<String> global = new ArrayList<>();
        Set<String> keys = new HashSet<>(plan.schema().attributes().keySet());
        keys.addAll(schema.attributes().keySet());
        for (String k : keys) {
            if (!k.startsWith("arcoforge_") && !String.valueOf(schema.attributes().get(k))
                    .equals(String.valueOf(plan.schema().attributes().get(k)))) {
                global.add(k);
            }
        }
        if (!global.isEmpty()) {
            warnings.add("global attributes differ in the new inputs (" + String.join(", ", global.stream().sorted()
                    .toList()) + "); kept as in the store");
        }
        return warnings;
    }

    /**
     * Each new input's variables along the concat dimension have the store's dtype, unless the
     * store packs them (re-encoded) or they are time the store keeps as float64 (re-encoded too).
     */
    void checkDtypes(List<org.arcoforge.plan.InputMetadata> inputs) {
        for (org.arcoforge.plan.InputMetadata im : inputs) {
            for (org.arcoforge.recipe.data.DatasetVariable v : im.dataset().variables().values()) {
                StoredArray a = schema.arrays().get(v.name());
                if (a == null || !a.dims().contains(job.concatDim()) || a.dtype() == v.dtype()
                        || a.attributes().containsKey("scale_factor") || a.attributes().containsKey("add_offset")
                        || a.dtype() == org.arcoforge.recipe.data.DType.FLOAT64
                        && CfTime.isTimeUnits(a.attributes().get("units"))) {
                    continue;
                }
                throw changed(ByteSources.safeLocation(im.input().url()), v.name(),
                        "dtype " + v.dtype().name().toLowerCase(java.util.Locale.ROOT),
                        a.dtype().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** The store's other dimension coordinates (lat, lon...), to compare with the new inputs'. */
    Map<String, double[]> otherCoordinates() {
        Map<String, double[]> out = new LinkedHashMap<>();
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        for (StoredArray a : schema.arrays().values()) {
            if (a.isDimensionCoordinate() && !a.name().equals(job.concatDim())
                    && (a.dtype().isFloating() || a.dtype().isInteger())) {
                double[] v = new double[(int) a.shape()[0]];
                int k = 0;
                for (long c = 0; c * a.chunks()[0] < a.shape()[0]; c++) {
                    Object chunk = TargetStore.format(job).readChunk(store, a, new long[] {c}, a.chunks()[0]);
                    for (int i = 0; i < a.chunks()[0] && k < v.length; i++) {
                        v[k++] = chunk == null ? Double.NaN : Array.getDouble(chunk, i);
                    }
                }
                out.put(a.name(), v);
            }
        }
        return out;
    }

    private StageException changed(String file, String var, String now, String stored) {
        return new StageException("'" + file + "': variable '" + var + "' has " + now + " but the store has " + stored
                + "; append needs the same dataset");
    }

    private static boolean sameNumber(Number a, Number b) {
        if (a == null || b == null) {
            return a == b;
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        return x == y || Double.isNaN(x) && Double.isNaN(y);
    }
}
