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
    private final int localThreads;

    private SparkStart(CompletableFuture<JavaSparkContext> context, boolean owned, int localThreads) {
        this.context = context;
        this.owned = owned;
        this.localThreads = localThreads;
    }

    /**
     * The task threads of a local master this start owns (local, local[N], local[*]; 0 otherwise):
     * work that Spark would run on them may run on the driver's own threads instead.
     */
    int localThreads() {
        return localThreads;
    }

    /** local -> 1, local[N] and local[N,F] -> N, local[*] -> the cores; anything else 0. */
    static int localThreads(String master) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?\\])?")
                .matcher(master);
        if (!m.matches()) {
            return 0;
        }
        String n = m.group(1);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    /** Starts a context for {@code conf}: in the background in local mode, else now. */
    public static SparkStart begin(SparkConf conf) {
        if (conf.get("spark.master", "").startsWith("local")) {
            CompletableFuture<JavaSparkContext> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    JavaSparkContext sc = warm(start(conf));
                    Timeline.watch(sc.sc());
                    f.complete(sc);
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "arcoforge-spark-start");
            t.setDaemon(true);
            t.start();
            return new SparkStart(f, true, localThreads(conf.get("spark.master")));
        }
        JavaSparkContext sc = start(conf);
        Timeline.watch(sc.sc());
        return new SparkStart(CompletableFuture.completedFuture(sc), true, 0);
    }

    /** What {@code step} returns; when it throws, {@code start} is closed first (its context stopped). */
    public static <T> T closedOnFailure(SparkStart start, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException | Error e) {
            start.close();
            throw e;
        }
    }

    /**
     * A local context after one empty job: the first job's set-up (scheduler, executor, closure and
     * task serialization, about 0.3 s) then happens while the driver still plans, not before the store.
     */
    private static JavaSparkContext warm(JavaSparkContext sc) {
        if (!Boolean.parseBoolean(System.getProperty("arcoforge.spark.warmup", "true"))) {
            return sc;
        }
        try {
            sc.setJobDescription("warm-up");
            sc.parallelize(java.util.List.of(0), 1).foreach(x -> { });
        } catch (RuntimeException e) {
            // only a head start: the store's first job meets any real problem and reports it
        } finally {
            sc.setJobDescription(null);
        }
        Timeline.mark("spark-warm");
        return sc;
    }

    /** A context someone else started and stops (tests, notebooks). */
    public static SparkStart of(JavaSparkContext sc) {
        return new SparkStart(CompletableFuture.completedFuture(sc), false, 0);
    }

    private static JavaSparkContext start(SparkConf conf) {
        Timeline.mark("spark-start");
        JavaSparkContext sc = new JavaSparkContext(conf);
        sc.setLogLevel("WARN");
        Timeline.mark("spark-ready");
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
    static <T extends Throwable> T rethrow(Throwable t) throws T {
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
