package org.arcoforge.recipe.data;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One input file as a preprocessor sees it (xarray's word): global attributes and variables. A
 * <em>metadata-only</em> dataset (read when the target is prepared) has no values; a dataset
 * <em>with values</em> (read when chunks are stored) holds the raw values of the piece of the
 * variables a task needs.
 *
 * <p>Preprocessors see both kinds, in the same way, and must treat them alike: they may rename or
 * drop variables and change attributes or values, but not shapes, dimensions or types.
 */
public final class Dataset implements java.io.Serializable {
    private final String location;
    private final Map<String, Object> attributes;
    private final LinkedHashMap<String, DatasetVariable> variables = new LinkedHashMap<>();

    public Dataset(String location, Map<String, Object> attributes, Collection<DatasetVariable> variables) {
        this.location = location;
        this.attributes = new LinkedHashMap<>(attributes);
        for (DatasetVariable v : variables) {
            this.variables.put(v.name(), v);
        }
    }

    /** The input's path or URL (secrets removed), for error messages. */
    public String location() { return location; }

    /** Global attributes; mutable. */
    public Map<String, Object> attributes() { return attributes; }

    /** Variables in file order, keyed by their current name; read-only view. */
    public Map<String, DatasetVariable> variables() { return java.util.Collections.unmodifiableMap(variables); }

    public boolean has(String name) { return variables.containsKey(name); }

    public DatasetVariable variable(String name) {
        DatasetVariable v = variables.get(name);
        if (v == null) {
            throw new NoSuchElementException("no variable '" + name + "' in " + location
                    + " (it has " + variables.keySet() + ")");
        }
        return v;
    }

    /** True for a dataset with values (values loaded). */
    public boolean hasData() {
        return variables.values().stream().anyMatch(v -> v.data() != null);
    }

    public void rename(String oldName, String newName) {
        if (oldName.equals(newName)) {
            return;
        }
        if (variables.containsKey(newName)) {
            throw new IllegalArgumentException("cannot rename " + oldName + " to " + newName + ": it exists in " + location);
        }
        DatasetVariable v = variable(oldName);
        LinkedHashMap<String, DatasetVariable> reordered = new LinkedHashMap<>();
        for (Map.Entry<String, DatasetVariable> e : variables.entrySet()) {
            reordered.put(e.getKey().equals(oldName) ? newName : e.getKey(), e.getValue());
        }
        v.rename(newName);
        variables.clear();
        variables.putAll(reordered);
    }

    public void drop(String name) {
        variables.remove(name);
    }
}
