package org.arcoforge.spark;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Whether progress goes to a person at a terminal (live bars) or to a log (plain periodic lines).
 * The command line registers its console writer when standard error is a terminal; every other
 * writer (tests, notebooks, a redirected stderr, CI, TERM=dumb) gets plain lines.
 * ARCOFORGE_PROGRESS=bars or =lines decides instead.
 */
public final class Terminal {
    private static final Set<PrintWriter> LIVE = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private Terminal() {
    }

    /** Makes {@code console} live when {@code env} and this process's stderr say it is a terminal. */
    public static void register(PrintWriter console, Map<String, String> env) {
        if (isTerminal(env)) {
            LIVE.add(console);
        }
    }

    /** {@code wrapper}, which writes to {@code console}, is live when that is. */
    public static PrintWriter sameAs(PrintWriter wrapper, PrintWriter console) {
        if (LIVE.contains(console)) {
            LIVE.add(wrapper);
        }
        return wrapper;
    }

    static boolean isLive(PrintWriter out) {
        return out != null && LIVE.contains(out);
    }

    static boolean isTerminal(Map<String, String> env) {
        String choice = env.getOrDefault("ARCOFORGE_PROGRESS", "");
        if (choice.equals("bars") || choice.equals("lines")) {
            return choice.equals("bars");
        }
        String term = env.getOrDefault("TERM", "");
        if (!env.getOrDefault("CI", "").isEmpty() || term.isEmpty() || term.equals("dumb")
                || System.console() == null) {
            return false;
        }
        // System.console() looks at stdin and stdout; progress goes to stderr, which may be a log
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String to = Files.readSymbolicLink(fd).toString();
                return to.startsWith("/dev/pts/") || to.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return true;
    }
}
