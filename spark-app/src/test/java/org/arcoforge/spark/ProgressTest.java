package org.arcoforge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain progress lines for logs, one live bar per stage on a terminal, and which is which. */
class ProgressTest {
    @Test
    void notATerminalUnlessEverythingSaysSo() {
        assertThat(Terminal.isTerminal(Map.of("ARCOFORGE_PROGRESS", "bars"))).isTrue();
        assertThat(Terminal.isTerminal(Map.of("ARCOFORGE_PROGRESS", "lines", "TERM", "xterm"))).isFalse();
        assertThat(Terminal.isTerminal(Map.of("TERM", "dumb"))).isFalse();
        assertThat(Terminal.isTerminal(Map.of("TERM", "xterm", "CI", "true"))).isFalse();
        assertThat(Terminal.isTerminal(Map.of())).isFalse();
        // surefire's JVM has no console: a log
        assertThat(Terminal.isTerminal(Map.of("TERM", "xterm"))).isFalse();
    }

    @Test
    void plainLinesPeriodicallyAndTheOutcome() throws Exception {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        AtomicLong done = new AtomicLong(3);
        AtomicLong bytes = new AtomicLong(2_500_000);
        String old = System.setProperty(Progress.PERIOD_PROPERTY, "0.05");
        try (Progress p = new Progress(out, "store chunks", "chunks", 10, done::get, bytes::get)) {
            Thread.sleep(300);
            done.set(10);
            bytes.set(9_000_000);
        } finally {
            restore(old);
        }
        String text = s.toString();
        assertThat(text).doesNotContain("\r").doesNotContain("\033").doesNotContain("ETA");
        assertThat(text.lines()).hasSizeGreaterThan(2)
                .allMatch(l -> l.matches("\\[store chunks\\] (3|10)/10 chunks, (2\\.5|9\\.0) MB decoded, [0-9.]+ MB/s, [0-9.]+ s"));
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).startsWith("[store chunks] 10/10 chunks, 9.0 MB decoded");
    }

    @Test
    void oneLiveBarPerStageOnATerminal() throws Exception {
        StringWriter s = new StringWriter();
        PrintWriter console = new PrintWriter(s);
        Terminal.register(console, Map.of("ARCOFORGE_PROGRESS", "bars"));
        PrintWriter guarded = Terminal.sameAs(new PrintWriter(console), console);
        AtomicLong done = new AtomicLong(5);
        try (Progress p = new Progress(guarded, "store chunks", "chunks", 20, done::get, () -> 40_000_000L)) {
            Thread.sleep(400);
            done.set(20);
        }
        try (Progress p = new Progress(guarded, "finalize", "variables", 2, () -> 2, null)) {
            Thread.sleep(10);
        }
        guarded.flush();
        String text = s.toString();
        // one line per stage, redrawn in place: no newline but at each stage's end
        assertThat(text.split("\n", -1)).hasSize(3);
        String first = text.split("\n")[0];
        assertThat(first).startsWith("\r[store chunks] |######..................| 5/20 chunks, 40.0 MB decoded, ")
                .contains(" s, ETA ").contains("\033[K\r");
        String outcome = first.substring(first.lastIndexOf('\r') + 1);
        assertThat(outcome).matches("\\[store chunks\\] \\|#{24}\\| 20/20 chunks, 40\\.0 MB decoded, [0-9.]+ MB/s, "
                + "[0-9.]+ s\033\\[K");
        assertThat(text.split("\n")[1]).contains("[finalize] |########################| 2/2 variables");
        assertThat(Terminal.isLive(new PrintWriter(new StringWriter()))).isFalse();
    }

    private static void restore(String old) {
        if (old == null) {
            System.clearProperty(Progress.PERIOD_PROPERTY);
        } else {
            System.setProperty(Progress.PERIOD_PROPERTY, old);
        }
    }
}
