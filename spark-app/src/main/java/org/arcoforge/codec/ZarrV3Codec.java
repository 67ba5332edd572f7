package org.arcoforge.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/** One entry of a Zarr v3 {@code codecs} list: {"name": ..., "configuration": {...}}. */
public record ZarrV3Codec(String name, Map<String, Object> configuration) {
    public ZarrV3Codec {
        configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("configuration", configuration);
        return m;
    }
}
