package org.arcoforge.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeYaml;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.stage.JobSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code arcoforge} command line. */
@Command(name = "arcoforge", mixinStandardHelpOptions = true, versionProvider = ArcoForge.VersionProvider.class,
        description = "Turns archives of NetCDF files into analysis-ready, cloud-optimized Zarr stores on Spark.",
        subcommands = {ArcoForge.Run.class, ArcoForge.Validate.class, ArcoForge.Sample.class})
public final class ArcoForge {

    public static void main(String[] args) {
        int code = execute(args);
        // A YARN cluster-mode driver must return from main: the ApplicationMaster reports success
        // only then (System.exit(0) there ends the application as FAILED).
        if (code != 0 || !"cluster".equals(System.getProperty("spark.submit.deployMode"))) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns the exit code (0 only on success). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, printing results to {@code out} and progress and errors to {@code err}. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new ArcoForge());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean debug = parsed.originalArgs().contains("--debug");
            if (debug) {
                ex.printStackTrace();
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

    static Recipe load(Path recipe, Integer prune) {
        Recipe r = RecipeYaml.load(recipe);
        return prune == null ? r : r.pruned(prune);
    }

    /** A path without a scheme becomes an absolute local path, so executors agree on it. */
    static String normalizeTarget(String target) {
        if (target.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !target.matches("^[A-Za-z]:\\\\.*")) {
            return URI.create(target).toString();
        }
        return Path.of(target).toAbsolutePath().normalize().toString();
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a recipe and write its Zarr store.")
    static final class Run implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RECIPE", description = "recipe YAML file")
        Path recipe;

        @Option(names = "--target", required = true, paramLabel = "URI",
                description = "where to write the Zarr store: a path, file://, hdfs://, s3a:// or gs:// URI")
        String target;

        @Option(names = "--master", paramLabel = "M", description = "Spark master (default local[*], or spark-submit's)")
        String master;

        @Option(names = "--prune", paramLabel = "N", description = "test run over the first N keys of the concat dimension")
        Integer prune;

        @Option(names = "--overwrite", description = "replace a target made by another recipe")
        boolean overwrite;

        @Option(names = "--hadoop", paramLabel = "KEY=VALUE", description = "Hadoop setting for sources and target")
        Map<String, String> hadoop = new LinkedHashMap<>();

        @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting")
        Map<String, String> spark = new LinkedHashMap<>();

        @Option(names = "--debug", description = "print stack traces")
        boolean debug;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Recipe r = load(recipe, prune);
            String uri = normalizeTarget(target);
            JobSpec job = new JobSpec(r, uri, hadoop, overwrite);
            java.io.PrintWriter err = spec.commandLine().getErr();
            SparkConf conf = SparkPipeline.conf("arcoforge " + r.name(), master);
            spark.forEach(conf::set);
            err.printf(Locale.ROOT, "recipe %s: %d inputs -> %s%n", r.name(), r.filePattern().inputs().size(), uri);
            SparkPipeline.RunSummary s;
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                s = SparkPipeline.run(sc, job, err);
            }
            err.printf(Locale.ROOT, "done: %d inputs (%.1f MB), %d chunks in %d tasks, %.1f MB decoded, %.1f MB written, "
                            + "%.1f s (%.1f MB/s of source data)%n",
                    s.inputs, s.sourceBytes / 1e6, s.chunks, s.tasks, s.bytesDecoded / 1e6, s.bytesWritten / 1e6,
                    s.totalSeconds(), s.sourceBytes / 1e6 / Math.max(s.totalSeconds(), 1e-3));
            s.seconds.forEach((k, v) -> err.printf(Locale.ROOT, "  %-22s %7.1f s%n", k, v));
            spec.commandLine().getOut().println("Zarr store: " + uri);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Parse and check a recipe and list the inputs it resolves to.")
    static final class Validate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RECIPE")
        Path recipe;

        @Option(names = "--prune", paramLabel = "N")
        Integer prune;

        @Option(names = "--all", description = "list every input (default: the first and last 10)")
        boolean all;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Recipe r = load(recipe, prune);
            java.io.PrintWriter out = spec.commandLine().getOut();
            List<InputFile> inputs = r.filePattern().inputs();
            int missing = 0;
            for (int i = 0; i < inputs.size(); i++) {
                InputFile f = inputs.get(i);
                boolean local = !f.url().matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") || f.url().startsWith("file:");
                boolean absent = local && !Files.exists(Path.of(f.url().startsWith("file:") ? URI.create(f.url()).getPath() : f.url()));
                if (absent) {
                    missing++;
                }
                if (all || i < 10 || i >= inputs.size() - 10 || absent) {
                    out.printf(Locale.ROOT, "%6d  %s  %s%s%n", i, f.keys(), f.url(), absent ? "  (missing)" : "");
                } else if (i == 10) {
                    out.println("   ...");
                }
            }
            out.printf(Locale.ROOT, "recipe %s is valid: %d inputs, target chunks %s, compressor %s%n",
                    r.name(), inputs.size(), r.targetChunks(), r.compressor());
            out.flush();
            if (missing > 0) {
                spec.commandLine().getErr().println("error: " + missing + " local input(s) do not exist (marked above)");
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Generate a sample archive (needs ncgen from Debian's netcdf-bin).")
    static final class Sample implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KIND", description = "oisst | netcdf3 | merge")
        String kind;

        @Parameters(index = "1", paramLabel = "DIR")
        Path dir;

        @Option(names = "--start", description = "first day (oisst, merge)", defaultValue = "1981-09-01")
        LocalDate start;

        @Option(names = "--days", description = "number of daily files (oisst, merge)", defaultValue = "30")
        int days;

        @Option(names = "--nlat", defaultValue = "180")
        int nlat;

        @Option(names = "--nlon", defaultValue = "360")
        int nlon;

        @Option(names = "--start-year", defaultValue = "1990")
        int startYear;

        @Option(names = "--months", description = "number of monthly files (netcdf3)", defaultValue = "14")
        int months;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(dir);
            List<Path> files = switch (kind) {
                case "oisst" -> SampleArchives.oisstDaily(dir, start, days, nlat, nlon);
                case "netcdf3" -> SampleArchives.netcdf3Monthly(dir, startYear, months);
                case "merge" -> SampleArchives.mergeCase(dir, start, days, nlat, nlon);
                default -> throw new CommandLine.ParameterException(new CommandLine(this),
                        "unknown sample kind '" + kind + "': use oisst, netcdf3 or merge");
            };
            System.out.println("wrote " + files.size() + " files to " + dir.toAbsolutePath());
            return 0;
        }
    }
}
