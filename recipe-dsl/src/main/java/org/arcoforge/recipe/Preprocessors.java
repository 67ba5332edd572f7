package org.arcoforge.recipe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Built-in preprocessors, usable by name from YAML ({@code preprocess: - rename_variables: {...}}).
 * Each treats metadata-only datasets and datasets with values alike and skips variables a dataset does
 * not hold: a dataset with values may carry only some of the variables, and with a merge dimension each
 * input holds only its own.
 */
public final class Preprocessors {
    public static final String RENAME_VARIABLES = "rename_variables";
    public static final String SET_VARIABLE_ATTRIBUTES = "set_variable_attributes";

    private Preprocessors() {
    }

    /** The names {@link #byName} knows. */
    public static List<String> names() {
        return List.of(RENAME_VARIABLES, SET_VARIABLE_ATTRIBUTES);
    }

    /** Renames variables old name -> new name; all at once, so {a: b, b: a} swaps them. */
    public static Preprocessor renameVariables(Map<String, String> renames) {
        return new RenameVariables(renames);
    }

    /**
     * Sets attributes of variables: variable -> (attribute -> value). A value is text, a number or a
     * non-empty list of those; null removes the attribute.
     */
    public static Preprocessor setVariableAttributes(Map<String, ? extends Map<String, ?>> attributes) {
        return new SetVariableAttributes(attributes);
    }

    /** The built-in {@code name} with arguments as parsed from YAML (maps, lists, scalars). */
    public static Preprocessor byName(String name, Object args) {
        if (RENAME_VARIABLES.equals(name)) {
            Map<String, Object> m = mapping(name, args, "a mapping of old name to new name, e.g. {analysed_sst: sst}");
            Map<String, String> renames = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!(v instanceof String s)) {
                    throw new RecipeException(name + "." + k + " must be the new name (text), got "
                            + RecipeValidator.describe(v));
                }
                renames.put(k, s);
            });
            return renameVariables(renames);
        }
        if (SET_VARIABLE_ATTRIBUTES.equals(name)) {
            Map<String, Object> m = mapping(name, args,
                    "a mapping of variable to attributes, e.g. {sst: {units: degC}}");
            Map<String, Map<String, Object>> attrs = new LinkedHashMap<>();
            m.forEach((var, a) -> attrs.put(var, mapping(name + "." + var, a,
                    "a mapping of attribute name to value, e.g. {units: degC}")));
            return setVariableAttributes(attrs);
        }
        throw new RecipeException("unknown preprocess step '" + name + "' (the built-in steps are "
                + String.join(", ", names()) + "; Java preprocessors go through Recipe.Builder.preprocess)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapping(String what, Object args, String expected) {
        if (!(args instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new RecipeException(what + " needs " + expected + ", got " + RecipeValidator.describe(args));
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String s) || s.isBlank()) {
                throw new RecipeException(what + " has an empty or non-text name: " + RecipeValidator.describe(k));
            }
        }
        return (Map<String, Object>) m;
    }

    /** A built-in step: its name and arguments describe it fully (used by {@link Recipe#fingerprint()}). */
    public abstract static sealed class Builtin implements Preprocessor permits RenameVariables, SetVariableAttributes {
        private final String name;

        Builtin(String name) {
            this.name = name;
        }

        public String name() { return name; }

        /** The arguments, as they would be written in YAML. */
        public abstract Map<String, ?> args();

        @Override
        public boolean equals(Object o) {
            return o instanceof Builtin b && b.name.equals(name) && b.args().equals(args());
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, args());
        }

        @Override
        public String toString() {
            return name + " " + args();
        }
    }

    private static final class RenameVariables extends Builtin {
        private final LinkedHashMap<String, String> renames;

        RenameVariables(Map<String, String> renames) {
            super(RENAME_VARIABLES);
            if (renames == null || renames.isEmpty()) {
                throw new RecipeException(RENAME_VARIABLES + " needs at least one old name -> new name");
            }
            this.renames = new LinkedHashMap<>();
            Map<String, String> byTarget = new HashMap<>();
            renames.forEach((from, to) -> {
                if (from == null || from.isBlank() || to == null || to.isBlank()) {
                    throw new RecipeException(RENAME_VARIABLES + " has an empty name: " + from + " -> " + to);
                }
                String other = byTarget.putIfAbsent(to, from);
                if (other != null) {
                    throw new RecipeException(RENAME_VARIABLES + " renames both '" + other + "' and '" + from
                            + "' to '" + to + "'");
                }
                this.renames.put(from, to);
            });
        }

        @Override
        public Map<String, ?> args() { return Collections.unmodifiableMap(renames); }

        @Override
        public void apply(Dataset f) {
            List<String> present = new ArrayList<>();
            for (String from : renames.keySet()) {
                if (f.has(from) && !from.equals(renames.get(from))) {
                    present.add(from);
                }
            }
            if (present.isEmpty()) {
                return;
            }
            // Check the final names first, so that a failure leaves the dataset untouched.
            Map<String, String> finalNames = new HashMap<>();
            for (String current : f.variables().keySet()) {
                String target = present.contains(current) ? renames.get(current) : current;
                String clash = finalNames.putIfAbsent(target, current);
                if (clash != null) {
                    String renamed = present.contains(current) ? current : clash;
                    throw new RecipeException(RENAME_VARIABLES + ": cannot rename '" + renamed + "' to '" + target
                            + "' in " + f.location() + ": a variable '" + target + "' already exists there");
                }
            }
            // Two steps through names no file can hold, so that swaps and chains work.
            for (String from : present) {
                f.rename(from, "\u0000rename\u0000" + from);
            }
            for (String from : present) {
                f.rename("\u0000rename\u0000" + from, renames.get(from));
            }
        }
    }

    private static final class SetVariableAttributes extends Builtin {
        private final LinkedHashMap<String, LinkedHashMap<String, Object>> attributes;

        SetVariableAttributes(Map<String, ? extends Map<String, ?>> attributes) {
            super(SET_VARIABLE_ATTRIBUTES);
            if (attributes == null || attributes.isEmpty()) {
                throw new RecipeException(SET_VARIABLE_ATTRIBUTES + " needs at least one variable");
            }
            this.attributes = new LinkedHashMap<>();
            attributes.forEach((var, attrs) -> {
                if (var == null || var.isBlank() || attrs == null || attrs.isEmpty()) {
                    throw new RecipeException(SET_VARIABLE_ATTRIBUTES + "." + var + " needs at least one attribute");
                }
                LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
                attrs.forEach((k, v) -> {
                    if (v != null && !RecipeValidator.isAttributeValue(v, false)) {
                        throw new RecipeException(SET_VARIABLE_ATTRIBUTES + "." + var + "." + k
                                + " must be text, a number, a list of those, or null to remove it; got "
                                + RecipeValidator.describe(v) + (v instanceof Boolean ? " (write it as text or 0/1)" : ""));
                    }
                    copy.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v);
                });
                this.attributes.put(var, copy);
            });
        }

        @Override
        public Map<String, ?> args() { return Collections.unmodifiableMap(attributes); }

        @Override
        public void apply(Dataset f) {
            attributes.forEach((var, attrs) -> {
                if (!f.has(var)) {
                    return;
                }
                DatasetVariable v = f.variable(var);
                attrs.forEach((k, value) -> {
                    if (value == null) {
                        v.attributes().remove(k);
                    } else {
                        v.attributes().put(k, value instanceof List<?> l ? new ArrayList<>(l) : value);
                    }
                });
            });
        }
    }
}
