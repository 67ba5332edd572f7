package org.arcoforge.format.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.arcoforge.codec.ElementBytes;
import org.arcoforge.format.FormatException;
import org.arcoforge.format.zarr2.FillValueJson;
import org.arcoforge.format.zarr2.ZarrDTypes;
import org.arcoforge.format.zarr2.ZarrJson;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;

/**
 * The driver's combine: the plan's target schema (the Zarr recipe's: concat coordinate computed and
 * re-encoded, attributes combined) plus every input's layout give the reference set. Checks
 * first ({@link ReferenceChecks}), so nothing is written for inputs that cannot be combined.
 * Linear in the number of references; holds no per-reference objects.
 */
public final class ReferenceCombiner {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ReferenceCombiner() {
    }

    /**
     * @param metadata   every input's metadata, in pattern order (concat-major, then merge)
     * @param layouts    every input's layout, in the same order
     * @param globalAttrs the root group's attributes (the schema's plus provenance)
     */
    public static ReferenceSet combine(TargetSchema schema, List<InputMetadata> metadata, List<InputLayout> layouts,
                                       String concatDim, Map<String, Object> globalAttrs) {
        int concatPositions = schema.concatOffsets().length - 1;
        int merge = Math.max(1, layouts.size() / Math.max(1, concatPositions));
        Map<String, Integer> urlIndex = new LinkedHashMap<>();
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        ObjectNode group = NODES.objectNode();
        group.put("zarr_format", 2);
        docs.put(".zgroup", group);
        docs.put(".zattrs", ZarrJson.attributes(globalAttrs));
        List<ReferenceSet.ArrayRefs> arrays = new ArrayList<>();
        for (TargetVariable v : schema.variables()) {
            Object values = schema.precomputedValues().get(v.name());
            if (values != null) {
                byte[] bytes = ElementBytes.toLittleEndian(values);
                docs.put(v.name() + "/.zarray", zarray(v, ZarrDTypes.name(v.dtype()), chunksOfWhole(v.shape()), List.of()));
                docs.put(v.name() + "/.zattrs", zattrs(v));
                arrays.add(new ReferenceSet.ArrayRefs(v.name(), v.shape().length, bytes, List.of()));
                continue;
            }
            int axis = v.alongConcat() ? v.dims().indexOf(concatDim) : -1;
            List<ReferenceChecks.Seen> seen = new ArrayList<>();
            for (int c = 0; c < (axis >= 0 ? concatPositions : 1); c++) {
                int i = c * merge + v.mergeIndex();
                InputLayout in = layouts.get(i);
                VariableLayout l = in.variables().get(v.sourceName());
                if (l == null) {
                    throw new FormatException("variable '" + v.name() + "' is missing from " + in.url());
                }
                ReferenceChecks.problem(v.name(), in.url(), l);
                var dv = metadata.get(i).dataset().variables().get(v.name());
                seen.add(new ReferenceChecks.Seen(in.url(), l, dv == null ? Map.of() : dv.attributes()));
            }
            ReferenceChecks.same(v.name(), seen, axis);
            VariableLayout first = seen.get(0).layout();
            if (!first.dtype().substring(1).equals(ZarrDTypes.name(v.dtype()).substring(1))) {
                throw new FormatException("variable '" + v.name() + "' is stored as " + first.dtype() + " in the inputs"
                        + " but the combined dataset needs " + ZarrDTypes.name(v.dtype()) + " (its values are re-encoded);"
                        + " the Zarr recipe (kind: zarr) handles this");
            }
            docs.put(v.name() + "/.zattrs", zattrs(v));
            if (first.inline() != null) {
                byte[] bytes = concatenated(v, seen, axis);
                docs.put(v.name() + "/.zarray", zarray(v, first.dtype(), chunksOfWhole(v.shape()), List.of()));
                arrays.add(new ReferenceSet.ArrayRefs(v.name(), v.shape().length, bytes, List.of()));
                continue;
            }
            if (axis >= 0) {
                ReferenceChecks.regular(v.name(), seen, schema.concatOffsets(), axis);
            }
            List<ReferenceSet.Part> parts = new ArrayList<>();
            for (int c = 0; c < seen.size(); c++) {
                int[] shift = new int[v.shape().length];
                if (axis >= 0) {
                    shift[axis] = Math.toIntExact(schema.concatOffsets()[c] / first.chunkShape()[axis]);
                }
                int u = urlIndex.computeIfAbsent(seen.get(c).url(), k -> urlIndex.size());
                parts.add(new ReferenceSet.Part(u, seen.get(c).layout(), shift));
            }
            docs.put(v.name() + "/.zarray", zarray(v, first.dtype(), first.chunkShape(), first.filters()));
            arrays.add(new ReferenceSet.ArrayRefs(v.name(), v.shape().length, null, parts));
        }
        ObjectNode consolidated = NODES.objectNode();
        consolidated.putObject("metadata").setAll(new TreeMap<>(docs));
        consolidated.put("zarr_consolidated_format", 1);
        docs.put(".zmetadata", consolidated);
        return new ReferenceSet(List.copyOf(urlIndex.keySet()), docs, arrays);
    }

    /** Inline values of every input, one after the other along the concat axis (which must be the first). */
    private static byte[] concatenated(TargetVariable v, List<ReferenceChecks.Seen> seen, int axis) {
        if (axis < 0) {
            return seen.get(0).layout().inline();
        }
        if (axis != 0) {
            throw new FormatException("variable '" + v.name() + "' is not stored in HDF5 chunks and its concat dimension"
                    + " is not its first: it cannot be referenced; the Zarr recipe (kind: zarr) handles it");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ReferenceChecks.Seen s : seen) {
            out.writeBytes(s.layout().inline());
        }
        return out.toByteArray();
    }

    private static int[] chunksOfWhole(long[] shape) {
        int[] c = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            c[d] = Math.toIntExact(Math.max(1, shape[d]));
        }
        return c;
    }

    private static ObjectNode zattrs(TargetVariable v) {
        ObjectNode a = NODES.objectNode();
        ArrayNode dims = a.putArray("_ARRAY_DIMENSIONS");
        v.dims().forEach(dims::add);
        a.setAll(ZarrJson.attributes(v.attributes()));
        return a;
    }

    /** {@code .zarray} with the keys sorted, as zarr-python writes it; filters in HDF5's write order. */
    private static ObjectNode zarray(TargetVariable v, String dtype, int[] chunks, List<Map<String, Object>> filters) {
        Map<String, JsonNode> m = new TreeMap<>();
        ArrayNode c = NODES.arrayNode();
        for (int x : chunks) {
            c.add(x);
        }
        ArrayNode s = NODES.arrayNode();
        for (long x : v.shape()) {
            s.add(x);
        }
        m.put("chunks", c);
        m.put("compressor", NODES.nullNode());
        m.put("dimension_separator", NODES.textNode("."));
        m.put("dtype", NODES.textNode(dtype));
        m.put("fill_value", FillValueJson.toJson(v.dtype(), v.fillValue()));
        m.put("filters", filters.isEmpty() ? NODES.nullNode() : ZarrJson.MAPPER.valueToTree(filters));
        m.put("order", NODES.textNode("C"));
        m.put("shape", s);
        m.put("zarr_format", NODES.numberNode(2));
        ObjectNode o = NODES.objectNode();
        o.setAll(m);
        return o;
    }
}
