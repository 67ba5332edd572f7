package org.arcoforge.plan;

import java.io.Serializable;
import java.util.Map;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.Dataset;

/**
 * What the prepare stage learned about one input: its dimension lengths, its metadata dataset
 * (after preprocessors and dropped variables; no values) and, when the concat dimension has a
 * coordinate variable, that coordinate's raw values (a primitive array, see DType); likewise the
 * raw values of the other 1-D dimension coordinates, by name, to compare across inputs.
 */
public record InputMetadata(InputFile input, Map<String, Long> dims, Dataset dataset, Object concatCoordinate,
                            Map<String, Object> coordinates) implements Serializable {
    public InputMetadata {
        coordinates = coordinates == null ? Map.of() : coordinates;
    }

    public InputMetadata(InputFile input, Map<String, Long> dims, Dataset dataset, Object concatCoordinate) {
        this(input, dims, dataset, concatCoordinate, Map.of());
    }
}
