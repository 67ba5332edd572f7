package org.arcoforge.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.HostDownException;
import org.arcoforge.source.InputException;
import org.arcoforge.source.RemoteSource;
import org.arcoforge.source.Retry;
import org.arcoforge.source.RetryEvents;
import org.arcoforge.recipe.Fingerprint;
import org.arcoforge.recipe.InputFile;

/**
 * Cache stage (the first stage; runs on executors, one host group per call): copies each remote
 * input once into the cache root on any Hadoop filesystem and reuses valid copies on later runs.
 *
 * <p>Layout: {@code ROOT/HASH-NAME} is the copy, {@code ROOT/HASH-NAME.json} its manifest entry
 * (URL, size, SHA-256), where HASH is derived from the URL without secrets. A copy is written under
 * {@code ROOT/_partial/} and renamed into place only when complete; the manifest entry is written
 * last, so a copy without one is never trusted. A copy is valid while its length and SHA-256 match
 * its manifest entry; otherwise it is fetched again.
 */
public final class CacheInputs {
    static final String PARTIAL_DIR = "_partial";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheInputs() {
    }

    /**
     * What happened to one input.
     *
     * @param location   the URL without secrets
     * @param downloaded bytes transferred by this run (0 when the copy was reused)
     * @param requests   requests sent to the server (0 when reused)
     * @param refetched  why an existing copy was not trusted, or null
     * @param failure    the last error (status) when the input could not be cached, or null
     * @param hostDown   host:port when the input failed because its host refused every connection
     *                   (of this input's retries, or of another input's, so this one was not tried), or null
     */
    public record Result(int index, String location, String cachePath, long size, long downloaded, long requests,
                         boolean reused, String refetched, String failure, String hostDown) implements Serializable {
        public Result(int index, String location, String cachePath, long size, long downloaded, long requests,
                      boolean reused, String refetched, String failure) {
            this(index, location, cachePath, size, downloaded, requests, reused, refetched, failure, null);
        }

        public boolean ok() { return failure == null; }
    }

