package org.arcoforge.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.arcoforge.recipe.Fingerprint;
import org.arcoforge.recipe.Recipe;

/**
 * The recipe's fingerprint without the keys of its concat dimension (nor an explicit file list):
 * two recipes with the same lineage describe the same dataset, one further along in time than the
 * other, so the store of one can be extended by {@code append} with the other.
 */
public final class RecipeLineage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecipeLineage() {
    }

    @SuppressWarnings("unchecked")
    public static String of(Recipe r) {
        try {
            Map<String, Object> d = JSON.readValue(r.canonicalForm(), Map.class);
            Map<String, Object> pattern = (Map<String, Object>) d.get("file_pattern");
            pattern.remove("files");
            Object concat = pattern.get("concat_dim");
            if (concat instanceof Map<?, ?> c) {
                ((Map<String, Object>) c).remove("keys");
            }
            return Fingerprint.sha256Hex(JSON.writeValueAsString(d));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot describe recipe " + r.name(), e);
        }
    }
}
