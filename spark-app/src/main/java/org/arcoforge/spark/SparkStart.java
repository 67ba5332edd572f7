package org.arcoforge.spark;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context of a run, for the stages that need it. In local mode it starts on a thread of
 * its own while the driver does what needs no Spark (reading the progress log and the cached input
 * metadata, planning): a resumed run overlaps the second or so that Spark takes to start with that
 * work instead of adding it. On a cluster it starts at once, before anything else, as it always did.
 */
public final class SparkStart implements Supplier<JavaSparkContext>, AutoCloseable {
    private final CompletableFuture<JavaSparkContext> context;
    private final boolean owned;

    private SparkStart(CompletableFuture<JavaSparkContext> context, boolean owned) {
        this.context = context;
        this.owned = owned;
    }

    /** Starts a context for {@code conf}: in the background in local mode, else now. */
    public static SparkStart begin(SparkConf conf) {
        if (conf.get("spark.master", "").startsWith("local")) {
            CompletableFuture<JavaSparkContext> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(start(conf));
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "arcoforge-spark-start");
            t.setDaemon(true);
            t.start();
            return new SparkStart(f, true);
        }
        return new SparkStart(CompletableFuture.completedFuture(start(conf)), true);
    }

    /** A context someone else started and stops (tests, notebooks). */
    public static SparkStart of(JavaSparkContext sc) {
        return new SparkStart(CompletableFuture.completedFuture(sc), false);
    }

    private static JavaSparkContext start(SparkConf conf) {
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        return sc;
    }

    /** The context, once started; its start's failure as thrown. */
    @Override
    public JavaSparkContext get() {
        try {
            return context.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Spark was starting", e);
        } catch (ExecutionException e) {
            // as the constructor threw it (SparkException is checked in Java's terms, not in Scala's)
            throw SparkStart.<RuntimeException>rethrow(e.getCause());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Stops the context (after its start, when it is still starting). A start that failed unused is no error. */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        JavaSparkContext sc;
        try {
            sc = context.join();
        } catch (RuntimeException e) {
            return;
        }
        sc.close();
    }
}
