package org.arcoforge.stage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Map;
import org.arcoforge.plan.StorePlan;

/** Names a plan for the progress log: the same recipe and plan in any JVM give the same name. */
final class PlanFingerprint {
    private PlanFingerprint() {
    }

    /** The plan's fingerprint: recipe and plan, so a changed input, recipe or task layout starts afresh. */
    static String of(StorePlan plan, String recipeFingerprint) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(recipeFingerprint.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new Canonical(bytes)) {
                out.writeObject(plan);
            }
            return HexFormat.of().formatHex(md.digest(bytes.toByteArray())).substring(0, 16);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the plan: " + e.getMessage(), e);
        }
    }

    /**
     * Serializes maps and sets sorted by key: the iteration order of {@code Map.of} and
     * {@code Set.of} changes from one JVM to the next, and the fingerprint must not.
     */
    private static final class Canonical extends ObjectOutputStream {
        Canonical(java.io.OutputStream out) throws IOException {
            super(out);
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof Map<?, ?> m && !(obj instanceof java.util.SortedMap)) {
                java.util.TreeMap<String, Object[]> sorted = new java.util.TreeMap<>();
                m.forEach((k, v) -> sorted.put(String.valueOf(k), new Object[] {k, v}));
                return sorted;
            }
            if (obj instanceof java.util.Set<?> set && !(obj instanceof java.util.SortedSet)) {
                java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
                set.forEach(e -> sorted.put(String.valueOf(e), e));
                return new ArrayList<>(sorted.values());
            }
            return obj;
        }
    }
}
