package org.arcoforge.format.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A whole reference store before it is written: the input URLs (template u0, u1... in this
 * order), the Zarr metadata documents by key, and each array's chunks, inline or as parts that
 * map an input's chunk grid into the target's ({@code shift} added to each grid index).
 */
public record ReferenceSet(List<String> urls, Map<String, JsonNode> metadata, List<ArrayRefs> arrays) {

    /** One input's chunks of one array. */
    public record Part(int url, VariableLayout layout, int[] shift) {}

    /** An array's chunks: one inline chunk ({@code inline} little-endian bytes) or references. */
    public record ArrayRefs(String name, int rank, byte[] inline, List<Part> parts) {}

    /** Number of chunk keys that point into an input. */
    public long references() {
        long n = 0;
        for (ArrayRefs a : arrays) {
            for (Part p : a.parts()) {
                n += p.layout().count();
            }
        }
        return n;
    }

    /** Bytes of values carried inline (before base64). */
    public long inlineBytes() {
        long n = 0;
        for (ArrayRefs a : arrays) {
            n += a.inline() == null ? 0 : a.inline().length;
        }
        return n;
    }
}
