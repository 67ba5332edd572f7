package org.arcoforge.plan;

import java.io.Serializable;
import java.util.Map;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.Fragment;

/**
 * What the prepare stage learned about one input: its dimension lengths, its metadata fragment
 * (after preprocessors and dropped variables; no values) and, when the concat dimension has a
 * coordinate variable, that coordinate's raw values (a primitive array, see DType).
 */
public record InputMetadata(InputFile input, Map<String, Long> dims, Fragment fragment, Object concatCoordinate)
        implements Serializable {
}
