package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.plan.AppendCheck;
import org.arcoforge.plan.CfTime;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.DatasetVariable;
import org.arcoforge.source.ByteSources;
import org.arcoforge.stage.AppendPause;
import org.arcoforge.stage.AppendTarget;
import org.arcoforge.stage.DirectWriter;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ProgressLog;
import org.arcoforge.stage.ReadMetadata;
import org.arcoforge.stage.StageException;
import org.arcoforge.stage.StoreResult;

/**
 * {@code append}: extends a store along the concat dimension with the recipe's inputs it does not
 * hold. The same stages as a run, planned from the store's length in the store's encoding; a
 * small append (the daily file) reads, plans and writes on the driver without starting Spark.
 * The caller holds the target's lease.
 */
public final class AppendPipeline {
    /** Up to this many new inputs are read, and this many store tasks run, on the driver. */
    static final int DRIVER_LIMIT = 16;

    private AppendPipeline() {
    }

    /** What an append did: inputs added (0: the store was up to date), chunks and bytes written. */
    public record Result(int added, long chunks, long bytesWritten, String message, Map<String, Double> seconds) {
    }

    /** Reads the store, without writing anything: the new inputs, or none when it is up to date. */
    public static AppendTarget open(JobSpec job) {
        return AppendTarget.open(job);
    }

    /** The Java API entry: appends the recipe's new inputs to the store at the job's target. */
    public static Result run(Supplier<JavaSparkContext> spark, JobSpec job, PrintWriter console, boolean allowGaps) {
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        long t = System.nanoTime();
        AppendTarget target = AppendTarget.open(job);
        List<InputFile> fresh = target.newInputs(job.recipe().filePattern().inputs());
        if (fresh.isEmpty()) {
            console.println(target.upToDate());
            return new Result(0, 0, 0, target.upToDate(), Map.of());
        }
        boolean small = fresh.size() <= DRIVER_LIMIT;
        SparkPipeline.RunSummary summary = new SparkPipeline.RunSummary();
        if (job.cacheRoot() != null && fresh.stream().anyMatch(f -> ByteSources.isRemote(f.url()))) {
            SparkPipeline.cacheInputs(spark.get(), job, fresh, console, summary);
        }
        List<ReadMetadata.Result> read = small ? fresh.stream().map(f -> ReadMetadata.read(f, job)).toList()
                : SparkPipeline.readMetadata(spark.get(), job, fresh, console, summary);
        List<InputMetadata> metadata = read.stream().map(ReadMetadata.Result::metadata).toList();
        t = lap(seconds, "read store and inputs", t);
        target.checkDtypes(metadata);
        List<AppendCheck.Fresh> values = concatValues(job, target, metadata);
        AppendCheck.check(target.storedValues(), target.heldRanges(), values, allowGaps, target.valueFormat());
        StorePlan plan = Planner.planAppend(metadata, job.planOptions(), target.layout());
        String first = ByteSources.safeLocation(fresh.get(0).url());
        List<String> warnings = new ArrayList<>(plan.warnings());
        warnings.addAll(target.check(plan, first));
        checkCoordinates(target, metadata.get(0), first, job.recipe().coordinateTolerance());
        warnings.forEach(w -> console.println("warning: " + w));

        t = lap(seconds, "check and plan", t);
        ProgressLog log = ProgressLog.open(plan, job);
        List<StoreTask> remaining = log.remaining(plan.tasks());
        long chunks = 0;
        long written = 0;
        if (!plan.shuffle().isEmpty() || remaining.size() > DRIVER_LIMIT) {
            JavaSparkContext sc = spark.get();
            SparkPipeline.StoreCounters counters = new SparkPipeline.StoreCounters(sc);
            SparkPipeline.storeDirect(sc, job, plan, remaining, fresh, counters, log);
            SparkPipeline.storeShuffle(sc, job, plan, fresh, counters, log);
            chunks = counters.chunks.value();
            written = counters.written.value();
        } else {
            // the boundary chunk (first task) last: new chunks first, then the shared one
            for (int i = remaining.size() - 1; i >= 0; i--) {
                StoreTask task = remaining.get(i);
                StoreResult r = DirectWriter.run(task, plan.schema(), fresh, job);
                log.recordTask(job, task.id(), r.stored());
                chunks += r.chunks();
                written += r.bytesWritten();
            }
        }
        t = lap(seconds, "store chunks", t);
        AppendPause.at("chunks");
        double[] firstValues = values.get(0).values();
        double[] lastValues = values.get(values.size() - 1).values();
        String history = target.historyLine(fresh.size(), firstValues[0], lastValues[lastValues.length - 1]);
        long[] sizes = read.stream().mapToLong(ReadMetadata.Result::bytes).toArray();
        target.finish(plan, fresh, sizes, history);
        lap(seconds, "metadata", t);
        String message = "appended to " + ByteSources.safeLocation(job.target()) + ": "
                + history.substring(history.indexOf(": ") + 2);
        console.println(message);
        return new Result(fresh.size(), chunks + plan.schema().precomputedValues().size(), written, message, seconds);
    }

