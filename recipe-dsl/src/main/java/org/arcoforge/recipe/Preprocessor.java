package org.arcoforge.recipe;

import java.io.Serializable;
import org.arcoforge.recipe.data.Dataset;

/**
 * A hook over each input's in-memory {@link Dataset}, applied to the metadata-only dataset when the
 * target is prepared and to every dataset with values when chunks are stored. It may rename or drop
 * variables and change attributes or values in place, but must keep shapes, dimensions and types,
 * and must treat metadata-only datasets and datasets with values alike (check {@link
 * Dataset#hasData()} before touching values). A dataset with values holds only the variables one
 * task reads (sometimes just the concat coordinate), so look variables up with {@link Dataset#has}
 * first. Serializable because Spark ships it to executors.
 */
@FunctionalInterface
public interface Preprocessor extends Serializable {
    void apply(Dataset dataset);
}
