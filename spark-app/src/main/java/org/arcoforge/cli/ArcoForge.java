package org.arcoforge.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.arcoforge.recipe.ByteSize;
import org.arcoforge.recipe.Recipe;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code arcoforge} command line. */
@Command(name = "arcoforge", mixinStandardHelpOptions = true, versionProvider = ArcoForge.VersionProvider.class,
        description = "Turns archives of NetCDF files into analysis-ready, cloud-optimized Zarr stores on Spark.",
        subcommands = {RunCommand.class, AppendCommand.class, PlanCommand.class, ValidateCommand.class, CheckCommand.class,
                SampleCommand.class})
public final class ArcoForge {
    // the variables recipe credentials name (execute's env)
    Map<String, String> env;

    public static void main(String[] args) {
        org.arcoforge.spark.Timeline.mark("main");
        int code = execute(args);
        // A YARN cluster-mode driver must return from main: the ApplicationMaster reports success
        // only then (System.exit(0) there ends the application as FAILED).
        if (code != 0 || !"cluster".equals(System.getProperty("spark.submit.deployMode"))) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns the exit code (0 only on success). */
    public static int execute(String... args) {
        java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
        org.arcoforge.spark.Terminal.register(err, System.getenv()); // live progress bars on a terminal
        return execute(new java.io.PrintWriter(System.out, true), err, args);
    }

    /** As {@link #execute(String...)}, printing results to {@code out} and progress and errors to {@code err}. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return execute(System.getenv(), out, err, args);
    }

    /**
     * As {@link #execute(java.io.PrintWriter, java.io.PrintWriter, String...)}, reading the variables
     * that a recipe's credentials name from {@code env} instead of this process's environment.
     */
    public static int execute(Map<String, String> env, java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        ArcoForge app = new ArcoForge();
        app.env = Map.copyOf(env);
        CommandLine cl = new CommandLine(app);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (Interrupts.interrupted()) {
                return Interrupts.exitCode();
            }
            if (SharedOptions.Debug.given(cmd.getCommandSpec())) {
                ex.printStackTrace(cmd.getErr());
            }
            cmd.getErr().println("error: " + Errors.describe(ex));
            return 1;
        });
        return cl.execute(args);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"arcoforge " + org.arcoforge.stage.Version.get()};
        }
    }

    /** The recipe with --max-task-memory, when given, in place of its max_task_memory; {@code spec}: the command's. */
    static Recipe withMemory(Recipe r, String maxTaskMemory, CommandLine.Model.CommandSpec spec) {
        if (maxTaskMemory == null) {
            return r;
        }
        try {
            return r.toBuilder().maxTaskMemory(ByteSize.parse(maxTaskMemory)).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-task-memory: " + e.getMessage());
        }
    }

    /** A path without a scheme becomes an absolute local path, so executors agree on it. */
    static String normalizeTarget(String target) {
        if (target.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !target.matches("^[A-Za-z]:\\\\.*")) {
            return URI.create(target).toString();
        }
        return Path.of(target).toAbsolutePath().normalize().toString();
    }

    /** spark.hadoop.* settings (spark-submit, --conf) with --hadoop ones taking precedence. */
    static Map<String, String> hadoopSettings(SparkConf conf, Map<String, String> hadoop) {
        Map<String, String> all = new LinkedHashMap<>();
        for (scala.Tuple2<String, String> kv : conf.getAllWithPrefix("spark.hadoop.")) {
            all.put(kv._1(), kv._2());
        }
        all.putAll(hadoop);
        return all;
    }

}