    private static long lap(Map<String, Double> seconds, String step, long since) {
        long now = System.nanoTime();
        seconds.put(step, (now - since) / 1e9);
        return now;
    }

    /** The concat values of each new concat position, in the store's units. */
    private static List<AppendCheck.Fresh> concatValues(JobSpec job, AppendTarget target, List<InputMetadata> metadata) {
        String dim = job.concatDim();
        List<AppendCheck.Fresh> out = new ArrayList<>();
        for (InputMetadata im : metadata) {
            if (im.input().mergeIndex() != 0) {
                continue;
            }
            Object raw = im.concatCoordinate();
            String url = ByteSources.safeLocation(im.input().url());
            if (raw == null) {
                throw new StageException("'" + url + "' has no values of the coordinate '" + dim
                        + "', so it cannot be placed after the store's");
            }
            DatasetVariable v = im.dataset().variables().get(dim);
            Object units = v == null ? null : v.attributes().get("units");
            org.arcoforge.plan.ValueTransform t = org.arcoforge.plan.ValueTransform.IDENTITY;
            if (target.layout().timeUnits() != null && CfTime.isTimeUnits(units)) {
                t = CfTime.transform((String) units, v.attributes().get("calendar"), target.layout().timeUnits(),
                        target.layout().timeCalendar());
            }
            double[] d = new double[java.lang.reflect.Array.getLength(raw)];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.apply(java.lang.reflect.Array.getDouble(raw, i));
            }
            out.add(new AppendCheck.Fresh(url, d));
        }
        return out;
    }

    /** The new inputs' other dimension coordinates (lat, lon...) must be the store's. */
    private static void checkCoordinates(AppendTarget target, InputMetadata first, String url, double tolerance) {
        for (Map.Entry<String, double[]> e : target.otherCoordinates().entrySet()) {
            Object mine = first.coordinates().get(e.getKey());
            if (mine == null) {
                continue;
            }
            double[] stored = e.getValue();
            int n = java.lang.reflect.Array.getLength(mine);
            if (n != stored.length) {
                throw new StageException("'" + url + "': coordinate '" + e.getKey() + "' has " + n
                        + " values but the store's has " + stored.length + "; append needs the same grid");
            }
            for (int i = 0; i < n; i++) {
                double x = java.lang.reflect.Array.getDouble(mine, i);
                if (x != stored[i] && !(Double.isNaN(x) && Double.isNaN(stored[i]))
                        && !(Math.abs(x - stored[i]) <= tolerance)) {
                    throw new StageException("'" + url + "': coordinate '" + e.getKey() + "' has " + x + " at index " + i
                            + " but the store has " + stored[i] + "; append needs the same grid");
                }
            }
        }
    }
}
