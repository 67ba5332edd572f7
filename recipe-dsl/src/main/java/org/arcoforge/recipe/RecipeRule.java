package org.arcoforge.recipe;

import java.util.List;

/**
 * Rules from outside recipe-dsl, checked beside its own: the application's codec registry knows
 * which compressor names and levels exist, recipe-dsl does not.
 */
@FunctionalInterface
public interface RecipeRule {
    RecipeRule NONE = r -> List.of();

    List<RecipeProblem> check(Recipe r);
}
