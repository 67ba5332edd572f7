package org.arcoforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands print to the writers execute() was given, usage errors with their own command's usage. */
class CommandWritersTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArcoForge.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sampleReportsOnItsOutWriter() {
        Run r = cli("sample", "netcdf3", tmp.resolve("nc3").toString(), "--months", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("wrote 1 files to " + tmp.resolve("nc3").toAbsolutePath() + "\n");
    }

    @Test
    void anUnknownSampleKindShowsTheSampleUsage() {
        Run r = cli("sample", "nope", tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown sample kind 'nope'").contains("Usage: arcoforge sample");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadMaxTaskMemoryShowsTheCommandsUsage() throws Exception {
        Path recipe = Files.writeString(tmp.resolve("r.yaml"), """
                name: writers-test
                file_pattern:
                  files: ["%s"]
                  concat_dim: {name: time, items_per_file: 1}
                """.formatted(tmp.resolve("a.nc")));
        Run r = cli("plan", recipe.toString(), "--max-task-memory", "lots");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--max-task-memory: ").contains("Usage: arcoforge plan");
        assertThat(r.out()).isEmpty();
    }
}
