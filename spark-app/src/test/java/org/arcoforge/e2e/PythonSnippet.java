package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.arcoforge.testinfra.Processes;

/** Runs a short check with Debian's /usr/bin/python3, STORE and FILES bound to the given paths. */
final class PythonSnippet {
    private PythonSnippet() {
    }

    static String run(String code, Path store, List<Path> files) throws Exception {
        String prelude = "STORE = " + quote(store.toString()) + "\nFILES = ["
                + String.join(", ", files.stream().map(f -> quote(f.toString())).toList()) + "]\n";
        Processes.Result r = Processes.run(new ProcessBuilder(XarrayCheck.PYTHON, "-c", prelude + code),
                Duration.ofMinutes(5));
        assertThat(r.exitCode()).as("python check output:%n%s", r.output()).isZero();
        return r.output();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
