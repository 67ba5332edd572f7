package org.arcoforge.stage;

import java.io.Serializable;
import java.util.Map;
import org.arcoforge.plan.PlanOptions;
import org.arcoforge.recipe.ConcatDim;
import org.arcoforge.recipe.Recipe;

/**
 * Everything a run needs besides Spark: the recipe (already pruned if asked), the target store URI
 * and the Hadoop settings used for sources and target. Shipped to executors.
 */
public record JobSpec(Recipe recipe, String target, Map<String, String> hadoopConf, boolean overwrite)
        implements Serializable {

    public JobSpec {
        hadoopConf = Map.copyOf(hadoopConf);
    }

    public String concatDim() {
        return recipe.filePattern().concatDim().map(ConcatDim::name).orElse(null);
    }

    public PlanOptions planOptions() {
        Integer items = recipe.filePattern().concatDim().map(ConcatDim::itemsPerFile).orElse(null);
        return new PlanOptions(concatDim(), items, recipe.targetChunks(), recipe.inputsPerChunk(),
                recipe.setAttributes(), recipe.maxTaskMemory(), recipe.targetChunkSize(), recipe.chunkFavor());
    }
}
