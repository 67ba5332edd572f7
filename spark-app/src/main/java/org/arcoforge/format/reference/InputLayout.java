package org.arcoforge.format.reference;

import java.io.Serializable;
import java.util.Map;

/**
 * One input's byte layout, read on an executor: its URL as written into the references (never a
 * cache path) and each variable's layout by its name in the file.
 */
public record InputLayout(String url, Map<String, VariableLayout> variables) implements Serializable {
    public InputLayout {
        variables = Map.copyOf(variables);
    }
}
