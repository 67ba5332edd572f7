package org.arcoforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command takes --debug: a failure's stack trace then goes to the error writer, before the error line. */
class DebugOptionTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArcoForge.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** One failing command line per command (none gets as far as Spark). */
    private List<List<String>> failing() throws Exception {
        String missing = tmp.resolve("missing.yaml").toString();
        Path notADir = Files.writeString(tmp.resolve("a-file"), "x");
        return List.of(List.of("validate", missing), List.of("check", missing), List.of("plan", missing),
                List.of("run", missing, "--target", tmp.resolve("t.zarr").toString()),
                List.of("sample", "oisst", notADir.toString(), "--days", "1"));
    }

    @Test
    void withoutDebugAFailureIsOneErrorLine() throws Exception {
        for (List<String> args : failing()) {
            Run r = cli(args);
            assertThat(r.code()).as("%s", args).isEqualTo(1);
            assertThat(r.err()).as("%s", args).startsWith("error: ").endsWith("\n")
                    .hasLineCount(1).doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void debugPutsTheStackTraceOnTheErrorWriter() throws Exception {
        for (List<String> args : failing()) {
            Run plain = cli(args);
            List<String> withDebug = new ArrayList<>(args);
            withDebug.add("--debug");
            Run r = cli(withDebug);
            assertThat(r.code()).as("%s", withDebug).isEqualTo(1);
            assertThat(r.err()).as("%s", withDebug).contains("\tat org.arcoforge.cli.")
                    .endsWith(plain.err());
        }
    }
}
