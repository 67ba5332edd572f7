package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;
import org.arcoforge.format.reference.InputLayout;
import org.arcoforge.format.reference.ReferenceSet;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReferenceTarget;

/**
 * {@code kind: reference} on Spark: every input's metadata and byte layout read in parallel on
 * executors; the plan (the Zarr recipe's schema), the combine and the one write on the driver.
 */
public final class ReferencePipeline {
    private ReferencePipeline() {
    }

    /** Every input's metadata and layout, read on the executors, in input order. */
    public static List<ReferenceTarget.Read> read(JavaSparkContext sc, JobSpec job, List<InputFile> inputs,
                                                  PrintWriter console, SparkPipeline.RunSummary summary) {
        LongAccumulator done = sc.sc().longAccumulator("inputs read");
        try (Progress p = new Progress(console, "read layouts", "inputs", inputs.size(), done::value, null)) {
            sc.setJobDescription("reference: read metadata and byte layout of " + inputs.size() + " inputs");
            int slices = Math.max(1, Math.min(inputs.size(), sc.defaultParallelism() * 4));
            List<ReferenceTarget.Read> reads = sc.parallelize(inputs, slices).map(f -> {
                ReferenceTarget.Read r = ReferenceTarget.read(f, job);
                done.add(1);
                return r;
            }).collect();
            summary.seconds.put("read layouts", p.seconds());
            return reads;
        }
    }

    public static SparkPipeline.RunSummary run(JavaSparkContext sc, JobSpec job, PrintWriter console) {
        SparkPipeline.RunSummary summary = new SparkPipeline.RunSummary();
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        summary.inputs = inputs.size();
        List<ReferenceTarget.Read> reads = read(sc, job, inputs, console, summary);
        long t0 = System.nanoTime();
        List<InputMetadata> metadata = reads.stream().map(r -> r.metadata().metadata()).toList();
        List<InputLayout> layouts = reads.stream().map(ReferenceTarget.Read::layout).toList();
        summary.sourceBytes = reads.stream().mapToLong(r -> r.metadata().bytes()).sum();
        StorePlan plan = Planner.plan(metadata, job.planOptions());
        ReferenceSet set = ReferenceTarget.combine(plan.schema(), metadata, layouts, job);
        summary.chunks = set.references();
        summary.seconds.put("combine", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        summary.bytesWritten = ReferenceTarget.write(set, job);
        summary.seconds.put("write", (System.nanoTime() - t0) / 1e9);
        console.printf(Locale.ROOT, "references: %d into %d inputs, %d bytes inline, %.1f MB of JSON%n",
                set.references(), set.urls().size(), set.inlineBytes(), summary.bytesWritten / 1e6);
        return summary;
    }
}
