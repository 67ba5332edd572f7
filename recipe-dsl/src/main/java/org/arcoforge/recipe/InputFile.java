package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input file resolved from a {@link FilePattern}.
 *
 * @param index       position in pattern order (concat-major, then merge)
 * @param concatIndex position along the ConcatDim (0 when there is none)
 * @param mergeIndex  position along the MergeDim (0 when there is none)
 * @param keys        the combine-dimension keys that produced it, by dimension name
 * @param url         path or URL of the file
 */
public record InputFile(int index, int concatIndex, int mergeIndex, Map<String, Object> keys, String url)
        implements Serializable {
    public InputFile {
        // FilePattern hands the same inputs to every caller.
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
}
