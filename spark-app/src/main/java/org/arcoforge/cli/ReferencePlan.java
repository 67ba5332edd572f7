package org.arcoforge.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.format.reference.InputLayout;
import org.arcoforge.format.reference.ReferenceSet;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.spark.ReferencePipeline;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReferenceTarget;

/** {@code arcoforge plan} for {@code kind: reference}: the combine without the write, and what it would write. */
final class ReferencePlan {
    private ReferencePlan() {
    }

    static int print(JobSpec job, SparkConf conf, int driverLimit, PrintWriter out, PrintWriter err) {
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        long t0 = System.nanoTime();
        List<ReferenceTarget.Read> reads;
        String how;
        if (inputs.size() <= driverLimit) {
            reads = new ArrayList<>();
            for (InputFile f : inputs) {
                reads.add(ReferenceTarget.read(f, job));
            }
            how = "on the driver";
        } else {
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                reads = ReferencePipeline.read(sc, job, inputs, err, new SparkPipeline.RunSummary());
            }
            how = "with Spark";
        }
        double readSeconds = (System.nanoTime() - t0) / 1e9;
        List<InputMetadata> metadata = reads.stream().map(r -> r.metadata().metadata()).toList();
        List<InputLayout> layouts = reads.stream().map(ReferenceTarget.Read::layout).toList();
        StorePlan plan = Planner.plan(metadata, job.planOptions());
        ReferenceSet set = ReferenceTarget.combine(plan.schema(), metadata, layouts, job);
        out.printf(Locale.ROOT, "recipe %s: metadata and byte layout of %d inputs read %s in %.1f s%n",
                job.recipe().name(), inputs.size(), how, readSeconds);
        long inlineArrays = set.arrays().stream().filter(a -> a.inline() != null).count();
        out.printf(Locale.ROOT, "reference store (kerchunk JSON v1): %d variables, %d references into %d inputs,"
                        + " %d arrays inline (%d bytes inlined), %d metadata documents%n",
                set.arrays().size(), set.references(), set.urls().size(), inlineArrays, set.inlineBytes(),
                set.metadata().size());
        out.flush();
        return 0;
    }
}
