package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses chunk lengths from a desired chunk size (what pangeo-forge-recipes calls dynamic
 * chunking). Dimensions named in {@code fixed} keep their length; favoured dimensions stay whole as
 * long as they can and shrink last (the first favoured last of all); the others shrink together,
 * keeping their proportions.
 */
public final class ChunkSizer {
    private ChunkSizer() {
    }

    /** Chunk length per dimension of an array of {@code shape} with {@code itemSize}-byte elements. */
    public static Map<String, Integer> choose(List<String> dims, long[] shape, int itemSize, long targetBytes,
                                              List<String> favor, Map<String, Integer> fixed) {
        long[] c = shape.clone();
        long budget = Math.max(1, targetBytes / Math.max(1, itemSize));
        List<Integer> favored = new ArrayList<>();
        List<Integer> others = new ArrayList<>();
        for (String f : favor) {
            int a = dims.indexOf(f);
            if (a >= 0 && !fixed.containsKey(f) && !favored.contains(a)) {
                favored.add(a);
            }
        }
        for (int a = 0; a < dims.size(); a++) {
            Integer named = fixed.get(dims.get(a));
            c[a] = Math.max(1, Math.min(shape[a], named != null ? named : shape[a]));
            // Length-1 dimensions cannot shrink: they would only dilute the common factor.
            if (named == null && !favored.contains(a) && shape[a] > 1) {
                others.add(a);
            }
        }
        if (product(c) > budget && !others.isEmpty()) {
            double rest = (double) budget / product(c);
            double s = Math.pow(Math.max(rest, 0), 1.0 / others.size());
            for (int a : others) {
                c[a] = Math.max(1, Math.min(shape[a], (long) Math.floor(c[a] * s)));
            }
            // Flooring leaves room: grow each dimension as far as the budget allows.
            for (int a : others) {
                long without = product(c) / c[a];
                c[a] = Math.max(1, Math.min(shape[a], budget / Math.max(1, without)));
            }
        }
        for (int i = favored.size() - 1; i >= 0 && product(c) > budget; i--) {
            int a = favored.get(i);
            long without = product(c) / c[a];
            c[a] = Math.max(1, Math.min(shape[a], budget / Math.max(1, without)));
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int a = 0; a < dims.size(); a++) {
            out.put(dims.get(a), (int) Math.min(c[a], Integer.MAX_VALUE));
        }
        return out;
    }

    private static long product(long[] c) {
        long p = 1;
        for (long x : c) {
            p = Math.multiplyExact(p, Math.max(1, x));
        }
        return p;
    }
}
