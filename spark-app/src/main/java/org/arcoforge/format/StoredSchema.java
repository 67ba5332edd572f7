package org.arcoforge.format;

import java.io.Serializable;
import java.util.Map;

/**
 * An existing complete store as readers see it: the root group's attributes and its arrays, from
 * the metadata that marks it complete (Zarr v2: {@code .zmetadata}), so a half-done append that
 * already rewrote some array metadata is not mistaken for the store's state.
 */
public record StoredSchema(Map<String, Object> attributes, Map<String, StoredArray> arrays) implements Serializable {
    public StoredSchema {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        arrays = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arrays));
    }
}
