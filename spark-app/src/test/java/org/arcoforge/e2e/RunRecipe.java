package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
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
        return cli(System.getenv(), args);
    }

    /** With {@code env} as the environment that recipe credentials are read from. */
    static RunRecipe cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ArcoForge.execute(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new RunRecipe(code, out.toString(), err.toString());
    }

    static RunRecipe run(Path recipe, Path target, String... extra) {
        return run(System.getenv(), recipe, target.toString(), List.of(extra));
    }

    /** {@code arcoforge run RECIPE --target TARGET EXTRA...}, on local[2] unless {@code extra} names a --master. */
    static RunRecipe run(Map<String, String> env, Path recipe, String target, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("run", recipe.toString(), "--target", target,
                "--conf", "spark.ui.enabled=false"));
        if (!extra.contains("--master")) {
            args.addAll(List.of("--master", "local[2]"));
        }
        args.addAll(extra);
        return cli(env, args.toArray(String[]::new));
    }

    /**
     * A recipe for {@code days} OISST-like daily files (SampleArchives.oisstDaily) from 1981-09-01,
     * {@code template} naming them; {@code extra} YAML is appended.
     */
    static String oisstRecipe(String template, int days, String targetChunks, String extra) {
        LocalDate start = LocalDate.of(1981, 9, 1);
        return """
                name: oisst-test
                file_pattern:
                  template: "%s"
                  concat_dim:
                    name: time
                    keys: {dates: {start: %s, end: %s, step: P1D}}
                    items_per_file: 1
                file_type: netcdf4
                target_chunks: %s
                """.formatted(template, start, start.plusDays(days - 1), targetChunks) + extra;
    }

    /** Inputs as XarrayCheck takes them: one row per concat position, one file per row. */
    static List<List<Path>> rows(List<Path> files) {
        return files.stream().map(List::of).toList();
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

    /**
     * The arcoforge command line as a separate JVM (for kills, signals and planted environment):
     * the pom's Spark module flags, a 1 GB heap, then {@code jvmOptions}, then {@code args}.
     */
    static ProcessBuilder process(List<String> jvmOptions, String... args) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<spark.jvm.flags>(.*)</spark.jvm.flags>")
                .matcher(Files.readString(Path.of("..", "pom.xml")));
        assertThat(m.find()).isTrue();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(m.group(1).split("\\s+")));
        cmd.add("-Xmx1g");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(ArcoForge.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }
}
