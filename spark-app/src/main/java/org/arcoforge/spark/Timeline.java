package org.arcoforge.spark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Where a run's start-up goes, for bench/startup.sh: with the JVM property {@code arcoforge.timeline}
 * set, each mark prints {@code timeline: NAME EPOCH-MS MS-SINCE-JVM-START} to stderr as it happens
 * (the first Spark task among them). Without it, marks cost one boolean test.
 */
public final class Timeline {
    static final boolean ON = Boolean.getBoolean("arcoforge.timeline");
    private static final AtomicBoolean FIRST_TASK = new AtomicBoolean();

    private Timeline() {
    }

    /** Prints the mark when the timeline is on. */
    public static void mark(String name) {
        if (!ON) {
            return;
        }
        long now = System.currentTimeMillis();
        long jvm = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        PrintStream err = System.err;
        err.println(String.format(Locale.ROOT, "timeline: %s %d %d", name, now, now - jvm));
    }

    /** Marks the first task Spark starts in this JVM ("first-task"), when the timeline is on. */
    static void watch(org.apache.spark.SparkContext sc) {
        if (!ON) {
            return;
        }
        sc.addSparkListener(new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                if (FIRST_TASK.compareAndSet(false, true)) {
                    mark("first-task");
                }
            }
        });
    }
}
