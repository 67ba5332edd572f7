package org.arcoforge.stage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Preprocessor;
import org.arcoforge.recipe.Preprocessors;
import org.arcoforge.store.HadoopStore;

/**
 * The metadata pass's results kept in the progress log, so that a run started again after a kill
 * need not open every input again. One object, {@code .arcoforge-progress/inputs-KEY}, KEY a hash
 * of the recipe's fingerprint and the program (version and jar): each entry is one input's
 * {@link ReadMetadata.Result} and the identity of the file when it was read ({@link InputIdentity}).
 * An entry is used only while the file keeps that identity; anything else is read again. Not
 * cached: http/ftp inputs read in place, and recipes with Java preprocessors (their code is not in
 * the recipe fingerprint). Finalize removes it with the rest of the log.
 */
public final class InputMetadataCache {
    static final String PREFIX = "inputs-";
    // what the entries may hold: our records and the JDK's collections, boxes and arrays, nothing else
    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;org.arcoforge.**;java.lang.*;java.util.*;java.math.*;java.time.*;!*");

    private record Entry(String location, InputFile input, InputIdentity.Id identity, ReadMetadata.Result result)
            implements Serializable {
    }

    private final String key;
    private final boolean enabled;
    private final Map<String, Entry> entries;
    /** The inputs' identities taken before this run reads them; null: not cacheable. */
    private final Map<String, InputIdentity.Id> now;
    private boolean changed;

    private InputMetadataCache(String key, boolean enabled, Map<String, Entry> entries,
                               Map<String, InputIdentity.Id> now) {
        this.key = key;
        this.enabled = enabled;
        this.entries = entries;
        this.now = now;
    }

    /** Driver, before the metadata pass: the cached entries and the inputs' identities now. */
    public static InputMetadataCache open(JobSpec job, List<InputFile> inputs) {
        String key = key(job);
        if (!cacheable(job)) {
            return new InputMetadataCache(key, false, new HashMap<>(), Map.of());
        }
        Map<String, InputIdentity.Id> now = InputIdentity.of(inputs.stream().map(job::readLocation).toList(),
                job.hadoopConf());
        Map<String, Entry> entries = read(store(job), key);
        return new InputMetadataCache(key, true, entries, now);
    }

    private static boolean cacheable(JobSpec job) {
        for (Preprocessor p : job.recipe().preprocessors()) {
            if (!(p instanceof Preprocessors.Builtin)) {
                return false;
            }
        }
        return true;
    }

    /** The input's cached result, or null when there is none or the file changed since. */
    public ReadMetadata.Result get(InputFile f, JobSpec job) {
        String location = job.readLocation(f);
        Entry e = entries.get(location);
        InputIdentity.Id id = now.get(location);
        return e != null && id != null && id.equals(e.identity()) && e.input().equals(f) ? e.result() : null;
    }

    /** Records what this run read, under the identity the file had before the read. */
    public void put(InputFile f, JobSpec job, ReadMetadata.Result r) {
        String location = job.readLocation(f);
        InputIdentity.Id id = now.get(location);
        if (!enabled || id == null) {
            return;
        }
        entries.put(location, new Entry(location, f, id, r));
        changed = true;
    }

    /**
     * Driver, once the target is known to be this recipe's (after the prepare stage): writes the
     * entries when this run read anything, and removes the caches of other recipes or programs.
     */
    public void save(JobSpec job) {
        if (!enabled || !changed) {
            return;
        }
        HadoopStore store = store(job);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(new DeflaterOutputStream(bytes,
                new Deflater(Deflater.BEST_SPEED)))) {
            out.writeObject(new java.util.ArrayList<>(entries.values()));
        } catch (IOException e) {
            throw new StageException("cannot record the inputs' metadata in the progress log of " + store.uri()
                    + ": " + e.getMessage(), e);
        }
        store.put(ProgressLog.DIR + "/" + PREFIX + key, bytes.toByteArray());
        for (String k : store.list(ProgressLog.DIR)) {
            String name = k.substring(k.lastIndexOf('/') + 1);
            if (k.indexOf('/') == k.lastIndexOf('/') && name.startsWith(PREFIX) && !name.equals(PREFIX + key)) {
                store.delete(k);
            }
        }
        changed = false;
    }

    private static Map<String, Entry> read(HadoopStore store, String key) {
        Map<String, Entry> out = new HashMap<>();
        byte[] b = store.get(ProgressLog.DIR + "/" + PREFIX + key);
        if (b == null) {
            return out;
        }
        try (ObjectInputStream in = new ObjectInputStream(new InflaterInputStream(new ByteArrayInputStream(b)))) {
            in.setObjectInputFilter(CLASSES);
            if (in.readObject() instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Entry e) {
                        out.put(e.location(), e);
                    }
                }
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // unreadable (cut short, another program's classes): every input is read again
            return new HashMap<>();
        }
        return out;
    }

    /** Inputs whose cached result this run can use. */
    public int reusable(List<InputFile> inputs, JobSpec job) {
        int n = 0;
        for (InputFile f : inputs) {
            n += get(f, job) != null ? 1 : 0;
        }
        return n;
    }

    private static HadoopStore store(JobSpec job) {
        return new HadoopStore(job.target(), job.hadoopConf());
    }

    /** The recipe (its fingerprint names inputs, preprocessors, dropped variables) and the program. */
    static String key(JobSpec job) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(job.recipe().fingerprint().getBytes(StandardCharsets.UTF_8));
            md.update(("\n" + Version.get() + "\n" + program()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar this class came from, with its size and date: a rebuilt program reads every input again. */
    private static String program() {
        try {
            URI jar = InputMetadataCache.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            java.io.File f = new java.io.File(jar);
            return f.isFile() ? f + " " + f.length() + " " + f.lastModified() : f.toString();
        } catch (Exception e) {
            return "";
        }
    }
}
