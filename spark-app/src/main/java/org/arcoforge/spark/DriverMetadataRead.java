package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.source.RetryEvents;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReadMetadata;

/**
 * The metadata pass of a local-mode run, on the driver's own threads: Spark's executors would be
 * threads of this same JVM, so nothing changes but that the pass need not wait for Spark to start
 * (it overlaps the second or so that takes). Same progress line and the same errors as on Spark.
 */
final class DriverMetadataRead {
    private DriverMetadataRead() {
    }

    /** The metadata of {@code inputs}, in their order, read by {@code threads} threads. */
    static List<ReadMetadata.Result> read(JobSpec job, List<InputFile> inputs, int threads, PrintWriter console,
                                          SparkPipeline.RunSummary summary) {
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, inputs.size())), r -> {
            Thread t = new Thread(r, "arcoforge-read-metadata");
            t.setDaemon(true);
            return t;
        });
        try (RetryEvents.Shown shown = RetryEvents.shownOnConsole();
             Progress p = new Progress(console, "prepare: read metadata", "inputs", inputs.size(), done::get,
                     null, null, "decoded", RetryEvents::pending)) {
            List<Future<ReadMetadata.Result>> futures = new ArrayList<>(inputs.size());
            for (InputFile f : inputs) {
                futures.add(pool.submit(() -> {
                    ReadMetadata.Result r = ReadMetadata.read(f, job);
                    done.incrementAndGet();
                    return r;
                }));
            }
            List<ReadMetadata.Result> results = new ArrayList<>(inputs.size());
            for (Future<ReadMetadata.Result> f : futures) {
                results.add(f.get());
            }
            summary.seconds.put("read metadata", p.seconds());
            return results;
        } catch (ExecutionException e) {
            throw SparkStart.<RuntimeException>rethrow(e.getCause()); // as a Spark task would have failed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the inputs' metadata", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
