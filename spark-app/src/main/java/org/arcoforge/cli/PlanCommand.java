package org.arcoforge.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.PlanDescription;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReadMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code arcoforge plan: what a run would do, without running it}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print, without writing anything, how a recipe would run: stages, tasks, bytes and "
                + "estimated peak memory per task, and whether each variable is written directly or through "
                + "the shuffle. Reads every input's metadata: on this JVM for up to --driver-limit inputs, "
                + "otherwise with the prepare stage on Spark (local[*] unless --master).")
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SharedOptions.RecipeFile recipe;

    @Option(names = "--max-task-memory", paramLabel = "SIZE", description = "as for run")
    String maxTaskMemory;

    @Option(names = "--driver-limit", paramLabel = "N", defaultValue = "64",
            description = "read metadata on this JVM when there are at most N inputs (default 64)")
    int driverLimit;

    @Option(names = "--master", paramLabel = "M")
    String master;

    @CommandLine.Mixin
    SharedOptions.Hadoop hadoop;

    @CommandLine.Mixin
    SharedOptions.Limits limits;

    @CommandLine.Mixin
    SharedOptions.Debug debug;

    @CommandLine.ParentCommand
    ArcoForge parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Recipe r = ArcoForge.withMemory(recipe.load(), maxTaskMemory, spec);
        if (r.allGroups()) {
            throw new org.arcoforge.recipe.RecipeException("recipe '" + r.name() + "': arcoforge plan does not describe"
                    + " groups: all yet (run plans every group); to see one group's plan, use group: /NAME instead");
        }
        SparkConf conf = SparkPipeline.conf("arcoforge plan " + r.name(), master);
        // no target and no cache yet: remote inputs are read in place, with the recipe's credentials
        JobSpec job = new JobSpec(r, "unused:/", hadoop.settings(conf), false,
                SourceAccess.resolve(r.sourceOptions(), parent.env), null);
        List<InputFile> inputs = r.filePattern().inputs();
        java.io.PrintWriter out = spec.commandLine().getOut();
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (r.isReference()) {
            return ReferencePlan.print(job, conf, driverLimit, out, err);
        }
        List<InputMetadata> metadata = new java.util.ArrayList<>();
        String how;
        long t0 = System.nanoTime();
        if (inputs.size() <= driverLimit) {
            for (InputFile f : inputs) {
                metadata.add(ReadMetadata.read(f, job).metadata());
            }
            how = "on the driver";
        } else {
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                metadata = SparkPipeline.readMetadata(sc, job, err, new SparkPipeline.RunSummary());
            }
            how = "with Spark";
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        StorePlan plan = Planner.plan(metadata, job.planOptions());
        double planSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "recipe %s: metadata of %d inputs read %s in %.1f s, planned in %.2f s%n",
                r.name(), inputs.size(), how, readSeconds, planSeconds);
        out.print(PlanDescription.describe(plan, inputs.size(), r.zarrFormat()));
        out.flush();
        limits.value().check(plan, job.planOptions()).forEach(w -> out.println("warning: " + w));
        out.flush();
        return 0;
    }
}
