package org.arcoforge.recipe;

/**
 * One problem with a recipe.
 *
 * @param path    the YAML field it is about (compressor.level, target_chunks.lat ...), so the
 *                loader can point at its line
 * @param message one line for the person who wrote the recipe, naming the field
 */
public record RecipeProblem(String path, String message) {
}
