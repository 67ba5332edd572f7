package org.arcoforge.stage;

import java.io.Serializable;
import java.util.Map;
import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.plan.PlanOptions;
import org.arcoforge.recipe.ConcatDim;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;

/**
 * Everything a run needs besides Spark: the recipe (already pruned if asked), the target store URI,
 * the Hadoop settings used for sources and target, how remote sources are reached (secrets read
 * from the environment on the driver) and the input cache root (null: remote inputs are read in
 * place). Shipped to executors.
 */
public record JobSpec(Recipe recipe, String target, Map<String, String> hadoopConf, boolean overwrite,
                      SourceAccess sourceAccess, String cacheRoot) implements Serializable {

    public JobSpec {
        recipe = CodecRegistry.complete(recipe); // bad compressor: a RecipeException before any work
        hadoopConf = Map.copyOf(hadoopConf);
        // File.toURI() ends an existing directory with "/": keep one spelling for messages.
        cacheRoot = cacheRoot == null ? null : ByteSources.uriOf(cacheRoot).replaceAll("(?<!:)/+$", "");
    }

    /**
     * Reads the recipe's credential variables from this process's environment (a missing one is a
     * RecipeException, before any work) and takes the cache root from the recipe.
     */
    public JobSpec(Recipe recipe, String target, Map<String, String> hadoopConf, boolean overwrite) {
        this(recipe, target, hadoopConf, overwrite, SourceAccess.resolve(recipe.sourceOptions(), System.getenv()),
                defaultCacheRoot(recipe, target));
    }

    /** The recipe's cache root; without one, arcoforge-cache beside the target; null when the cache is off. */
    public static String defaultCacheRoot(Recipe r, String target) {
        if (!r.cache().enabled()) {
            return null;
        }
        if (r.cache().root() != null) {
            return r.cache().root();
        }
        String t = target.replaceAll("/+$", "");
        int slash = t.lastIndexOf('/');
        return (slash <= 0 ? "." : t.substring(0, slash)) + "/arcoforge-cache";
    }

    /** Where the stages read an input: its cached copy for a remote input when the cache is on. */
    public String readLocation(InputFile f) {
        return cacheRoot != null && ByteSources.isRemote(f.url()) ? CacheInputs.cachePath(cacheRoot, f.url()) : f.url();
    }

    public String concatDim() {
        return recipe.filePattern().concatDim().map(ConcatDim::name).orElse(null);
    }

    public PlanOptions planOptions() {
        Integer items = recipe.filePattern().concatDim().map(ConcatDim::itemsPerFile).orElse(null);
        return new PlanOptions(concatDim(), items, recipe.targetChunks(), recipe.inputsPerChunk(),
                recipe.setAttributes(), recipe.maxTaskMemory(), recipe.targetChunkSize(), recipe.chunkFavor(),
                recipe.encoding(), recipe.coordinateTolerance(), recipe.shards());
    }
}
