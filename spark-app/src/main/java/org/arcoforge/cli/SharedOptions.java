package org.arcoforge.cli;

import org.arcoforge.codec.CodecRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.arcoforge.plan.ChunkLimits;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeException;
import org.arcoforge.recipe.RecipeYaml;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options that several commands take, as picocli mixins: each command mixes in the ones it has. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** Every command; read by the execution exception handler in {@link ArcoForge#execute}. */
    static final class Debug {
        @Option(names = "--debug", description = "print the stack trace of a failure")
        boolean debug;

        /** Whether {@code spec}'s command was given --debug. */
        static boolean given(CommandSpec spec) {
            return spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof Debug d && d.debug);
        }
    }

    /** run, plan, check, validate. */
    static final class RecipeFile {
        @Parameters(index = "0", paramLabel = "RECIPE", description = "recipe YAML file")
        Path recipe;

        @Option(names = "--prune", paramLabel = "N", description = "test run over the first N keys of the concat dimension")
        Integer prune;

        Recipe load() {
            // The codec registry checks the compressor (with the line of the field) and fills its defaults.
            Recipe r = CodecRegistry.complete(RecipeYaml.load(recipe, CodecRegistry::problems));
            if (prune == null) {
                return r;
            }
            // Pruning to more keys than there are would quietly run everything.
            int keys = r.filePattern().concatDim().map(c -> c.keys().size()).orElse(0);
            if (keys == 0) {
                throw new RecipeException("--prune " + prune + ": the recipe has no concat dimension whose keys"
                        + " could be pruned; drop --prune");
            }
            if (prune > keys) {
                throw new RecipeException("--prune " + prune + ": the recipe has only " + keys + " keys along '"
                        + r.filePattern().concatDim().orElseThrow().name() + "' (" + r.filePattern().inputs().size()
                        + " inputs); drop --prune to run them all, or prune to at most " + keys);
            }
            return r.pruned(prune);
        }
    }

    /** run, plan: how much chunking {@link ChunkLimits} lets through. */
    static final class Limits {
        @Option(names = "--max-chunks", paramLabel = "N", defaultValue = "1000000",
                description = "refuse a plan with more than N chunks for one variable (default 1000000)")
        long maxChunks;

        @Option(names = "--force", description = "write a plan anyway that has more chunks than --max-chunks for"
                + " a variable, or chunks under 1 kB")
        boolean force;

        ChunkLimits value() {
            if (maxChunks < 1) {
                throw new RecipeException("--max-chunks must be at least 1, got " + maxChunks);
            }
            return new ChunkLimits(maxChunks, force);
        }
    }

    /** run, plan, check. */
    static final class Hadoop {
        @Option(names = "--hadoop", paramLabel = "KEY=VALUE",
                description = "Hadoop setting for the inputs (and run's target and cache); repeatable")
        Map<String, String> hadoop = new LinkedHashMap<>();

        /** {@code conf}'s spark.hadoop.* settings (spark-submit, --conf) with --hadoop ones taking precedence. */
        Map<String, String> settings(SparkConf conf) {
            return ArcoForge.hadoopSettings(conf, hadoop);
        }
    }

    /** check, validate. */
    static final class ListAll {
        @Option(names = "--all", description = "list every input (default: problems, and the first and last 10)")
        boolean all;
    }
}
