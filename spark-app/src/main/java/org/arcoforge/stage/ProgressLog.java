package org.arcoforge.stage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.arcoforge.plan.ReadTask;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.ShuffleVariable;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.ShuffleFragment;
import org.arcoforge.store.HadoopStore;

/**
 * Which chunk tasks of a plan are already stored, so that a run started again after a kill skips
 * them. Under the target, {@code .arcoforge-progress/PLAN/} holds one small object per finished
 * direct task ({@code task-ID}) and per finished shuffle reduce partition ({@code reduce-ID}),
 * written after the task's chunks, listing each chunk key and its stored size. PLAN is a
 * fingerprint of the recipe and the whole plan: a log of any other plan is deleted, never trusted.
 * A record counts only when every chunk it names is listed with its recorded size (one listing per
 * variable), so a chunk lost or truncated by a crash is written again. Finalize removes the log
 * after {@code .zmetadata} is written.
 */
public final class ProgressLog implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DIR = ".arcoforge-progress";

    private final String plan;
    private final boolean[] tasksDone;
    private final boolean[] partitionsDone;
    private final int ignored;

    private ProgressLog(String plan, boolean[] tasksDone, boolean[] partitionsDone, int ignored) {
        this.plan = plan;
        this.tasksDone = tasksDone;
        this.partitionsDone = partitionsDone;
        this.ignored = ignored;
    }

    /** The plan's fingerprint: {@link PlanFingerprint#of}. */
    public static String fingerprint(StorePlan plan, String recipeFingerprint) {
        return PlanFingerprint.of(plan, recipeFingerprint);
    }

    /**
     * Driver, after the target is prepared: deletes the logs of other plans and reads this plan's,
     * keeping the records whose chunks are all stored.
     */
    public static ProgressLog open(StorePlan plan, JobSpec job) {
        HadoopStore store = store(job);
        String fp = fingerprint(plan, job.recipe().fingerprint());
        for (String other : store.listDirectories(DIR)) {
            if (!other.equals(fp)) {
                deleteTree(store, DIR + "/" + other);
            }
        }
        boolean[] tasks = new boolean[plan.tasks().size()];
        boolean[] parts = new boolean[plan.shuffle().reducePartitions()];
        Map<Integer, Integer> taskAt = new HashMap<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            taskAt.put(plan.tasks().get(i).id(), i);
        }
        Map<String, Map<String, Long>> listings = new HashMap<>();
        int ignored = 0;
        List<String> keys = store.list(DIR + "/" + fp);
        Map<String, byte[]> records = readAll(store, keys);
        for (String key : keys) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            boolean[] into;
            Integer at;
            if (name.startsWith("task-")) {
                into = tasks;
                at = taskAt.get(parseId(name.substring(5)));
            } else if (name.startsWith("reduce-")) {
                into = parts;
                at = parseId(name.substring(7));
                at = at != null && at >= 0 && at < parts.length ? at : null;
            } else {
                continue;
            }
            byte[] record = records.get(key);
            if (at != null && record != null && stored(store, parse(record), listings)) {
                into[at] = true;
            } else {
                ignored++;
            }
        }
        return new ProgressLog(fp, tasks, parts, ignored);
    }

    /** The records' bytes, fetched 16 at a time: on an object store each is a request. */
    private static Map<String, byte[]> readAll(HadoopStore store, List<String> keys) {
        Map<String, byte[]> out = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "arcoforge-progress-read");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (String k : keys) {
                done.add(pool.submit(() -> {
                    byte[] b = store.get(k);
                    if (b != null) {
                        out.put(k, b);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("interrupted while reading the progress log of " + store.uri(), e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static Integer parseId(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether every chunk of the record is listed with its recorded size. */
    private static boolean stored(HadoopStore store, Map<String, Long> record,
                                  Map<String, Map<String, Long>> listings) {
        if (record == null || record.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Long> e : record.entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            String variable = slash < 0 ? "" : e.getKey().substring(0, slash);
            Long size = listings.computeIfAbsent(variable, v -> sizes(store, v)).get(e.getKey());
            if (!e.getValue().equals(size)) {
                return false;
            }
        }
        return true;
    }

    /** Every file under the variable's folder and its size, from one listing. */
    private static Map<String, Long> sizes(HadoopStore store, String variable) {
        Map<String, Long> out = new HashMap<>();
        if (variable.isEmpty()) {
            return out;
        }
        Path dir = new Path(store.rootPath(), variable);
        try {
            RemoteIterator<LocatedFileStatus> it = store.fileSystem().listFiles(dir, false);
            while (it.hasNext()) {
                FileStatus st = it.next();
                out.put(variable + "/" + st.getPath().getName(), st.getLen());
            }
        } catch (FileNotFoundException e) {
            return out;
        } catch (IOException e) {
            throw new StageException("cannot list " + variable + " in target " + store.uri() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** A record: one "key size" line per chunk; null when malformed. */
    static Map<String, Long> parse(byte[] record) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int sp = line.lastIndexOf(' ');
            if (sp <= 0) {
                return null;
            }
            try {
                out.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    static byte[] format(Map<String, Long> stored) {
        StringBuilder b = new StringBuilder();
        stored.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static HadoopStore store(JobSpec job) {
        return new HadoopStore(job.target(), job.hadoopConf());
    }

    private static void deleteTree(HadoopStore store, String key) {
        try {
            store.fileSystem().delete(new Path(store.rootPath(), key), true);
        } catch (IOException e) {
            throw new StageException("cannot delete " + key + " in target " + store.uri() + ": " + e.getMessage(), e);
        }
    }

    /** Executor: the direct task's chunks (key and stored size) are all written. */
    public void recordTask(JobSpec job, int taskId, Map<String, Long> stored) {
        store(job).put(DIR + "/" + plan + "/task-" + taskId, format(stored));
    }

    /** Executor: the reduce partition's chunks (key and stored size) are all written. */
    public void recordPartition(JobSpec job, int partition, Map<String, Long> stored) {
        if (!stored.isEmpty()) {
            store(job).put(DIR + "/" + plan + "/reduce-" + partition, format(stored));
        }
    }

    /** Finalize, after {@code .zmetadata}: the store is complete, its log is of no more use. */
    public static void clear(JobSpec job) {
        HadoopStore store = store(job);
        if (store.exists(DIR)) {
            deleteTree(store, DIR);
        }
    }

    public String plan() {
        return plan;
    }

    /** The direct tasks still to run, in plan order. */
    public List<StoreTask> remaining(List<StoreTask> tasks) {
        List<StoreTask> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (!tasksDone[i]) {
                out.add(tasks.get(i));
            }
        }
        return out;
    }

    public boolean partitionDone(int partition) {
        return partitionsDone[partition];
    }

    public boolean allPartitionsDone() {
        for (boolean d : partitionsDone) {
            if (!d) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shuffle's read tasks that feed an unfinished reduce partition. A read that feeds any of
     * them is read whole again (its fragments for finished partitions are dropped before the
     * shuffle): with time-series chunks every read feeds every partition, so only the writes of the
     * finished partitions are saved.
     */
    public List<ReadTask> readsNeeded(ShufflePlan shuffle) {
        if (doneCount(partitionsDone) == 0) {
            return shuffle.reads();
        }
        Map<String, ShuffleVariable> vars = new HashMap<>();
        shuffle.variables().forEach(v -> vars.put(v.name(), v));
        List<ReadTask> out = new ArrayList<>();
        for (ReadTask rt : shuffle.reads()) {
            boolean needed = false;
            for (ReadTask.Piece s : rt.pieces()) {
                for (ShuffleFragment c : ShuffleFragment.of(vars.get(s.variable()), s, rt.concatOffset())) {
                    needed |= !partitionsDone[shuffle.partitionOf(c.chunkId())];
                }
            }
            if (needed) {
                out.add(rt);
            }
        }
        return out;
    }

    /** The fragments bound for unfinished reduce partitions. */
    public Iterator<ChunkFragment> unfinished(Iterator<ChunkFragment> fragments, ShufflePlan shuffle) {
        if (doneCount(partitionsDone) == 0) {
            return fragments;
        }
        return new Iterator<>() {
            private ChunkFragment next;

            @Override
            public boolean hasNext() {
                while (next == null && fragments.hasNext()) {
                    ChunkFragment f = fragments.next();
                    next = partitionsDone[shuffle.partitionOf(f.chunkId())] ? null : f;
                }
                return next != null;
            }

            @Override
            public ChunkFragment next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ChunkFragment f = next;
                next = null;
                return f;
            }
        };
    }

    /** Chunk tasks (direct tasks and reduce partitions) already done. */
    public int done() {
        return doneCount(tasksDone) + doneCount(partitionsDone);
    }

    public int total() {
        return tasksDone.length + partitionsDone.length;
    }

    /** Records of this plan that were not trusted (a chunk missing or of another size). */
    public int ignored() {
        return ignored;
    }

    /** Chunks the finished tasks hold, of {@code plan}. */
    public long chunksDone(StorePlan plan) {
        long n = 0;
        for (int i = 0; i < tasksDone.length; i++) {
            n += tasksDone[i] ? plan.tasks().get(i).writes().size() : 0;
        }
        long[] starts = plan.shuffle().partitionStarts();
        for (int p = 0; p < partitionsDone.length; p++) {
            n += partitionsDone[p] ? starts[p + 1] - starts[p] : 0;
        }
        return n;
    }

    private static int doneCount(boolean[] done) {
        int n = 0;
        for (boolean d : done) {
            n += d ? 1 : 0;
        }
        return n;
    }
}
