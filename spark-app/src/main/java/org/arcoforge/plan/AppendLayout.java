package org.arcoforge.plan;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.Map;
import org.arcoforge.recipe.VariableEncoding;

/**
 * What an append takes from the existing store (read through its format): where the new steps
 * start along the concat dimension, the units and calendar its time is stored in, the packing of
 * its packed variables, every dimension's chunk length and the concat coordinate's stored values.
 * New inputs are planned into exactly this encoding, so the chunks they fill are the bytes a
 * one-shot run would write.
 *
 * @param start        the store's length along the concat dimension
 * @param timeUnits    the concat coordinate's CF units in the store, or null when it has none
 * @param timeCalendar its calendar attribute, or null
 * @param encoding     packed variables' dtype, scale_factor, add_offset and _FillValue in the store
 * @param chunks       chunk length per dimension of the store's chunked variables
 * @param concatValues the concat coordinate's stored values (a primitive array of {@code start}), or null
 */
public record AppendLayout(long start, String timeUnits, Object timeCalendar, Map<String, VariableEncoding> encoding,
                           Map<String, Integer> chunks, Object concatValues) implements Serializable {
    public AppendLayout {
        encoding = Map.copyOf(encoding);
        chunks = Map.copyOf(chunks);
    }

    /** The concat coordinate's values with the store's in front; an error when the dtypes differ. */
    Object withStoredValues(String name, Object computed) {
        if (concatValues == null) {
            throw new PlanException("the store's coordinate '" + name + "' could not be read, so its values cannot be"
                    + " extended");
        }
        if (computed.getClass() != concatValues.getClass()) {
            throw new PlanException("the new inputs' values of '" + name + "' need a "
                    + computed.getClass().getComponentType() + " array but the store holds "
                    + concatValues.getClass().getComponentType() + " values; append cannot change a stored dtype");
        }
        Object out = Array.newInstance(computed.getClass().getComponentType(), Array.getLength(computed));
        System.arraycopy(computed, 0, out, 0, Array.getLength(computed));
        System.arraycopy(concatValues, 0, out, 0, Math.toIntExact(start));
        return out;
    }
}
