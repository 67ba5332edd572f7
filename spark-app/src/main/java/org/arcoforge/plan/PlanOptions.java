package org.arcoforge.plan;

import java.io.Serializable;
import java.util.Map;

/**
 * What the planner needs from a recipe.
 *
 * @param concatDim      name of the ConcatDim, or null when inputs are not concatenated
 * @param itemsPerFile   the ConcatDim's declared length per input, or null
 * @param targetChunks   chunk length per dimension; dimensions not named are whole, except the
 *                       concat dimension, which defaults to inputsPerChunk x its length in the first input
 * @param inputsPerChunk see above
 * @param setAttributes  global attributes that override the inputs'
 */
public record PlanOptions(String concatDim, Integer itemsPerFile, Map<String, Integer> targetChunks,
                          int inputsPerChunk, Map<String, Object> setAttributes) implements Serializable {
}
