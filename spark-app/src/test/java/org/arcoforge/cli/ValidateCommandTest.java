package org.arcoforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void localInputsThatDoNotExistAreMarkedAndOthersAreNotChecked() throws Exception {
        Path here = Files.writeString(tmp.resolve("a.nc"), "x");
        Path recipe = Files.writeString(tmp.resolve("r.yaml"), """
                name: validate-test
                file_pattern:
                  files:
                    - "%s"
                    - "%s"
                    - "%s"
                    - "s3a://bucket/d.nc"
                    - "https://example.invalid/e.nc"
                  concat_dim: {name: time, items_per_file: 1}
                """.formatted(here, tmp.resolve("b.nc"), tmp.resolve("c.nc").toUri()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArcoForge.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                "validate", recipe.toString());
        assertThat(code).isEqualTo(1);
        assertThat(out.toString().lines().filter(l -> l.endsWith("(missing)")))
                .hasSize(2).anyMatch(l -> l.contains("b.nc")).anyMatch(l -> l.contains("c.nc"));
        assertThat(out.toString()).contains("5 inputs");
        assertThat(err.toString()).isEqualTo("error: 2 local input(s) do not exist (marked above)\n");
    }
}
