package org.arcoforge.recipe;

import java.io.Serializable;
import org.arcoforge.recipe.data.Fragment;

/**
 * A hook over each input's in-memory {@link Fragment}, applied to the metadata fragment when the
 * target is prepared and to every data fragment when chunks are stored. It may rename or drop
 * variables and change attributes or values in place, but must keep shapes, dimensions and types,
 * and must treat metadata and data fragments alike (check {@link Fragment#hasData()} before
 * touching values). A data fragment holds only the variables one task reads (sometimes just the
 * concat coordinate), so look variables up with {@link Fragment#has} first. Serializable because
 * Spark ships it to executors.
 */
@FunctionalInterface
public interface Preprocessor extends Serializable {
    void apply(Fragment fragment);
}
