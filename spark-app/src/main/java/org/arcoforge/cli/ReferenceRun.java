package org.arcoforge.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.spark.ReferencePipeline;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.spark.SparkStart;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReferenceTarget;

/**
 * {@code arcoforge run} for {@code kind: reference}: no cache (the references name the inputs where
 * they are) and no lease (nothing is written until the one atomic write at the end).
 */
final class ReferenceRun {
    private ReferenceRun() {
    }

    static int run(Recipe r, String uri, SparkConf conf, Map<String, String> hadoop, boolean overwrite,
                   Map<String, String> env, PrintWriter err, PrintWriter out) {
        ReferenceTarget.checkTarget(uri);
        JobSpec job = new JobSpec(r, uri, hadoop, overwrite, SourceAccess.resolve(r.sourceOptions(), env), null);
        err.printf(Locale.ROOT, "recipe %s: %d inputs -> %s (reference store)%n", r.name(),
                r.filePattern().inputs().size(), uri);
        SparkPipeline.RunSummary s;
        try (SparkStart sc = SparkStart.begin(conf)) {
            s = ReferencePipeline.run(sc.get(), job, err);
        } finally {
            Interrupts.finished();
        }
        err.printf(Locale.ROOT, "done: %d inputs (%.1f MB), %d references, %.1f s%n", s.inputs, s.sourceBytes / 1e6,
                s.chunks, s.totalSeconds());
        s.seconds.forEach((k, v) -> err.printf(Locale.ROOT, "  %-22s %7.1f s%n", k, v));
        out.println("Reference store: " + uri);
        out.flush();
        return 0;
    }
}
