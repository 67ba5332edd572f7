package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.ReadTask;
import org.arcoforge.plan.ShufflePlan;
import org.arcoforge.plan.ShuffleVariable;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetSchema;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress log on a real local target: what it trusts, what it throws away. */
class ProgressLogTest {
    @TempDir
    Path tmp;
    Path target;
    JobSpec job;

    @BeforeEach
    void setUp() {
        target = tmp.resolve("t.zarr");
        Recipe r = Recipe.builder(FilePattern.files("time", List.of("a.nc", "b.nc", "c.nc", "d.nc"), 1)).build();
        job = new JobSpec(r, target.toString(), Map.of(), false);
    }

    /**
     * 'sst' [time 4, lat 2] in chunks of one day: one direct task per day; 'ice' [time 4, lat 2]
     * in chunks of all days and one lat: two chunks through the shuffle, one reduce partition each,
     * one read per input.
     */
    private static StorePlan plan(int sstChunkDays) {
        TargetVariable sst = new TargetVariable("sst", "sst", List.of("time", "lat"), new long[] {4, 2},
                new int[] {sstChunkDays, 2}, DType.INT16, Map.of(), null, 0, true);
        TargetVariable ice = new TargetVariable("ice", "ice", List.of("time", "lat"), new long[] {4, 2},
                new int[] {4, 1}, DType.INT16, Map.of(), null, 0, true);
        TargetSchema schema = new TargetSchema(Map.of("time", 4L, "lat", 2L), Map.of(), List.of(sst, ice), Map.of(),
                new long[] {0, 1, 2, 3, 4});
        List<StoreTask> tasks = new ArrayList<>();
        for (int t = 0; t < 4 / sstChunkDays; t++) {
            tasks.add(new StoreTask(t, List.of(new ChunkWrite("sst", new long[] {t, 0}, List.of())), 0));
        }
        ShuffleVariable sv = new ShuffleVariable("ice", 0, new long[] {4, 2}, new int[] {4, 1}, 0);
        List<ReadTask> reads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reads.add(new ReadTask(i, i, List.of(new ReadTask.Piece("ice", new long[] {0, 0}, new int[] {1, 2}, null)), 0));
        }
        ShufflePlan shuffle = new ShufflePlan(List.of(sv), reads, new long[] {0, 1, 2}, 4, 0);
        return new StorePlan(schema, tasks, shuffle, List.of(), List.of(), 1 << 20);
    }

    /** Writes the chunk file {@code key} with {@code size} bytes; returns {key: size}. */
    private Map<String, Long> chunk(String key, int size) throws Exception {
        Path p = target.resolve(key);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[size]);
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(key, (long) size);
        return m;
    }

    @Test
    void recordedTasksAndPartitionsWhoseChunksAreStoredAreSkipped() throws Exception {
        StorePlan plan = plan(1);
        ProgressLog fresh = ProgressLog.open(plan, job);
        assertThat(fresh.done()).isZero();
        assertThat(fresh.total()).isEqualTo(4 + 2);
        fresh.recordTask(job, 0, chunk("sst/0.0", 10));
        fresh.recordTask(job, 2, chunk("sst/2.0", 12));
        fresh.recordPartition(job, 1, chunk("ice/0.1", 7));

        ProgressLog resumed = ProgressLog.open(plan, job);
        assertThat(resumed.done()).isEqualTo(3);
        assertThat(resumed.remaining(plan.tasks())).extracting(StoreTask::id).containsExactly(1, 3);
        assertThat(resumed.chunksDone(plan)).isEqualTo(3);
        assertThat(resumed.partitionDone(0)).isFalse();
        assertThat(resumed.partitionDone(1)).isTrue();
        assertThat(resumed.allPartitionsDone()).isFalse();
        // every read feeds partition 0 (all of time, lat 0): all are read again...
        assertThat(resumed.readsNeeded(plan.shuffle())).hasSize(4);
        // ...but their fragments for the finished partition never reach the shuffle
        List<ChunkFragment> fragments = List.of(new ChunkFragment(0, new int[] {0, 0}, new int[] {1, 1}, new short[1]),
                new ChunkFragment(1, new int[] {0, 0}, new int[] {1, 1}, new short[1]));
        List<Long> kept = new ArrayList<>();
        resumed.unfinished(fragments.iterator(), plan.shuffle()).forEachRemaining(f -> kept.add(f.chunkId()));
        assertThat(kept).containsExactly(0L);
        assertThat(resumed.ignored()).isZero();
    }

    @Test
    void aLogOfAnotherPlanIsIgnoredAndDeleted() throws Exception {
        StorePlan dayChunks = plan(1);
        ProgressLog.open(dayChunks, job).recordTask(job, 0, chunk("sst/0.0", 10));
        Path old = target.resolve(ProgressLog.DIR).resolve(ProgressLog.fingerprint(dayChunks, job.recipe().fingerprint()));
        assertThat(old).isDirectory();

        // the same chunk key exists with the recorded size, but the plan changed (two-day chunks)
        StorePlan twoDayChunks = plan(2);
        ProgressLog other = ProgressLog.open(twoDayChunks, job);
        assertThat(other.done()).isZero();
        assertThat(other.remaining(twoDayChunks.tasks())).hasSize(2);
        assertThat(old).doesNotExist();
        // a different recipe over the same plan is another plan too
        Recipe r2 = Recipe.builder(FilePattern.files("time", List.of("a.nc", "b.nc", "c.nc", "e.nc"), 1)).build();
        assertThat(ProgressLog.fingerprint(dayChunks, r2.fingerprint()))
                .isNotEqualTo(ProgressLog.fingerprint(dayChunks, job.recipe().fingerprint()));
        // the same plan made again (another JVM would) has the same fingerprint
        assertThat(ProgressLog.fingerprint(plan(1), job.recipe().fingerprint()))
                .isEqualTo(ProgressLog.fingerprint(dayChunks, job.recipe().fingerprint()));
        // whatever order its maps iterate in (Map.of's changes from one JVM to the next)
        StorePlan p = plan(1);
        Map<String, Object> forward = new LinkedHashMap<>();
        Map<String, Object> backward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            forward.put("a" + i, i);
            backward.put("a" + (19 - i), 19 - i);
        }
        TargetSchema s = p.schema();
        StorePlan f = new StorePlan(new TargetSchema(s.dims(), forward, s.variables(), s.precomputedValues(),
                s.concatOffsets()), p.tasks(), p.shuffle(), p.variables(), p.warnings(), p.maxTaskMemory());
        StorePlan b = new StorePlan(new TargetSchema(s.dims(), backward, s.variables(), s.precomputedValues(),
                s.concatOffsets()), p.tasks(), p.shuffle(), p.variables(), p.warnings(), p.maxTaskMemory());
        assertThat(ProgressLog.fingerprint(f, "r")).isEqualTo(ProgressLog.fingerprint(b, "r"));
    }

    @Test
    void aRecordedTaskWhoseChunkIsMissingOrTruncatedIsRedone() throws Exception {
        StorePlan plan = plan(1);
        ProgressLog log = ProgressLog.open(plan, job);
        log.recordTask(job, 0, chunk("sst/0.0", 10));
        log.recordTask(job, 1, chunk("sst/1.0", 10));
        log.recordTask(job, 2, chunk("sst/2.0", 10));
        log.recordPartition(job, 0, chunk("ice/0.0", 10));
        Files.delete(target.resolve("sst/0.0"));
        Files.write(target.resolve("sst/1.0"), new byte[3]); // cut short by a crash
        Files.delete(target.resolve("ice/0.0"));

        ProgressLog resumed = ProgressLog.open(plan, job);
        assertThat(resumed.remaining(plan.tasks())).extracting(StoreTask::id).containsExactly(0, 1, 3);
        assertThat(resumed.partitionDone(0)).isFalse();
        assertThat(resumed.done()).isEqualTo(1);
        assertThat(resumed.ignored()).isEqualTo(3);
    }

    @Test
    void malformedRecordsAreNotTrustedAndClearRemovesTheLog() throws Exception {
        StorePlan plan = plan(1);
        chunk("sst/0.0", 10);
        String fp = ProgressLog.fingerprint(plan, job.recipe().fingerprint());
        Path dir = target.resolve(ProgressLog.DIR).resolve(fp);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("task-0"), "sst/0.0 ten\n");
        Files.writeString(dir.resolve("task-1"), "");
        assertThat(ProgressLog.open(plan, job).done()).isZero();

        ProgressLog.clear(job);
        assertThat(target.resolve(ProgressLog.DIR)).doesNotExist();
        assertThat(target.resolve("sst/0.0")).exists();
    }
}
