package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.arcoforge.stage.PrepareTarget;

/** What the deployment tests share: the built jar, the Spark runtime from Maven, processes, the xarray check. */
final class Deploy {
    static final Path ROOT = Path.of(System.getProperty("arcoforge.root", "..")).toAbsolutePath().normalize();
    static final String PYTHON = "/usr/bin/python3";

    private Deploy() {
    }

    static Path appJar() {
        Path jar = Path.of(System.getProperty("arcoforge.app.jar", "")).toAbsolutePath();
        assertThat(jar).as("the application jar (mvn verify builds it in spark-app's package phase)").isRegularFile();
        return jar;
    }

    /** The Spark runtime's jars as Maven resolved them (spark-core and spark-yarn with their dependencies). */
    static List<String> sparkRuntime() throws IOException {
        String cp = Files.readString(Path.of(System.getProperty("arcoforge.spark.runtime"))).strip();
        return Arrays.asList(cp.split(java.io.File.pathSeparator));
    }

    static String sparkJvmFlags() {
        return System.getProperty("arcoforge.spark.jvm.flags", "");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A SPARK_HOME made of Maven artifacts: bin/spark-submit runs SparkSubmit on the resolved runtime
     * (with Spark's Java 17 flags, as the real launcher adds them) and conf/spark-defaults.conf holds
     * the given settings.
     */
    static Path sparkHome(Path dir, Map<String, String> defaults) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Path submit = bin.resolve("spark-submit");
        // as Spark's launcher: the conf directories first on the classpath, then the jars
        Files.writeString(submit, "#!/usr/bin/env bash\n"
                + "home=\"$(cd \"$(dirname \"$0\")/..\" && pwd)\"\n"
                + "cp=\"${SPARK_CONF_DIR:-$home/conf}${HADOOP_CONF_DIR:+:$HADOOP_CONF_DIR}${YARN_CONF_DIR:+:$YARN_CONF_DIR}\"\n"
                + "exec " + java() + " " + sparkJvmFlags() + " -Xmx1g -cp \"$cp:"
                + String.join(java.io.File.pathSeparator, sparkRuntime())
                + "\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        StringBuilder sb = new StringBuilder();
        defaults.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        Files.writeString(conf.resolve("spark-defaults.conf"), sb.toString());
        return dir;
    }

    record Result(int exitCode, String output) {
    }

    /** Runs a command with extra environment, output (stdout and stderr) kept. */
    static Result exec(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(ROOT.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(5000);
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n"
                    + (out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8)));
        }
        reader.join();
        return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
    }

    static Result script(String name, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("submit-scripts").resolve(name).toString());
        cmd.addAll(List.of(args));
        return exec(cmd, env, 240);
    }

    /**
     * spark-app's independent check: the store is identical, as xarray reads it, to open_mfdataset
     * over the files.
     */
    static void assertIdenticalToSources(Path store, List<Path> files, Map<String, List<Integer>> chunks, Path work)
            throws Exception {
        assertThat(Path.of(PYTHON)).as("%s with Debian's xarray and zarr (bin/setup --tests)", PYTHON).exists();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("store", store.toString());
        spec.put("files", files.stream().map(f -> List.of(f.toString())).toList());
        spec.put("concat_dim", "time");
        spec.put("chunks", chunks);
        spec.put("reencoded", List.of());
        spec.put("ignore_global_attrs", List.of(PrepareTarget.ATTR_VERSION, PrepareTarget.ATTR_RECIPE_HASH,
                PrepareTarget.ATTR_INPUTS));
        Path specFile = Files.createTempFile(work, "xarray-check", ".json");
        new ObjectMapper().writeValue(specFile.toFile(), spec);
        Result r = exec(List.of(PYTHON, ROOT.resolve("spark-app/src/test/python/compare_with_xarray.py").toString(),
                specFile.toString()), Map.of(), 300);
        assertThat(r.exitCode()).as("xarray check:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("identical");
    }

    static String oisstRecipe(String template, int days) {
        return """
                name: deploy-oisst
                file_pattern:
                  template: "%s"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-%02d, step: P1D}}
                    items_per_file: 1
                file_type: netcdf4
                target_chunks: {time: 2}
                """.formatted(template, days);
    }
}
