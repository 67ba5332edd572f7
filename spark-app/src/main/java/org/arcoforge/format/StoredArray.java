package org.arcoforge.format;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.arcoforge.codec.Compression;
import org.arcoforge.recipe.data.DType;

/**
 * One array of an existing store as its (consolidated) metadata gives it: what an append checks
 * new inputs against and extends.
 *
 * @param attributes the array's attributes without the format's own (no {@code _ARRAY_DIMENSIONS})
 */
public record StoredArray(String name, List<String> dims, long[] shape, int[] chunks, DType dtype, Number fillValue,
                          Compression compression, Map<String, Object> attributes) implements Serializable {
    public StoredArray {
        dims = List.copyOf(dims);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    public boolean isDimensionCoordinate() {
        return dims.size() == 1 && dims.get(0).equals(name);
    }
}
