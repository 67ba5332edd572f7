package org.arcoforge.format.zarr2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** JSON as zarr-python writes it: 4-space indent, ASCII only, bare NaN/Infinity tokens. */
public final class ZarrJson {
    private ZarrJson() {
    }

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(new PythonPrinter());
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Serializes pretty-printed, as Python's json.dumps(indent=4) lays it out. */
    public static byte[] write(JsonNode node) {
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(byte[] json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON in " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Attributes to a JSON object, keeping the map's order. Float becomes its exact double
     * widening (as xarray writes np.float32 attributes), NaN/Infinity stay numbers.
     */
    public static ObjectNode attributes(Map<String, ?> attrs) {
        ObjectNode o = NODES.objectNode();
        if (attrs != null) {
            attrs.forEach((k, v) -> {
                if (k == null) {
                    throw new IllegalArgumentException("attribute with null name");
                }
                o.set(k, value(k, v));
            });
        }
        return o;
    }

    static JsonNode value(String name, Object v) {
        if (v == null) return NODES.nullNode();
        if (v instanceof String s) return NODES.textNode(s);
        if (v instanceof Boolean b) return NODES.booleanNode(b);
        if (v instanceof Float f) return NODES.numberNode((double) f);
        if (v instanceof Double d) return NODES.numberNode(d);
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return NODES.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) return NODES.numberNode(b);
        if (v instanceof BigDecimal b) return NODES.numberNode(b);
        if (v instanceof List<?> list) {
            ArrayNode a = NODES.arrayNode();
            for (Object x : list) {
                a.add(value(name, x));
            }
            return a;
        }
        if (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive() && !(v instanceof char[]) && !(v instanceof boolean[])) {
            ArrayNode a = NODES.arrayNode();
            int n = java.lang.reflect.Array.getLength(v);
            for (int i = 0; i < n; i++) {
                a.add(value(name, java.lang.reflect.Array.get(v, i)));
            }
            return a;
        }
        throw new IllegalArgumentException("attribute '" + name + "' has unsupported type " + v.getClass().getName()
                + " (String, Boolean, boxed numbers, or a List of them)");
    }

    /** Python json.dumps(indent=4, separators=(",", ": ")) layout; "{}" and "[]" when empty. */
    static final class PythonPrinter implements PrettyPrinter, Instantiatable<PythonPrinter> {
        private int depth;

        @Override
        public PythonPrinter createInstance() {
            return new PythonPrinter();
        }

        private void newline(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw("    ");
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            depth--;
            if (entries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            depth--;
            if (values > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            newline(g);
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }
    }
}
