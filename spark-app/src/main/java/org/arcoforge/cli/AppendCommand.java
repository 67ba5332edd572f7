package org.arcoforge.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.spark.AppendPipeline;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.spark.SparkStart;
import org.arcoforge.stage.AppendTarget;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.TargetLease;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arcoforge append}: the recipe's inputs a store does not hold yet, added along the concat dimension. */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = "Extend a store made by this recipe (with earlier keys) with the inputs it does not hold yet.")
final class AppendCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SharedOptions.RecipeFile recipe;

    @Option(names = "--target", required = true, paramLabel = "URI", description = "the Zarr store to extend")
    String target;

    @Option(names = "--allow-gaps", description = "accept new steps that leave a gap after the store's regular steps")
    boolean allowGaps;

    @Option(names = "--master", paramLabel = "M",
            description = "Spark master (default local[*], or spark-submit's); a small append does not start Spark")
    String master;

    @Option(names = "--max-task-memory", paramLabel = "SIZE", description = "memory budget of one store task")
    String maxTaskMemory;

    @Option(names = "--break-lock", description = "take over the target's lease left by a run that stopped")
    boolean breakLock;

    @CommandLine.Mixin
    SharedOptions.Hadoop hadoop;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting")
    Map<String, String> spark = new LinkedHashMap<>();

    @Option(names = "--cache", paramLabel = "URI", description = "cache remote inputs here, overriding the recipe's cache")
    String cache;

    @CommandLine.ParentCommand
    ArcoForge parent;

    @CommandLine.Mixin
    SharedOptions.Debug debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Recipe r = ArcoForge.withMemory(recipe.load(), maxTaskMemory, spec);
        String uri = ArcoForge.normalizeTarget(target);
        java.io.PrintWriter err = spec.commandLine().getErr();
        SparkConf conf = SparkPipeline.conf("arcoforge append " + r.name(), master);
        spark.forEach(conf::set);
        JobSpec job = new JobSpec(r, uri, hadoop.settings(conf), false, SourceAccess.resolve(r.sourceOptions(), parent.env),
                cache != null ? ArcoForge.normalizeTarget(cache) : JobSpec.defaultCacheRoot(r, uri));
        // nothing new: said without taking the lease, so an up-to-date store gets no write at all
        AppendTarget before = AppendPipeline.open(job);
        if (before.newInputs(r.filePattern().inputs()).isEmpty()) {
            spec.commandLine().getOut().println(before.upToDate());
            spec.commandLine().getOut().flush();
            return 0;
        }
        long t0 = System.nanoTime();
        AppendPipeline.Result result;
        try (TargetLease lease = TargetLease.acquire(job, breakLock);
             LazySpark sc = new LazySpark(conf)) {
            if (lease.tookOver() != null) {
                err.println("note: " + lease.tookOver());
            }
            result = AppendPipeline.run(sc, job, err, allowGaps);
        }
        err.printf(java.util.Locale.ROOT, "done: %d chunks, %.1f MB written, %.1f s%n", result.chunks(),
                result.bytesWritten() / 1e6, (System.nanoTime() - t0) / 1e9);
        result.seconds().forEach((k, v) -> err.printf(java.util.Locale.ROOT, "  %-22s %7.2f s%n", k, v));
        spec.commandLine().getOut().println("Zarr store: " + uri);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Spark, started only when a stage needs it. */
    private static final class LazySpark implements Supplier<JavaSparkContext>, AutoCloseable {
        private final SparkConf conf;
        private SparkStart started;

        LazySpark(SparkConf conf) {
            this.conf = conf;
        }

        @Override
        public synchronized JavaSparkContext get() {
            if (started == null) {
                started = SparkStart.begin(conf);
            }
            return started.get();
        }

        @Override
        public synchronized void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
