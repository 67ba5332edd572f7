package org.arcoforge.recipe.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One variable of a {@link Dataset}: its dimensions, on-disk type, attributes exactly as stored
 * (no CF decoding: scale_factor, add_offset and _FillValue are attributes like any other) and, in a
 * dataset with values, its raw values in C order.
 *
 * <p>Attribute values are String, a boxed Number of the stored width (Byte, Short, Integer, Long,
 * Float, Double), or a List of those for multi-valued attributes.
 */
public final class DatasetVariable implements java.io.Serializable {
    private final String sourceName;
    private String name;
    private final List<String> dims;
    private final long[] shape;
    private final DType dtype;
    private final Map<String, Object> attributes;
    private Object data;

    public DatasetVariable(String name, List<String> dims, long[] shape, DType dtype,
                            Map<String, Object> attributes, Object data) {
        if (dims.size() != shape.length) {
            throw new IllegalArgumentException("variable " + name + ": " + dims.size() + " dims but shape "
                    + Arrays.toString(shape));
        }
        this.sourceName = Objects.requireNonNull(name);
        this.name = name;
        this.dims = List.copyOf(dims);
        this.shape = shape.clone();
        this.dtype = Objects.requireNonNull(dtype);
        this.attributes = new LinkedHashMap<>(attributes);
        this.data = data;
    }

    /** Name in the target (after any renaming by a preprocessor). */
    public String name() { return name; }

    /** Name in the source file; renaming never changes it. */
    public String sourceName() { return sourceName; }

    void rename(String newName) { this.name = newName; }

    public List<String> dims() { return dims; }

    /** Shape of the whole variable in a metadata-only dataset, of the piece read in a dataset with values. */
    public long[] shape() { return shape.clone(); }

    public DType dtype() { return dtype; }

    /** Mutable: a preprocessor may set or remove attributes. */
    public Map<String, Object> attributes() { return attributes; }

    /** Raw values in C order as a primitive array (see {@link DType}), or null in a metadata-only dataset. */
    public Object data() { return data; }

    /** Replaces the values; the array must have the same type and length. */
    public void setData(Object newData) {
        if (data != null && (newData.getClass() != data.getClass()
                || java.lang.reflect.Array.getLength(newData) != java.lang.reflect.Array.getLength(data))) {
            throw new IllegalArgumentException("variable " + name + ": new values must keep the type and length");
        }
        this.data = newData;
    }
}
