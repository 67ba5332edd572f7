package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.io.ByteSources;
import org.arcoforge.stage.CacheInputs;
import org.arcoforge.stage.FinalizeTarget;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.PrepareTarget;
import org.arcoforge.stage.ReadMetadata;
import org.arcoforge.stage.StoreChunks;

/**
 * The Spark layer: runs the stages (prepare, store, finalize) of one recipe as Spark jobs over the
 * plain functions in {@code org.arcoforge.stage}. Nothing here decides what to write.
 */
public final class SparkPipeline {
    private SparkPipeline() {
    }

    /** A SparkConf for a run: the given master unless spark-submit already set one. */
    public static SparkConf conf(String appName, String master) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (!conf.contains("spark.master")) {
            conf.setMaster(master == null ? "local[*]" : master);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }

    public static RunSummary run(JavaSparkContext sc, JobSpec job, PrintWriter console) {
        RunSummary summary = new RunSummary();
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        summary.inputs = inputs.size();
        cacheInputs(sc, job, inputs, console, summary);

        // prepare: metadata of every input, read in parallel
        LongAccumulator mdDone = sc.sc().longAccumulator("inputs read");
        LongAccumulator mdBytes = sc.sc().longAccumulator("input bytes");
        List<ReadMetadata.Result> results;
        try (Progress p = new Progress(console, "prepare: read metadata", "inputs", inputs.size(),
                mdDone::value, null)) {
            sc.setJobDescription("prepare: read metadata of " + inputs.size() + " inputs");
            results = sc.parallelize(inputs, slices(sc, inputs.size())).map(f -> {
                ReadMetadata.Result r = ReadMetadata.read(f, job);
                mdDone.add(1);
                mdBytes.add(r.bytes());
                return r;
            }).collect();
            summary.seconds.put("read metadata", p.seconds());
        }
        summary.sourceBytes = mdBytes.value();
        List<InputMetadata> metadata = new ArrayList<>();
        for (ReadMetadata.Result r : results) {
            metadata.add(r.metadata());
        }

        StorePlan plan;
        long t0 = System.nanoTime();
        plan = Planner.plan(metadata, job.planOptions());
        summary.bytesWritten += PrepareTarget.run(plan, job, inputs.size());
        summary.seconds.put("plan + prepare target", (System.nanoTime() - t0) / 1e9);
        summary.chunks = plan.tasks().stream().mapToLong(t -> t.writes().size()).sum()
                + plan.schema().precomputedValues().size();
        summary.tasks = plan.tasks().size();

        // store: every chunk, in parallel
        Broadcast<TargetSchema> schema = sc.broadcast(plan.schema());
        Broadcast<List<InputFile>> inputList = sc.broadcast(inputs);
        LongAccumulator chunks = sc.sc().longAccumulator("chunks written");
        LongAccumulator decoded = sc.sc().longAccumulator("bytes decoded");
        LongAccumulator written = sc.sc().longAccumulator("bytes written");
        long chunkTotal = summary.chunks - plan.schema().precomputedValues().size();
        try (Progress p = new Progress(console, "store chunks", "chunks", chunkTotal, chunks::value, decoded::value)) {
            sc.setJobDescription("store: " + chunkTotal + " chunks in " + plan.tasks().size() + " tasks");
            List<StoreTask> tasks = plan.tasks();
            sc.parallelize(tasks, Math.max(1, tasks.size())).foreach(t -> {
                StoreChunks.Result r = StoreChunks.run(t, schema.value(), inputList.value(), job);
                chunks.add(r.chunks());
                decoded.add(r.bytesDecoded());
                written.add(r.bytesWritten());
            });
            summary.seconds.put("store chunks", p.seconds());
        }
        summary.bytesDecoded = decoded.value();
        summary.bytesWritten += written.value();

        t0 = System.nanoTime();
        FinalizeTarget.run(plan, job);
        summary.seconds.put("finalize", (System.nanoTime() - t0) / 1e9);
        schema.destroy();
        inputList.destroy();
        return summary;
    }

    /** Cache stage: copies the remote inputs into the cache root, at most N connections per host. */
    private static void cacheInputs(JavaSparkContext sc, JobSpec job, List<InputFile> inputs, PrintWriter console,
                                    RunSummary summary) {
        if (job.cacheRoot() == null) {
            return;
        }
        List<InputFile> remote = inputs.stream().filter(f -> ByteSources.isRemote(f.url())).toList();
        if (remote.isEmpty()) {
            return;
        }
        List<List<InputFile>> groups = CacheInputs.plan(remote, job.sourceAccess().maxConnectionsPerHost());
        LongAccumulator files = sc.sc().longAccumulator("inputs cached");
        LongAccumulator bytes = sc.sc().longAccumulator("bytes downloaded");
        List<CacheInputs.Result> results;
        try (Progress p = new Progress(console, "cache inputs", "inputs", remote.size(), files::value, bytes::value,
                "downloaded")) {
            sc.setJobDescription("cache: " + remote.size() + " remote inputs in " + groups.size() + " tasks into "
                    + ByteSources.safeLocation(job.cacheRoot()));
            results = sc.parallelize(groups, groups.size())
                    .flatMap(g -> CacheInputs.fetchGroup(g, job, r -> files.add(1), bytes::add).iterator())
                    .collect();
            summary.seconds.put("cache inputs", p.seconds());
        }
        summary.cached = results.stream().filter(r -> r.ok()).count();
        summary.downloadedBytes = results.stream().mapToLong(CacheInputs.Result::downloaded).sum();
        summary.requests = results.stream().mapToLong(CacheInputs.Result::requests).sum();
        summary.reused = results.stream().filter(CacheInputs.Result::reused).count();
        results.stream().filter(r -> r.refetched() != null).forEach(r ->
                console.println("[cache inputs] fetched again " + r.location() + ": " + r.refetched()));
        console.flush();
        CacheInputs.requireAll(results, job.cacheRoot());
    }

    private static int slices(JavaSparkContext sc, int n) {
        return Math.max(1, Math.min(n, sc.defaultParallelism() * 4));
    }

    /** What a run did, for the final console summary and for tests. */
    public static final class RunSummary {
        public int inputs;
        public long chunks;
        public int tasks;
        public long sourceBytes;
        public long bytesDecoded;
        public long bytesWritten;
        /** Cache stage: inputs in the cache, of which reused; bytes downloaded and requests sent by this run. */
        public long cached;
        public long reused;
        public long downloadedBytes;
        public long requests;
        public final Map<String, Double> seconds = new LinkedHashMap<>();

        public double totalSeconds() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
