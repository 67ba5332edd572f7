package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.arcoforge.cli.ArcoForge;

/** Runs the real command line (Spark local mode) in this JVM and keeps what it printed. */
record RunRecipe(int exitCode, String out, String err) {

    /**
     * The error a failed command ended with: its one "error: " message, to the end of what it
     * printed; before it, progress lines only (no stack trace).
     */
    String error() {
        int at = err.startsWith("error: ") ? 0 : err.indexOf("\nerror: ") + 1;
        assertThat(err.startsWith("error: ", at)).as("an error line in:%n%s", err).isTrue();
        assertThat(err.substring(0, at).lines()).as("progress before the error").allMatch(l -> l.startsWith("recipe ")
                || l.startsWith("["));
        String error = err.substring(at);
        assertThat(error.indexOf("\nerror: ")).as("a second error in:%n%s", error).isNegative();
        return error;
    }

    static RunRecipe cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArcoForge.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new RunRecipe(code, out.toString(), err.toString());
    }

    static RunRecipe run(Path recipe, Path target, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", recipe.toString(), "--target", target.toString(),
                "--master", "local[2]", "--conf", "spark.ui.enabled=false"));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    static Path writeRecipe(Path dir, String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    /** SHA-256 of every file in a store, by relative path: equal maps mean byte-identical stores. */
    static Map<String, String> digests(Path store) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    out.put(store.relativize(f).toString(), HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
