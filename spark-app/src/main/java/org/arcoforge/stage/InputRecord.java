package org.arcoforge.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.source.ByteSources;
import org.arcoforge.store.HadoopStore;

/**
 * Which inputs a store holds: {@code .arcoforge-inputs.json} at its root, written by a run and by
 * every append before the store is marked complete. One entry per input: its location without
 * secrets (no user info, no query), its size and the range of steps it fills along the concat
 * dimension; and the recipe's fingerprint without its keys ({@link RecipeLineage}). Entries whose
 * range ends beyond the store's length (read from its complete metadata) belong to an append that
 * did not finish and are ignored, so the record never claims more than readers see.
 */
public record InputRecord(String lineage, String concatDim, List<Entry> inputs) {
    public static final String KEY = ".arcoforge-inputs.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One input: where it was read, its size (-1: unknown) and its steps [start, end) in the store. */
    public record Entry(String url, long size, long start, long end) {
    }

    public InputRecord {
        inputs = List.copyOf(inputs);
    }

    /** The record a run of {@code inputs} writes, their concat positions placed by {@code offsets}. */
    public static InputRecord of(JobSpec job, List<InputFile> inputs, long[] offsets, long[] sizes, long base) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            InputFile f = inputs.get(i);
            int c = f.concatIndex();
            long start = offsets == null || c + 1 >= offsets.length ? 0 : offsets[c];
            long end = offsets == null || c + 1 >= offsets.length ? 0 : offsets[c + 1];
            out.add(new Entry(location(f), sizes == null ? -1 : sizes[i], start + base, end + base));
        }
        return new InputRecord(RecipeLineage.of(job.recipe()), job.concatDim(), out);
    }

    /**
     * The input's location without user info; a query (often the only part that differs between
     * inputs, as in {@code ?day=20240101}) is kept as a digest, so it tells inputs apart without
     * being written out.
     */
    static String location(InputFile f) {
        String safe = ByteSources.safeLocation(f.url());
        String full = ByteSources.safeLocationKeepingQuery(f.url());
        if (full.equals(safe)) {
            return safe;
        }
        String query = full.substring(full.indexOf('?') + 1);
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return safe + "?sha256=" + java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The entries within the first {@code length} steps. */
    public List<Entry> within(long length) {
        return inputs.stream().filter(e -> e.end() <= length).toList();
    }

    public InputRecord plus(InputRecord more, long length) {
        List<Entry> all = new ArrayList<>(within(length));
        all.addAll(more.inputs());
        return new InputRecord(more.lineage(), concatDim, all);
    }

    /**
     * Whether the job's recipe is this store's with later keys: the same lineage and every input the
     * record names among the recipe's (all of them when an append of this recipe stopped before
     * its last step: the record is written before the consolidated metadata).
     */
    public boolean extendedBy(JobSpec job) {
        if (!RecipeLineage.of(job.recipe()).equals(lineage)) {
            return false;
        }
        java.util.Set<String> recipe = new java.util.HashSet<>();
        job.recipe().filePattern().inputs().forEach(f -> recipe.add(location(f)));
        java.util.Set<String> held = new java.util.HashSet<>();
        inputs.forEach(e -> held.add(e.url()));
        return recipe.containsAll(held);
    }

    /** The store's record, or null when it has none (made before stores kept one). */
    public static InputRecord read(JobSpec job) {
        byte[] b = new HadoopStore(job.target(), job.hadoopConf()).get(KEY);
        if (b == null) {
            return null;
        }
        try {
            Map<?, ?> m = JSON.readValue(b, Map.class);
            List<Entry> entries = new ArrayList<>();
            for (Object o : (List<?>) m.get("inputs")) {
                List<?> e = (List<?>) o;
                entries.add(new Entry((String) e.get(0), ((Number) e.get(1)).longValue(),
                        ((Number) e.get(2)).longValue(), ((Number) e.get(3)).longValue()));
            }
            return new InputRecord((String) m.get("recipe_lineage_sha256"), (String) m.get("concat_dim"), entries);
        } catch (IOException | RuntimeException e) {
            throw new StageException("cannot read " + KEY + " in " + ByteSources.safeLocation(job.target()) + ": "
                    + e.getMessage(), e);
        }
    }

    public void write(JobSpec job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recipe_lineage_sha256", lineage);
        m.put("concat_dim", concatDim);
        List<List<Object>> rows = new ArrayList<>();
        for (Entry e : inputs) {
            rows.add(List.of(e.url(), e.size(), e.start(), e.end()));
        }
        m.put("inputs", rows);
        try {
            // one line per input: small, and readable with grep
            String text = JSON.writeValueAsString(m).replace("],[", "],\n  [");
            new HadoopStore(job.target(), job.hadoopConf()).putMetadata(KEY, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StageException("cannot write " + KEY + " in " + ByteSources.safeLocation(job.target()), e);
        }
    }
}
