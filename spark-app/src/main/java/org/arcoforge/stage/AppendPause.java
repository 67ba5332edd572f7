package org.arcoforge.stage;

/**
 * A test hook: with {@code -Darcoforge.append.pause=STEP} an append stops at that step (prints
 * "append paused at STEP" and sleeps) so that a test can kill it there with {@code kill -9}.
 * Steps: {@code chunks} (new and boundary chunks written), {@code metadata} (array metadata,
 * input record and root attributes rewritten), {@code coordinate} (the concat coordinate
 * rewritten, the consolidated metadata not yet).
 */
public final class AppendPause {
    public static final String PROPERTY = "arcoforge.append.pause";

    private AppendPause() {
    }

    public static void at(String step) {
        if (step.equals(System.getProperty(PROPERTY))) {
            System.err.println("append paused at " + step);
            System.err.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