    /** The cached copy of {@code url} under {@code root}: a hash of the URL without secrets plus its file name. */
    public static String cachePath(String root, String url) {
        String clean = ByteSources.safeLocationKeepingQuery(url);
        String hash = Fingerprint.sha256Hex(clean).substring(0, 16);
        String path = java.net.URI.create(clean).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 100) {
            name = name.substring(name.length() - 100);
        }
        return root.replaceAll("/+$", "") + "/" + hash + (name.isEmpty() ? "" : "-" + name);
    }

    /**
     * Splits the inputs into groups fetched one file at a time, by one task each: each host's inputs
     * over at most {@code maxConnectionsPerHost} groups, so the limit holds across the whole job.
     */
    public static List<List<InputFile>> plan(List<InputFile> inputs, int maxConnectionsPerHost) {
        Map<String, List<InputFile>> byHost = new LinkedHashMap<>();
        for (InputFile f : inputs) {
            byHost.computeIfAbsent(ByteSources.hostKey(f.url()), k -> new ArrayList<>()).add(f);
        }
        List<List<InputFile>> groups = new ArrayList<>();
        for (List<InputFile> files : byHost.values()) {
            int n = Math.min(Math.max(1, maxConnectionsPerHost), files.size());
            List<List<InputFile>> lanes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                lanes.add(new ArrayList<>());
            }
            for (int i = 0; i < files.size(); i++) {
                lanes.get(i % n).add(files.get(i));
            }
            groups.addAll(lanes);
        }
        return groups;
    }

    /** Fetches a group in order; {@code done} gets each result as soon as it is known. */
    public static List<Result> fetchGroup(List<InputFile> group, JobSpec job, java.util.function.Consumer<Result> done,
                                          LongConsumer bytes) {
        return fetchGroup(group, job, UUID.randomUUID().toString(), done, bytes);
    }

    /**
     * As {@link #fetchGroup(List, JobSpec, java.util.function.Consumer, LongConsumer)}; an input
     * whose host refused every connection of a whole round of retries, in any group of the run
     * {@code runId} in this JVM, fails at once: a dead host costs one round, not one per input.
     */
    public static List<Result> fetchGroup(List<InputFile> group, JobSpec job, String runId,
                                          java.util.function.Consumer<Result> done, LongConsumer bytes) {
        FileSystem fs = null;
        String noCache = null;
        try {
            fs = ByteSources.fileSystem(job.cacheRoot(), job.hadoopConf());
        } catch (IOException | RuntimeException e) {
            noCache = job.sourceAccess().scrub(describe(e));
        }
        List<Result> out = new ArrayList<>();
        for (InputFile f : group) {
            String host = RetryEvents.hostPort(ByteSources.safeLocationKeepingQuery(f.url()));
            String down = DeadHosts.reason(runId, host);
            Result r;
            if (fs == null) {
                r = new Result(f.index(), ByteSources.safeLocationKeepingQuery(f.url()),
                        cachePath(job.cacheRoot(), f.url()), -1, 0, 0, false, null, noCache);
            } else if (down != null) {
                r = new Result(f.index(), ByteSources.safeLocationKeepingQuery(f.url()),
                        cachePath(job.cacheRoot(), f.url()), -1, 0, 0, false, null, "not tried: " + down, host);
            } else {
                r = fetch(f, job, fs, bytes);
                if (r.hostDown() != null) {
                    DeadHosts.mark(runId, r.hostDown(), r.failure());
                }
            }
            done.accept(r);
            out.add(r);
        }
        return out;
    }

    /** Makes sure the cache (on {@code fs}) holds a valid copy of one input; failures are returned, not thrown. */
    private static Result fetch(InputFile f, JobSpec job, FileSystem fs, LongConsumer bytes) {
        String root = job.cacheRoot();
        String target = cachePath(root, f.url());
        String location = ByteSources.safeLocationKeepingQuery(f.url());
        String refetched = null;
        try {
            Path data = new Path(target);
            Path manifest = new Path(target + ".json");
            FileStatus st;
            try {
                st = fs.getFileStatus(data);
            } catch (FileNotFoundException e) {
                st = null;
            }
            if (st != null) {
                refetched = invalidReason(fs, st, manifest, location);
                if (refetched == null) {
                    return new Result(f.index(), location, target, st.getLen(), 0, 0, true, null, null);
                }
            }
            try (RemoteSource src = ByteSources.openRemote(f.url(), job.sourceAccess())) {
                try {
                    long[] copied = download(fs, new Path(root, PARTIAL_DIR), data, manifest, location, src, bytes);
                    return new Result(f.index(), location, target, copied[0], copied[1], src.requests(), false, refetched,
                            null);
                } catch (IOException | RuntimeException e) {
                    return new Result(f.index(), location, target, -1, 0, src.requests(), false, refetched,
                            job.sourceAccess().scrub(describe(e)), hostDown(e));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Result(f.index(), location, target, -1, 0, 0, false, refetched,
                    job.sourceAccess().scrub(describe(e)), hostDown(e));
        }
    }

    private static String hostDown(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof HostDownException h) {
                return h.host();
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        if (e instanceof InputException ie) {
            return ie.reason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Null when an existing copy ({@code st}) and its manifest entry agree; otherwise why not. */
    static String invalidReason(FileSystem fs, FileStatus st, Path manifest, String location) throws IOException {
        JsonNode entry;
        try (InputStream in = fs.open(manifest)) {
            entry = JSON.readTree(in);
        } catch (FileNotFoundException e) {
            return "its manifest entry is missing (an interrupted earlier run)";
        } catch (IOException e) {
            return "its manifest entry is unreadable";
        }
        if (!location.equals(entry.path("url").asText())) {
            return "its manifest entry is for another URL";
        }
        long size = entry.path("size").asLong(-1);
        if (st.getLen() != size) {
            return "it has " + st.getLen() + " bytes, its manifest says " + size;
        }
        MessageDigest md = sha256();
        try (InputStream in = fs.open(st.getPath())) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        if (!HexFormat.of().formatHex(md.digest()).equals(entry.path("sha256").asText())) {
            return "its SHA-256 no longer matches its manifest entry";
        }
        return null;
    }

    /** Returns {size, bytes transferred}. */
    private static long[] download(FileSystem fs, Path partialDir, Path data, Path manifest, String location,
                                   RemoteSource src, LongConsumer bytes) throws IOException {
        long expected = src.length();
        Path partial = new Path(partialDir, data.getName() + "." + UUID.randomUUID() + ".part");
        MessageDigest md = sha256();
        long[] transferred = {0};
        try {
            try (FSDataOutputStream os = fs.create(partial, true)) {
                Counting out = new Counting(os, md, bytes);
                // Every attempt resumes where the previous one stopped (Range / REST).
                Retry.run(src.retries(), RetryEvents.hostPort(location), attempt -> {
                    src.copyTo(out.count, out);
                    return null;
                });
                transferred[0] = out.count;
                if (out.count != expected) {
                    throw new IOException("got " + out.count + " bytes but the server announced " + expected
                            + " (Content-Length / SIZE)");
                }
            }
            if (fs.exists(data)) {
                fs.delete(data, false);
            }
            if (!fs.rename(partial, data)) {
                throw new IOException("cannot move the finished copy into place at " + data);
            }
        } finally {
            if (fs.exists(partial)) {
                fs.delete(partial, false);
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("url", location);
        entry.put("size", expected);
        entry.put("sha256", HexFormat.of().formatHex(md.digest()));
        Instant modified = src.lastModified();
        entry.put("last_modified", modified == null ? null : modified.toString());
        entry.put("fetched", Instant.now().toString());
        Path partialManifest = new Path(partialDir, manifest.getName() + "." + UUID.randomUUID() + ".part");
        try (FSDataOutputStream os = fs.create(partialManifest, true)) {
            os.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry));
        }
        if (fs.exists(manifest)) {
            fs.delete(manifest, false);
        }
        if (!fs.rename(partialManifest, manifest)) {
            fs.delete(partialManifest, false);
            throw new IOException("cannot move the manifest entry into place at " + manifest);
        }
        return new long[] {expected, transferred[0]};
    }

    /** Counts and hashes what is written, so a resumed transfer knows where to start. */
    private static final class Counting extends FilterOutputStream {
        private final MessageDigest md;
        private final LongConsumer bytes;
        long count;

        Counting(OutputStream out, MessageDigest md, LongConsumer bytes) {
            super(out);
            this.md = md;
            this.bytes = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            md.update(b, off, len);
            count += len;
            bytes.accept(len);
        }

        @Override
        public void close() {
            // The caller closes the underlying stream.
        }
    }

    /** Throws one error listing every input that could not be cached. */
    public static void requireAll(List<Result> results, String root) {
        List<Result> failed = results.stream().filter(r -> !r.ok()).toList();
        if (failed.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder(failed.size() + " of " + results.size() + " remote input(s) could not be"
                + " copied into the cache " + ByteSources.safeLocation(root) + ":");
        // A dead host is one line, however many of its inputs there are.
        Map<String, List<Result>> down = new LinkedHashMap<>();
        failed.stream().filter(r -> r.hostDown() != null)
                .forEach(r -> down.computeIfAbsent(r.hostDown(), h -> new ArrayList<>()).add(r));
        down.forEach((host, rs) -> {
            String why = rs.stream().map(Result::failure).filter(m -> !m.startsWith("not tried: ")).findFirst()
                    .orElse(rs.get(0).failure().substring("not tried: ".length()));
            msg.append("\n  ").append(why).append(": none of its ").append(rs.size()).append(" input(s) could be")
                    .append(" fetched (").append(rs.get(0).location()).append(rs.size() > 1 ? ", ..." : "").append(")");
        });
        for (Result r : failed) {
            if (r.hostDown() == null) {
                msg.append("\n  ").append(r.location()).append(": ").append(r.failure());
            }
        }
        msg.append("\nRe-run to retry them: the inputs already cached are reused.");
        throw new StageException(msg.toString());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
