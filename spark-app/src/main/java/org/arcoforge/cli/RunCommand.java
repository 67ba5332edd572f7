package org.arcoforge.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.spark.SparkStart;
import org.arcoforge.spark.Timeline;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.TargetLease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code arcoforge run: a recipe on Spark, into its Zarr store}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a recipe and write its Zarr store.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SharedOptions.RecipeFile recipe;

    @Option(names = "--target", required = true, paramLabel = "URI",
            description = "where to write the Zarr store: a path, file://, hdfs://, s3a:// or gs:// URI")
    String target;

    @Option(names = "--master", paramLabel = "M", description = "Spark master (default local[*], or spark-submit's)")
    String master;

    @Option(names = "--max-task-memory", paramLabel = "SIZE",
            description = "memory budget of one store task, e.g. 512MB (default: the recipe's max_task_memory, else 1GiB)")
    String maxTaskMemory;

    @Option(names = "--overwrite", description = "replace a target made by another recipe")
    boolean overwrite;

    @Option(names = "--break-lock", description = "take over the target's lease left by a run that stopped "
            + "(only once it is stale: not refreshed for 4 intervals, 2 min by default)")
    boolean breakLock;

    @CommandLine.Mixin
    SharedOptions.Hadoop hadoop;

    @CommandLine.Mixin
    SharedOptions.Limits limits;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting")
    Map<String, String> spark = new LinkedHashMap<>();

    @CommandLine.ParentCommand
    ArcoForge parent;

    @Option(names = "--cache", paramLabel = "URI",
            description = "cache remote inputs here (a path or Hadoop URI), overriding the recipe's cache")
    String cache;

    @CommandLine.Mixin
    SharedOptions.Debug debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Recipe r = ArcoForge.withMemory(recipe.load(), maxTaskMemory, spec);
        Timeline.mark("recipe-loaded");
        String uri = ArcoForge.normalizeTarget(target);
        java.io.PrintWriter err = Interrupts.guard(spec.commandLine().getErr(), uri, r.zarrFormat());
        SparkConf conf = SparkPipeline.conf("arcoforge " + r.name(), master);
        spark.forEach(conf::set);
        if (r.isReference()) {
            return ReferenceRun.run(r, uri, conf, hadoop.settings(conf), overwrite, parent.env, err,
                    spec.commandLine().getOut());
        }
        JobSpec job = new JobSpec(r, uri, hadoop.settings(conf), overwrite,
                SourceAccess.resolve(r.sourceOptions(), parent.env),
                cache != null ? ArcoForge.normalizeTarget(cache) : JobSpec.defaultCacheRoot(r, uri));
        err.printf(Locale.ROOT, "recipe %s: %d inputs -> %s%n", r.name(), r.filePattern().inputs().size(), uri);
        SparkPipeline.RunSummary s;
        // Spark starts (in the background in local mode) while the lease is taken, before anything
        // is written; it stops before the lease is released
        SparkStart starting = SparkStart.begin(conf);
        try (TargetLease lease = SparkStart.closedOnFailure(starting, () -> TargetLease.acquire(job, breakLock));
             SparkStart sc = starting) {
            Timeline.mark("lease-taken");
            if (lease.tookOver() != null) {
                err.println("note: " + lease.tookOver());
            }
            s = SparkPipeline.run(sc, job, err, limits.value());
        } finally {
            Interrupts.finished();
        }
        Timeline.mark("done");
        String written = s.shards > 0 ? s.chunks + " objects (" + s.shards + " shards)" : s.chunks + " chunks";
        err.printf(Locale.ROOT, "done: %d inputs (%.1f MB), %s in %d tasks, %.1f MB decoded, %.1f MB written, "
                        + "%.1f s (%.1f MB/s of source data)%n",
                s.inputs, s.sourceBytes / 1e6, written, s.tasks, s.bytesDecoded / 1e6, s.bytesWritten / 1e6,
                s.totalSeconds(), s.sourceBytes / 1e6 / Math.max(s.totalSeconds(), 1e-3));
        if (s.cached > 0) {
            err.printf(Locale.ROOT, "cache: %d remote inputs in %s (%d reused), %.1f MB downloaded in %d requests%n",
                    s.cached, ByteSources.safeLocation(job.cacheRoot()), s.reused,
                    s.downloadedBytes / 1e6, s.requests);
        }
        s.seconds.forEach((k, v) -> err.printf(Locale.ROOT, "  %-22s %7.1f s%n", k, v));
        spec.commandLine().getOut().println("Zarr store: " + uri);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
