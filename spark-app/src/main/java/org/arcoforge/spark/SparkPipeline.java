package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.arcoforge.plan.ChunkLimits;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.ReadTask;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.StoreObjects;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.VariablePlan;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.RetryEvents;
import org.arcoforge.stage.CacheInputs;
import org.arcoforge.stage.ChunkFragment;
import org.arcoforge.stage.DirectWriter;
import org.arcoforge.stage.FinalizeTarget;
import org.arcoforge.stage.InputMetadataCache;
import org.arcoforge.stage.InputRecord;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.PrepareTarget;
import org.arcoforge.stage.ProgressLog;
import org.arcoforge.stage.ReadMetadata;
import org.arcoforge.stage.ShuffleMap;
import org.arcoforge.stage.ShuffleReduce;
import org.arcoforge.stage.StoreResult;
import scala.Tuple2;

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
        if (SparkStart.localThreads(conf.get("spark.master")) > 0) {
            // a local run's web UI lives as long as the run and costs its start about 0.3 s of CPU
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        return conf;
    }

    public static RunSummary run(JavaSparkContext sc, JobSpec job, PrintWriter console) {
        return run(sc, job, console, ChunkLimits.DEFAULT);
    }

    /** A run whose plan is checked against {@code limits} before anything is written. */
    public static RunSummary run(JavaSparkContext sc, JobSpec job, PrintWriter console, ChunkLimits limits) {
        return run(SparkStart.of(sc), job, console, limits);
    }

    /**
     * As {@link #run(JavaSparkContext, JobSpec, PrintWriter, ChunkLimits)}, taking the context
     * only for a stage that runs Spark jobs: a resumed run whose inputs' metadata is all in the
     * progress log plans on the driver while Spark starts (see {@link SparkStart}).
     */
    public static RunSummary run(Supplier<JavaSparkContext> spark, JobSpec job, PrintWriter console,
                                 ChunkLimits limits) {
        if (job.recipe().allGroups()) {
            return GroupsPipeline.run(spark.get(), job, console, limits);
        }
        RunSummary summary = new RunSummary();
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        summary.inputs = inputs.size();
        if (job.cacheRoot() != null && inputs.stream().anyMatch(f -> ByteSources.isRemote(f.url()))) {
            cacheInputs(spark.get(), job, inputs, console, summary);
        }

        long tm = System.nanoTime();
        InputMetadataCache known = InputMetadataCache.open(job, inputs);
        Timeline.mark("inputs-checked");
        List<InputMetadata> metadata = MetadataPass.run(spark, job, known, console, summary, tm);

        Timeline.mark("metadata-known");
        StorePlan plan;
        long t0 = System.nanoTime();
        plan = Planner.plan(metadata, job.planOptions());
        limits.check(plan, job.planOptions()).forEach(w -> console.println("warning: " + w));
        summary.bytesWritten += PrepareTarget.run(plan, job, inputs.size());
        ProgressLog log = ProgressLog.open(plan, job);
        known.save(job); // now that the target is known to be this recipe's
        summary.seconds.put("plan + prepare target", (System.nanoTime() - t0) / 1e9);
        summary.chunks = plan.tasks().stream().mapToLong(t -> t.writes().size()).sum()
                + plan.shuffle().chunkCount() + plan.schema().precomputedValues().size();
        summary.shards = StoreObjects.shards(plan);
        String stage = StoreObjects.stage(summary.shards);
        plan.warnings().forEach(w -> console.println("warning: " + w));
        plan.variables().stream().filter(v -> v.mode() == VariablePlan.Mode.SHUFFLE)
                .forEach(v -> console.println("plan: '" + v.name() + "' goes through the shuffle (" + v.reason() + ")"));
        summary.tasks = plan.tasks().size() + plan.shuffle().reads().size() + plan.shuffle().reducePartitions();
        if (log.done() > 0) {
            console.println("resume: " + log.done() + " of " + log.total() + " chunk tasks already done");
        }

        Timeline.mark("planned");
        // store: direct tasks, then the shuffle (map: read and cut inputs; reduce: assemble whole chunks)
        List<StoreTask> remaining = log.remaining(plan.tasks());
        if (!remaining.isEmpty() || !(plan.shuffle().isEmpty() || log.allPartitionsDone())) {
            JavaSparkContext sc = spark.get();
            StoreCounters counters = new StoreCounters(sc);
            long chunkTotal = summary.chunks - plan.schema().precomputedValues().size() - log.chunksDone(plan);
            try (Progress p = counters.progress(console, chunkTotal, stage, StoreObjects.unit(summary.shards))) {
                storeDirect(sc, job, plan, remaining, inputs, counters, log);
                storeShuffle(sc, job, plan, inputs, counters, log);
                summary.seconds.put(stage, p.seconds());
            }
            summary.bytesDecoded = counters.decoded.value();
            summary.bytesWritten += counters.written.value();
        } else {
            summary.seconds.put(stage, 0.0);
        }

        Timeline.mark("stored");
        t0 = System.nanoTime();
        // which inputs the store holds, for append: written before the store is marked complete
        InputRecord.of(job, inputs, plan.schema().concatOffsets(), summary.inputBytes, 0).write(job);
        FinalizeTarget.run(plan, job);
        summary.seconds.put("finalize", (System.nanoTime() - t0) / 1e9);
        return summary;
    }

    /**
     * Chunks written, bytes decoded from the inputs and bytes stored, summed over the store stage's
     * tasks; and the decoded bytes of the chunks written so far, which the progress line shows (in
     * the shuffle the maps decode everything before the first chunk is written).
     */
    public static final class StoreCounters implements java.io.Serializable {
        public final LongAccumulator chunks;
        public final LongAccumulator decoded;
        public final LongAccumulator written;
        public final LongAccumulator done;

        public StoreCounters(JavaSparkContext sc) {
            chunks = sc.sc().longAccumulator("chunks written");
            decoded = sc.sc().longAccumulator("bytes decoded");
            written = sc.sc().longAccumulator("bytes written");
            done = sc.sc().longAccumulator("bytes decoded of the chunks written");
        }

        /** The store stage's progress: chunks written of {@code total} and their decoded MB. */
        Progress progress(PrintWriter console, long total) {
            return progress(console, total, "store chunks", "chunks");
        }

        Progress progress(PrintWriter console, long total, String stage, String unit) {
            return new Progress(console, stage, unit, total, chunks::value, done::value);
        }
    }

    /**
     * Store stage, direct part: each task reads its inputs once, writes whole chunks, then records
     * itself in the progress log.
     */
    public static void storeDirect(JavaSparkContext sc, JobSpec job, StorePlan plan, List<StoreTask> tasks,
                                   List<InputFile> inputs, StoreCounters counters, ProgressLog log) {
        if (tasks.isEmpty()) {
            return;
        }
        Broadcast<TargetSchema> schema = sc.broadcast(plan.schema());
        Broadcast<List<InputFile>> inputList = sc.broadcast(inputs);
        sc.setJobDescription("store: " + tasks.stream().mapToLong(t -> t.writes().size()).sum() + " chunks in "
                + tasks.size() + " direct tasks");
        sc.parallelize(tasks, tasks.size()).foreach(t -> {
            StoreResult r = DirectWriter.run(t, schema.value(), inputList.value(), job);
            log.recordTask(job, t.id(), r.stored());
            counters.chunks.add(r.chunks());
            counters.decoded.add(r.bytesDecoded());
            counters.done.add(r.bytesDecoded());
            counters.written.add(r.bytesWritten());
        });
        schema.destroy();
        inputList.destroy();
    }

    /**
     * Store stage, shuffle part: map tasks read pieces of the inputs and cut them into fragments keyed
     * by output chunk; Spark's shuffle (spilling to disk) groups them; each reduce task assembles and
     * writes whole chunks, then records its partition in the progress log. On a resumed run the
     * reads that feed only finished partitions are left out, and fragments for finished partitions
     * are dropped before the shuffle; a read that feeds an unfinished one is read again whole.
     */
    public static void storeShuffle(JavaSparkContext sc, JobSpec job, StorePlan plan, List<InputFile> inputs,
                                    StoreCounters counters, ProgressLog log) {
        ShufflePlan shuffle = plan.shuffle();
        if (shuffle.isEmpty() || log.allPartitionsDone()) {
            return;
        }
        List<ReadTask> reads = log.readsNeeded(shuffle);
        Broadcast<TargetSchema> schema = sc.broadcast(plan.schema());
        Broadcast<List<InputFile>> inputList = sc.broadcast(inputs);
        // Executors need the chunk numbering only; the read tasks travel as the RDD's data.
        Broadcast<ShufflePlan> layout = sc.broadcast(new ShufflePlan(shuffle.variables(), List.of(),
                shuffle.partitionStarts(), shuffle.mapPartitions(), shuffle.reducePeak()));
        sc.setJobDescription("store: " + shuffle.chunkCount() + " chunks through the shuffle: "
                + reads.size() + " reads, " + shuffle.reducePartitions() + " reduce tasks");
        int maps = Math.max(1, Math.max(Math.min(shuffle.mapPartitions(), reads.size()),
                Math.min(reads.size(), sc.defaultParallelism() * 2)));
        JavaPairRDD<Long, ChunkFragment> fragments = sc.parallelize(reads, maps).flatMapToPair(rt -> {
            long[] decoded = new long[1];
            Iterator<ChunkFragment> all = ShuffleMap.cut(rt, schema.value(), layout.value(), inputList.value(), job,
                    decoded);
            Iterator<ChunkFragment> it = log.unfinished(all, layout.value());
            return new Iterator<Tuple2<Long, ChunkFragment>>() {
                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more && decoded[0] > 0) {
                        counters.decoded.add(decoded[0]);
                        decoded[0] = 0;
                    }
                    return more;
                }

                @Override
                public Tuple2<Long, ChunkFragment> next() {
                    ChunkFragment f = it.next();
                    return new Tuple2<>(f.chunkId(), f);
                }
            };
        });
        fragments.repartitionAndSortWithinPartitions(new ChunkPartitioner(shuffle.partitionStarts()))
                .foreachPartition(it -> {
                    int partition = TaskContext.getPartitionId();
                    if (log.partitionDone(partition)) {
                        return;
                    }
                    Iterator<ChunkFragment> values = new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public ChunkFragment next() {
                            return it.next()._2();
                        }
                    };
                    StoreResult r = ShuffleReduce.assemble(values, schema.value(), layout.value(), job);
                    log.recordPartition(job, partition, r.stored());
                    counters.chunks.add(r.chunks());
                    counters.done.add(r.bytesDecoded());
                    counters.written.add(r.bytesWritten());
                });
        layout.destroy();
        schema.destroy();
        inputList.destroy();
    }

    /** The prepare stage's metadata read: every input, in parallel. */
    public static List<InputMetadata> readMetadata(JavaSparkContext sc, JobSpec job, PrintWriter console,
                                                   RunSummary summary) {
        List<ReadMetadata.Result> results = readMetadata(sc, job, job.recipe().filePattern().inputs(), console,
                summary);
        summary.sourceBytes = results.stream().mapToLong(ReadMetadata.Result::bytes).sum();
        return results.stream().map(ReadMetadata.Result::metadata).toList();
    }

    /** The metadata of {@code inputs}, read in parallel, in their order; the time goes to the summary. */
    static List<ReadMetadata.Result> readMetadata(JavaSparkContext sc, JobSpec job, List<InputFile> inputs,
                                                  PrintWriter console, RunSummary summary) {
        LongAccumulator mdDone = sc.sc().longAccumulator("inputs read");
        List<ReadMetadata.Result> results;
        // cache: false reads remote inputs here, so their retries show here
        try (RetryEvents.Shown shown = RetryEvents.shownOnConsole();
             Progress p = new Progress(console, "prepare: read metadata", "inputs", inputs.size(), mdDone::value,
                     null, null, "decoded", RetryEvents::pending)) {
            sc.setJobDescription("prepare: read metadata of " + inputs.size() + " inputs");
            results = sc.parallelize(inputs, slices(sc, inputs.size())).map(f -> {
                ReadMetadata.Result r = ReadMetadata.read(f, job);
                mdDone.add(1);
                return r;
            }).collect();
            summary.seconds.put("read metadata", p.seconds());
        }
        return results;
    }

    /** Cache stage: copies the remote inputs into the cache root, at most N connections per host. */
    public static void cacheInputs(JavaSparkContext sc, JobSpec job, List<InputFile> inputs, PrintWriter console,
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
        LongAccumulator failed = sc.sc().longAccumulator("inputs failed");
        LongAccumulator bytes = sc.sc().longAccumulator("bytes downloaded");
        String runId = java.util.UUID.randomUUID().toString();
        List<CacheInputs.Result> results;
        try (RetryEvents.Shown shown = RetryEvents.shownOnConsole();
             Progress p = new Progress(console, "cache inputs", "inputs", remote.size(), files::value, failed::value,
                     bytes::value, "downloaded", RetryEvents::pending)) {
            sc.setJobDescription("cache: " + remote.size() + " remote inputs in " + groups.size() + " tasks into "
                    + ByteSources.safeLocation(job.cacheRoot()));
            results = sc.parallelize(groups, groups.size())
                    .flatMap(g -> CacheInputs.fetchGroup(g, job, runId, r -> (r.ok() ? files : failed).add(1),
                            bytes::add).iterator())
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
        /** Of the chunks, the shards (Zarr v3 with shards: each one object of inner chunks); 0 without. */
        public long shards;
        public int tasks;
        public long sourceBytes;
        public long bytesDecoded;
        public long bytesWritten;
        /** Cache stage: inputs in the cache, of which reused; bytes downloaded and requests sent by this run. */
        public long cached;
        public long reused;
        public long downloadedBytes;
        public long requests;
        /** Each input's size in bytes, in input order (null when not read). */
        public long[] inputBytes;
        public final Map<String, Double> seconds = new LinkedHashMap<>();

        public double totalSeconds() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }
}
