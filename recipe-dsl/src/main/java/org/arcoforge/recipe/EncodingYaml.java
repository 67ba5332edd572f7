package org.arcoforge.recipe;

import static org.arcoforge.recipe.RecipeYaml.COMPRESSOR_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.ENCODING_FIELDS;
import static org.arcoforge.recipe.RecipeYaml.suggestion;

import java.nio.file.Path;
import java.util.Locale;

/** RecipeYaml: compressor, per-variable encoding and preprocess steps. */
abstract class EncodingYaml extends SourceYaml {
    EncodingYaml(String source, Path baseDir) {
        super(source, baseDir);
    }

    Compressor compressor(Field f) {
        String path = "compressor";
        if (f.value() instanceof Scalar) {
            return Compressor.named(text(f.value(), path).trim().toLowerCase(Locale.ROOT));
        }
        MapNode m = map(f.value(), path, "{name: zstd, level: 1, shuffle: true}");
        checkFields(m, path, COMPRESSOR_FIELDS);
        String name = requiredText(m, f, path, "name", "a compressor name such as zstd").trim().toLowerCase(Locale.ROOT);
        Field level = m.get("level");
        Field shuffle = m.get("shuffle");
        // As written: the codec registry fills in the defaults.
        return new Compressor(name,
                level == null ? null : integer(level.value(), path + ".level", "an integer"),
                shuffle == null ? null : bool(shuffle.value(), path + ".shuffle"));
    }

    VariableEncoding encoding(Field f) {
        String path = "encoding." + f.key();
        MapNode m = map(f.value(), path, "{dtype: float32} or {dtype: int16, scale_factor: 0.01, _FillValue: -999}");
        checkFields(m, path, ENCODING_FIELDS);
        Field x;
        String dtype = (x = given(m, "dtype")) == null ? null : text(x.value(), path + ".dtype").trim().toLowerCase(Locale.ROOT);
        Double scale = (x = given(m, "scale_factor")) == null ? null : number(x.value(), path + ".scale_factor");
        Double offset = (x = given(m, "add_offset")) == null ? null : number(x.value(), path + ".add_offset");
        Double fill = (x = given(m, "_FillValue")) == null ? null : number(x.value(), path + "._FillValue");
        return new VariableEncoding(dtype, scale, offset, fill);
    }

    /** A number; NaN also as text (NaN, nan). */
    double number(Node n, String path) {
        if (n instanceof Scalar s && s.value() instanceof Number num) {
            return num.doubleValue();
        }
        if (n instanceof Scalar s && s.value() instanceof String t && t.trim().matches("(?i)nan")) {
            return Double.NaN;
        }
        throw error(n.loc(), path + " must be a number, got " + describe(n));
    }

    Preprocessor preprocessor(Node n, String path) {
        if (!(n instanceof MapNode m) || m.fields().size() != 1) {
            throw error(n.loc(), path + " must be one step written as 'name: arguments', e.g."
                    + " '- rename_variables: {analysed_sst: sst}'; the built-in steps are "
                    + String.join(", ", Preprocessors.names()));
        }
        Field step = m.fields().values().iterator().next();
        if (!Preprocessors.names().contains(step.key())) {
            throw error(step.keyLoc(), path + ": unknown preprocess step '" + step.key() + "'"
                    + suggestion(step.key(), Preprocessors.names(), "the built-in steps are"));
        }
        try {
            return Preprocessors.byName(step.key(), toJava(step.value()));
        } catch (RecipeException e) {
            throw error(step.value().loc(), path + "." + e.getMessage());
        }
    }
}
