package org.arcoforge.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: one line saying that the store is incomplete and that
 * the same command finishes it, then exit 130 / 143 as a shell expects. Nothing else: once the
 * signal arrives the console and the logs are muted, so Spark's shutdown hook (which still runs
 * and removes Spark's temporary folders) cannot print "SparkContext was shut down" or a stack
 * trace from the job it cancels. A JVM shutdown hook cannot tell which signal came, hence signal
 * handlers. A second signal ends the JVM at once, and so does a shutdown that takes over 15 s.
 */
final class Interrupts {
    private static final long HOOKS_MS = 15_000;
    private static volatile String signal;
    private static volatile int exitCode;
    private static volatile boolean finished;
    private static final java.util.Map<String, sun.misc.SignalHandler> PREVIOUS = new java.util.HashMap<>();

    private Interrupts() {
    }

    /** Installs the handlers; returns the console to use, silent once a signal arrived. */
    static PrintWriter guard(PrintWriter console, String target) {
        return guard(console, target, 2);
    }

    /** For a store of {@code zarrFormat}, whose unfinished state the message names. */
    static PrintWriter guard(PrintWriter console, String target, int zarrFormat) {
        finished = false;
        signal = null;
        String message = "interrupted: the store at " + target + " is incomplete ("
                + org.arcoforge.format.CompleteMarker.missing(zarrFormat) + "); run the same command again to finish";
        install("INT", 130, console, message);
        install("TERM", 143, console, message);
        return org.arcoforge.spark.Terminal.sameAs(new PrintWriter(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                if (signal == null) {
                    console.write(buf, off, len);
                }
            }

            @Override
            public void flush() {
                if (signal == null) {
                    console.flush();
                }
            }

            @Override
            public void close() {
                flush();
            }
        }, true), console);
    }

    /** The run ended (store finalized, or failed): the JVM's own handlers again, as before {@link #guard}. */
    static synchronized void finished() {
        finished = true;
        PREVIOUS.forEach((name, h) -> sun.misc.Signal.handle(new sun.misc.Signal(name), h));
        PREVIOUS.clear();
    }

    /** Whether the run was interrupted (its failure is then the interruption, not an error). */
    static boolean interrupted() {
        return signal != null;
    }

    static int exitCode() {
        return exitCode;
    }

    private static synchronized void install(String name, int code, PrintWriter console, String message) {
        try {
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                if (signal != null) {
                    Runtime.getRuntime().halt(exitCode);
                }
                exitCode = code;
                signal = name;
                quietLogs();
                if (!finished) {
                    console.println(message);
                }
                console.flush();
                System.setErr(new PrintStream(OutputStream.nullOutputStream()));
                // Spark's shutdown hook stops the context; should that ever hang, the exit still comes
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(HOOKS_MS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(code);
                }, "arcoforge-exit-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
                System.exit(code);
            });
            PREVIOUS.putIfAbsent(name, previous);
        } catch (IllegalArgumentException e) {
            // the signal is ignored for this process (nohup, a background job) or reserved: leave it
        }
    }

    /** Spark logs through log4j 2 to the console: turn every logger off. */
    private static void quietLogs() {
        try {
            org.apache.logging.log4j.core.config.Configurator.setAllLevels(
                    org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, org.apache.logging.log4j.Level.OFF);
        } catch (LinkageError e) {
            // no log4j core on this classpath: nothing of Spark's to silence
        }
    }
}
