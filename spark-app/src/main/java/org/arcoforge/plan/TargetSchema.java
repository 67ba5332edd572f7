package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The combined dataset: dimension lengths, global attributes (first input's, then the recipe's
 * overrides), variables in the order of the first input (merge inputs in order), and the values of
 * any variable known fully from metadata (the concat coordinate), already in the target dtype.
 *
 * @param concatOffsets start of each concat position along the concat dimension (length = number
 *                      of concat positions + 1; the last entry is the total length)
 */
public record TargetSchema(Map<String, Long> dims, Map<String, Object> attributes, List<TargetVariable> variables,
                           Map<String, Object> precomputedValues, long[] concatOffsets) implements Serializable {
    public TargetVariable variable(String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no target variable " + name));
    }
}
