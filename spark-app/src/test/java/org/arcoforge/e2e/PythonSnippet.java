package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short check with Debian's /usr/bin/python3, STORE and FILES bound to the given paths. */
final class PythonSnippet {
    private PythonSnippet() {
    }

    static String run(String code, Path store, List<Path> files) throws Exception {
        String prelude = "STORE = " + quote(store.toString()) + "\nFILES = ["
                + String.join(", ", files.stream().map(f -> quote(f.toString())).toList()) + "]\n";
        Process p = new ProcessBuilder(XarrayCheck.PYTHON, "-c", prelude + code).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("python check output:%n%s", out).isZero();
        return out;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
