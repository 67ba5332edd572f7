package org.arcoforge.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The canonical description of a recipe that {@link Recipe#fingerprint()} hashes. */
public final class Fingerprint {
    /** Bump when the description changes, so old and new fingerprints never match by accident. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Fingerprint() {
    }

    /** SHA-256 of {@code text} as UTF-8, in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String canonicalForm(Recipe r) {
        // TreeMaps throughout: the text must not depend on insertion order. Name and source are left
        // out on purpose: they do not change the output.
        Map<String, Object> d = new TreeMap<>();
        d.put("fingerprint_version", VERSION);
        d.put("file_pattern", pattern(r.filePattern()));
        d.put("file_type", r.fileType() == null ? null : r.fileType().name().toLowerCase(java.util.Locale.ROOT));
        d.put("target_chunks", new TreeMap<>(r.targetChunks()));
        d.put("inputs_per_chunk", r.inputsPerChunk());
        if (r.targetChunkSize() > 0) {
            // Only when set, so fingerprints of earlier recipes stay the same. max_task_memory is left
            // out: it changes how the store is written, not what it holds.
            d.put("target_chunk_size", Map.of("size", r.targetChunkSize(), "favor", r.chunkFavor()));
        }
        if (r.zarrFormat() != 2 || !r.shards().isEmpty()) {
            // Only when not the default, so fingerprints of v2 recipes stay the same.
            d.put("zarr_format", r.zarrFormat());
            d.put("shards", new TreeMap<>(r.shards()));
        }
        if (r.isReference()) {
            d.put("kind", r.kind()); // only when not the default: zarr recipes keep their fingerprints
        }
        Compressor c = r.compressor();
        // Runs hash the recipe with its compressor written out in full (CodecRegistry.complete).
        Map<String, Object> comp = null;
        if (c != null) {
            comp = new TreeMap<>();
            comp.put("name", c.name());
            comp.put("level", c.level());
            comp.put("shuffle", c.shuffle());
        }
        d.put("compressor", comp);
        d.put("drop_variables", new TreeSet<>(r.dropVariables()));
        d.put("set_attributes", canonicalValue(r.setAttributes()));
        List<Object> steps = new ArrayList<>();
        for (Preprocessor p : r.preprocessors()) {
            steps.add(step(p));
        }
        d.put("preprocess", steps);
        // Only when set, so fingerprints of earlier recipes stay the same.
        if (!r.encoding().isEmpty()) {
            Map<String, Object> enc = new TreeMap<>();
            r.encoding().forEach((v, e) -> {
                Map<String, Object> m = new TreeMap<>();
                m.put("dtype", e.dtype());
                m.put("scale_factor", e.scaleFactor());
                m.put("add_offset", e.addOffset());
                m.put("_FillValue", e.fillValue() == null ? null : e.fillValue().toString());
                enc.put(v, m);
            });
            d.put("encoding", enc);
        }
        if (r.group() != null) {
            // Only when set, so fingerprints of earlier recipes stay the same; "Grid" and "/Grid/" are one group.
            d.put("group", "/" + String.join("/", java.util.Arrays.stream(r.group().split("/"))
                    .filter(p -> !p.isEmpty()).toList()));
        }
        if (r.allGroups()) {
            d.put("groups", "all");
        }
        if (r.coordinateTolerance() != 0) {
            d.put("coordinate_tolerance", r.coordinateTolerance());
        }
        try {
            return JSON.writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot describe recipe " + r.name(), e);
        }
    }

    private static Map<String, Object> pattern(FilePattern p) {
        Map<String, Object> d = new TreeMap<>();
        d.put("template", p.declaredTemplate());
        d.put("files", p.declaredFiles());
        p.concatDim().ifPresent(c -> {
            Map<String, Object> m = dim(c);
            m.put("items_per_file", c.itemsPerFile());
            d.put("concat_dim", m);
        });
        p.mergeDim().ifPresent(m -> d.put("merge_dim", dim(m)));
        return d;
    }

    private static Map<String, Object> dim(CombineDim dim) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", dim.name());
        List<String> keys = new ArrayList<>();
        for (Object k : dim.keys()) {
            keys.add(typedKey(k));
        }
        m.put("keys", keys);
        return m;
    }

    /** Type-tagged, so that the key 1 and the key "1" differ. */
    private static String typedKey(Object k) {
        if (k instanceof LocalDate) {
            return "date:" + k;
        }
        if (k instanceof LocalDateTime) {
            return "datetime:" + k;
        }
        if (k instanceof Integer || k instanceof Long || k instanceof Short || k instanceof Byte) {
            return "int:" + k;
        }
        if (k instanceof Number) {
            return "float:" + k;
        }
        if (k instanceof String) {
            return "str:" + k;
        }
        if (k instanceof Boolean) {
            return "bool:" + k;
        }
        if (k instanceof TemporalAccessor) {
            return "temporal:" + k.getClass().getSimpleName() + ":" + k;
        }
        return k == null ? "null" : k.getClass().getName() + ":" + k;
    }

    private static Object canonicalValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), canonicalValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(canonicalValue(x)));
            return out;
        }
        if (v instanceof Float f) {
            return Map.of("float32", f.toString());
        }
        return v;
    }

    private static Object step(Preprocessor p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p instanceof Preprocessors.Builtin b) {
            m.put("builtin", b.name());
            m.put("args", canonicalValue(b.args()));
        } else {
            m.put("java", javaIdentity(p));
        }
        return m;
    }

    /**
     * A lambda's class name ends in a number that changes between runs; the implementation method
     * (Foo::lambda$main$0) does not. Captured values are not part of it.
     */
    static String javaIdentity(Preprocessor p) {
        Class<?> cls = p.getClass();
        try {
            Method writeReplace = cls.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (writeReplace.invoke(p) instanceof SerializedLambda sl) {
                return sl.getImplClass().replace('/', '.') + "::" + sl.getImplMethodName() + sl.getImplMethodSignature();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not a serializable lambda: fall back to the class name.
        }
        String name = cls.getName();
        int lambda = name.indexOf("$$Lambda");
        return lambda < 0 ? name : name.substring(0, lambda) + "$$Lambda";
    }
}
