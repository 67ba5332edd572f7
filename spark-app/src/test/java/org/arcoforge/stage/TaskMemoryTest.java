package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.plan.TaskMemory;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.ConcatDim;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Keys;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory model against real store tasks: real NetCDF files (ncgen), the real metadata stage,
 * planner and store stage (no Spark: the store function on this thread), a real Zarr target. The
 * store stage's buffers are counted as it allocates and frees them ({@link BufferMeter}); every
 * direct task's peak must stay within the estimate the planner gave it ({@link TaskMemory}; plus
 * the codec's frame, which chunks of a few bytes do not cover), and at
 * least hold the chunk buffers of the task, so that the meter is known to count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskMemoryTest {
    @TempDir
    static Path tmp;

    private static final LocalDate START = LocalDate.of(1981, 9, 1);
    private static final int DAYS = 12;

    @BeforeAll
    void fixtures() {
        SampleArchives.oisstDaily(tmp.resolve("oisst"), START, DAYS, 60, 90);
        SampleArchives.netcdf3Monthly(tmp.resolve("nc3"), 1990, 3);
    }

    private Recipe.Builder oisst() {
        return Recipe.builder(FilePattern.template(tmp.resolve("oisst") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc",
                ConcatDim.of("time", Keys.dates(START, START.plusDays(DAYS - 1), Period.ofDays(1)), 1)))
                .fileType(FileType.NETCDF4);
    }

    @Test
    void mapChunksFromNetcdf4WithinTheEstimate() {
        // Steps of 5 days (fragments from 5 inputs per chunk, the last step shorter), zstd with shuffle (byte planes).
        check("map", oisst().targetChunk("time", 5).build());
    }

    @Test
    void tilesUnderATightBudgetWithinTheEstimate() {
        // A budget that splits each step of chunks among tasks, zlib (values, not byte planes).
        check("tiles", oisst().targetChunks(Map.of("time", 4, "lat", 25, "lon", 40)).maxTaskMemory(300_000)
                .compressor(new Compressor("zlib", 1, true)).build());
    }

    @Test
    void timeSeriesWithAPreprocessorWithinTheEstimate() {
        // A preprocessor reads through a dataset with values instead of straight into the chunks.
        check("series", oisst().targetChunks(Map.of("time", DAYS, "lat", 30, "lon", 30))
                .preprocess(f -> f.attributes().put("seen", 1)).build());
    }

    @Test
    void netcdf3RecordVariablesWithinTheEstimate() {
        check("nc3", Recipe.builder(FilePattern.template(tmp.resolve("nc3") + "/tas_{time:yyyyMM}.nc",
                        ConcatDim.of("time", Keys.dates(LocalDate.of(1990, 1, 1), LocalDate.of(1990, 3, 1), Period.ofMonths(1)))))
                .fileType(FileType.NETCDF3).targetChunk("time", 20).build());
    }

    private void check(String name, Recipe recipe) {
        JobSpec job = new JobSpec(recipe, tmp.resolve(name + ".zarr").toString(), Map.of(), false);
        List<InputFile> inputs = recipe.filePattern().inputs();
        List<InputMetadata> metadata = new ArrayList<>();
        for (InputFile f : inputs) {
            metadata.add(ReadMetadata.read(f, job).metadata());
        }
        StorePlan plan = Planner.plan(metadata, job.planOptions());
        assertThat(plan.tasks()).as("direct tasks").isNotEmpty();
        PrepareTarget.run(plan, job, inputs.size());
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StoreTask largest = plan.tasks().get(0);
        long largestPeak = 0;
        long largestAllocated = 0;
        for (StoreTask task : plan.tasks()) {
            long buffers = 0;
            for (ChunkWrite w : task.writes()) {
                TargetVariable v = plan.schema().variable(w.variable());
                buffers += (long) NdArrays.product(v.chunks()) * v.dtype().size();
            }
            BufferMeter.reset();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            DirectWriter.run(task, plan.schema(), inputs, job);
            allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
            long peak = BufferMeter.peak();
            assertThat(BufferMeter.held()).as("%s task %d frees what it held", name, task.id()).isZero();
            assertThat(peak).as("%s task %d holds at least its chunk buffers", name, task.id())
                    .isGreaterThanOrEqualTo(buffers);
            assertThat(peak).as("%s task %d (%d chunks, allocated %d bytes in all): peak of its buffers within the"
                            + " planner's estimate", name, task.id(), task.writes().size(), allocated)
                    .isLessThanOrEqualTo(task.estimatedPeak() + TaskMemory.ENCODED_FRAME);
            if (task.estimatedPeak() >= largest.estimatedPeak()) {
                largest = task;
                largestPeak = peak;
                largestAllocated = allocated;
            }
        }
        System.out.printf("TaskMemoryTest %s: %d direct tasks; the largest: estimate %d, peak of its buffers %d,"
                + " allocated on its thread %d%n", name, plan.tasks().size(), largest.estimatedPeak(), largestPeak,
                largestAllocated);
    }
}
