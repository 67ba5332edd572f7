package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.stage.InputMetadataCache;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReadMetadata;

/**
 * The prepare stage's metadata pass of a run: inputs unchanged since an earlier run of the same
 * recipe read them (the progress log's {@link InputMetadataCache}) are not opened again; the others
 * are read on Spark, or in local mode on the driver's threads ({@link DriverMetadataRead}). Neither
 * waits for Spark's start in local mode.
 */
final class MetadataPass {
    private MetadataPass() {
    }

    /** Every input's metadata, in input order; {@code startNanos}: when the cache was opened. */
    static List<InputMetadata> run(Supplier<JavaSparkContext> spark, JobSpec job, InputMetadataCache known,
                                   PrintWriter console, SparkPipeline.RunSummary summary, long startNanos) {
        List<InputFile> inputs = job.recipe().filePattern().inputs();
        ReadMetadata.Result[] results = new ReadMetadata.Result[inputs.size()];
        List<InputFile> missing = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            results[i] = known.get(inputs.get(i), job);
            if (results[i] == null) {
                missing.add(inputs.get(i));
                at.add(i);
            }
        }
        int reused = inputs.size() - missing.size();
        if (reused > 0) {
            console.println("prepare: metadata of " + reused + " of " + inputs.size()
                    + " inputs from the progress log (unchanged since an earlier run read them)");
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (!missing.isEmpty()) {
            // in local mode on the driver's threads, while Spark starts; else on Spark, whose start is
            // not the pass's time
            int threads = spark instanceof SparkStart s ? s.localThreads() : 0;
            List<ReadMetadata.Result> read = threads > 0
                    ? DriverMetadataRead.read(job, missing, threads, console, summary)
                    : SparkPipeline.readMetadata(spark.get(), job, missing, console, summary);
            for (int k = 0; k < read.size(); k++) {
                results[at.get(k)] = read.get(k);
                known.put(missing.get(k), job, read.get(k));
            }
            seconds += summary.seconds.get("read metadata");
        }
        summary.seconds.put("read metadata", seconds);
        List<InputMetadata> metadata = new ArrayList<>(results.length);
        summary.sourceBytes = 0;
        summary.inputBytes = java.util.Arrays.stream(results).mapToLong(ReadMetadata.Result::bytes).toArray();
        for (ReadMetadata.Result r : results) {
            metadata.add(r.metadata());
            summary.sourceBytes += r.bytes();
        }
        return metadata;
    }
}
