package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.ChunkLimits;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.PlanOptions;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.stage.GroupTargets;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.PrepareTarget;
import org.arcoforge.stage.ProgressLog;

/**
 * {@code groups: all}: every group of the first input's hierarchy is planned as its own dataset by
 * the ordinary planner (read with {@code group:} set to it) and written by the ordinary stages into
 * its folder of the store, a nested Zarr group; the root is consolidated once at the end. A group
 * that has the concat dimension is combined along it; one without it is taken from the first
 * input (as xarray's compat="override").
 */
final class GroupsPipeline {
    private GroupsPipeline() {
    }

    static SparkPipeline.RunSummary run(JavaSparkContext sc, JobSpec job, PrintWriter console, ChunkLimits limits) {
        SparkPipeline.RunSummary summary = new SparkPipeline.RunSummary();
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        summary.inputs = inputs.size();
        SparkPipeline.cacheInputs(sc, job, inputs, console, summary);
        List<String> groups = new ArrayList<>();
        groups.add("/");
        try (NetcdfInput first = NetcdfInput.open(job.readLocation(inputs.get(0)), job.hadoopConf(), job.sourceAccess(),
                job.recipe().fileType())) {
            groups.addAll(first.groupPaths());
        }
        long t0 = System.nanoTime();
        List<StorePlan> plans = new ArrayList<>();
        List<JobSpec> jobs = new ArrayList<>();
        List<Map<String, Object>> emptyGroupAttributes = new ArrayList<>();
        for (String g : groups) {
            JobSpec gj = groupJob(job, g);
            List<InputMetadata> md = SparkPipeline.readMetadata(sc, gj, console, summary);
            boolean root = g.equals("/");
            PlanOptions o = job.planOptions();
            String concat = o.concatDim();
            if (concat != null && !hasDimension(md, concat)) {
                // no concat dimension in this group: taken from the first input
                md = md.stream().filter(m -> m.input().concatIndex() == 0 && m.input().mergeIndex() == 0).toList();
                concat = null;
            }
            // the recipe's chunks, favoured dimensions and encodings apply to the groups that have them
            java.util.Set<String> dims = new java.util.HashSet<>();
            md.forEach(m -> m.dataset().variables().values().forEach(v -> dims.addAll(v.dims())));
            Map<String, Integer> chunks = new java.util.LinkedHashMap<>(o.targetChunks());
            chunks.keySet().retainAll(dims);
            Map<String, Integer> shards = new java.util.LinkedHashMap<>(o.shards());
            shards.keySet().retainAll(dims);
            Map<String, org.arcoforge.recipe.VariableEncoding> enc = new java.util.LinkedHashMap<>(o.encoding());
            enc.keySet().retainAll(md.get(0).dataset().variables().keySet());
            o = new PlanOptions(concat, concat == null ? null : o.itemsPerFile(), chunks, o.inputsPerChunk(),
                    root ? o.setAttributes() : Map.of(), o.maxTaskMemory(), o.targetChunkSize(),
                    o.chunkFavor().stream().filter(dims::contains).toList(), enc, o.coordinateTolerance(), shards);
            StorePlan plan = null;
            if (!md.get(0).dataset().variables().isEmpty()) {
                plan = Planner.plan(md, o);
                limits.check(plan, o).forEach(w -> console.println("warning: group " + g + ": " + w));
                plan.warnings().forEach(w -> console.println("warning: group " + g + ": " + w));
            }
            plans.add(plan);
            jobs.add(gj);
            emptyGroupAttributes.add(md.get(0).dataset().attributes());
        }
        // the root first: it checks (and with --overwrite empties) the target
        StorePlan rootPlan = plans.get(0);
        summary.bytesWritten += PrepareTarget.run(rootPlan != null ? rootPlan.schema()
                : new TargetSchema(Map.of(), emptyGroupAttributes.get(0), List.of(), Map.of(), new long[] {0}),
                job, inputs.size());
        for (int i = 1; i < groups.size(); i++) {
            if (plans.get(i) == null) {
                GroupTargets.prepareEmptyGroup(emptyGroupAttributes.get(i), jobs.get(i));
            } else {
                summary.bytesWritten += GroupTargets.prepareGroup(plans.get(i), jobs.get(i));
            }
        }
        summary.seconds.put("plan + prepare target", (System.nanoTime() - t0) / 1e9);

        SparkPipeline.StoreCounters counters = new SparkPipeline.StoreCounters(sc);
        List<ProgressLog> logs = new ArrayList<>();
        long chunkTotal = 0;
        for (int i = 0; i < groups.size(); i++) {
            StorePlan plan = plans.get(i);
            ProgressLog log = plan == null ? null : ProgressLog.open(plan, jobs.get(i));
            logs.add(log);
            if (plan == null) {
                continue;
            }
            long chunks = plan.tasks().stream().mapToLong(t -> t.writes().size()).sum() + plan.shuffle().chunkCount();
            summary.chunks += chunks + plan.schema().precomputedValues().size();
            chunkTotal += chunks - log.chunksDone(plan);
            summary.tasks += plan.tasks().size() + plan.shuffle().reads().size() + plan.shuffle().reducePartitions();
            if (log.done() > 0) {
                console.println("resume: group " + groups.get(i) + ": " + log.done() + " of " + log.total()
                        + " chunk tasks already done");
            }
        }
        try (Progress p = counters.progress(console, chunkTotal)) {
            for (int i = 0; i < groups.size(); i++) {
                StorePlan plan = plans.get(i);
                if (plan != null) {
                    ProgressLog log = logs.get(i);
                    SparkPipeline.storeDirect(sc, jobs.get(i), plan, log.remaining(plan.tasks()), inputs, counters, log);
                    SparkPipeline.storeShuffle(sc, jobs.get(i), plan, inputs, counters, log);
                }
            }
            summary.seconds.put("store chunks", p.seconds());
        }
        summary.bytesDecoded = counters.decoded.value();
        summary.bytesWritten += counters.written.value();

        long t2 = System.nanoTime();
        GroupTargets.finalizeAll(plans, jobs, job);
        summary.seconds.put("finalize", (System.nanoTime() - t2) / 1e9);
        return summary;
    }

    private static boolean hasDimension(List<InputMetadata> md, String dim) {
        return md.stream().anyMatch(m -> m.dataset().variables().values().stream().anyMatch(v -> v.dims().contains(dim)));
    }

    /** The run's job reading group {@code g} into its folder of the store ("/": the run's own job). */
    static JobSpec groupJob(JobSpec job, String g) {
        if (g.equals("/")) {
            return new JobSpec(job.recipe().toBuilder().allGroups(false).build(), job.target(), job.hadoopConf(),
                    job.overwrite(), job.sourceAccess(), job.cacheRoot());
        }
        return new JobSpec(job.recipe().toBuilder().allGroups(false).group(g).build(),
                job.target().replaceAll("/+$", "") + g, job.hadoopConf(), job.overwrite(), job.sourceAccess(),
                job.cacheRoot());
    }
}
