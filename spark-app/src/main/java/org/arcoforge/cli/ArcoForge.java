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
import org.arcoforge.io.ByteSources;
import org.arcoforge.io.InputException;
import org.arcoforge.io.SourceAccess;
import org.arcoforge.io.SourceNotFoundException;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.PlanDescription;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.recipe.ByteSize;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeYaml;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReadMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code arcoforge} command line. */
@Command(name = "arcoforge", mixinStandardHelpOptions = true, versionProvider = ArcoForge.VersionProvider.class,
        description = "Turns archives of NetCDF files into analysis-ready, cloud-optimized Zarr stores on Spark.",
        subcommands = {ArcoForge.Run.class, ArcoForge.Plan.class, ArcoForge.Validate.class, ArcoForge.Check.class,
                ArcoForge.Sample.class})
public final class ArcoForge {
    private Map<String, String> env = System.getenv();

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

    /** The recipe with --max-task-memory, when given, in place of its max_task_memory. */
    static Recipe withMemory(Recipe r, String maxTaskMemory) {
        if (maxTaskMemory == null) {
            return r;
        }
        try {
            return r.toBuilder().maxTaskMemory(ByteSize.parse(maxTaskMemory)).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(new ArcoForge()), "--max-task-memory: " + e.getMessage());
        }
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

        @Option(names = "--max-task-memory", paramLabel = "SIZE",
                description = "memory budget of one store task, e.g. 512MB (default: the recipe's max_task_memory, else 1GiB)")
        String maxTaskMemory;

        @Option(names = "--overwrite", description = "replace a target made by another recipe")
        boolean overwrite;

        @Option(names = "--hadoop", paramLabel = "KEY=VALUE", description = "Hadoop setting for sources and target")
        Map<String, String> hadoop = new LinkedHashMap<>();

        @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark setting")
        Map<String, String> spark = new LinkedHashMap<>();

        @CommandLine.ParentCommand
        ArcoForge parent;

        @Option(names = "--cache", paramLabel = "URI",
                description = "cache remote inputs here (a path or Hadoop URI), overriding the recipe's cache")
        String cache;

        @Option(names = "--debug", description = "print stack traces")
        boolean debug;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Recipe r = withMemory(load(recipe, prune), maxTaskMemory);
            String uri = normalizeTarget(target);
            java.io.PrintWriter err = spec.commandLine().getErr();
            SparkConf conf = SparkPipeline.conf("arcoforge " + r.name(), master);
            spark.forEach(conf::set);
            JobSpec job = new JobSpec(r, uri, hadoopSettings(conf, hadoop), overwrite,
                    SourceAccess.resolve(r.sourceOptions(), parent.env),
                    cache != null ? normalizeTarget(cache) : JobSpec.defaultCacheRoot(r, uri));
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
            if (s.cached > 0) {
                err.printf(Locale.ROOT, "cache: %d remote inputs in %s (%d reused), %.1f MB downloaded in %d requests%n",
                        s.cached, org.arcoforge.io.ByteSources.safeLocation(job.cacheRoot()), s.reused,
                        s.downloadedBytes / 1e6, s.requests);
            }
            s.seconds.forEach((k, v) -> err.printf(Locale.ROOT, "  %-22s %7.1f s%n", k, v));
            spec.commandLine().getOut().println("Zarr store: " + uri);
            spec.commandLine().getOut().flush();
            return 0;
        }
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

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Print, without writing anything, how a recipe would run: stages, tasks, bytes and "
                    + "estimated peak memory per task, and whether each variable is written directly or through "
                    + "the shuffle. Reads every input's metadata: on this JVM for up to --driver-limit inputs, "
                    + "otherwise with the prepare stage on Spark (local[*] unless --master).")
    static final class Plan implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RECIPE", description = "recipe YAML file")
        Path recipe;

        @Option(names = "--prune", paramLabel = "N")
        Integer prune;

        @Option(names = "--max-task-memory", paramLabel = "SIZE", description = "as for run")
        String maxTaskMemory;

        @Option(names = "--driver-limit", paramLabel = "N", defaultValue = "64",
                description = "read metadata on this JVM when there are at most N inputs (default 64)")
        int driverLimit;

        @Option(names = "--master", paramLabel = "M")
        String master;

        @Option(names = "--hadoop", paramLabel = "KEY=VALUE")
        Map<String, String> hadoop = new LinkedHashMap<>();

        @Option(names = "--debug", description = "print stack traces")
        boolean debug;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Recipe r = withMemory(load(recipe, prune), maxTaskMemory);
            JobSpec job = new JobSpec(r, "unused:/", hadoop, false);
            List<InputFile> inputs = r.filePattern().inputs();
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.io.PrintWriter err = spec.commandLine().getErr();
            List<InputMetadata> metadata = new java.util.ArrayList<>();
            String how;
            long t0 = System.nanoTime();
            if (inputs.size() <= driverLimit) {
                for (InputFile f : inputs) {
                    metadata.add(ReadMetadata.read(f, job).metadata());
                }
                how = "on the driver";
            } else {
                SparkConf conf = SparkPipeline.conf("arcoforge plan " + r.name(), master);
                try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                    sc.setLogLevel("WARN");
                    metadata = SparkPipeline.readMetadata(sc, job, err, new SparkPipeline.RunSummary());
                }
                how = "with Spark";
            }
            double readSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            StorePlan plan = Planner.plan(metadata, job.planOptions());
            double planSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "recipe %s: metadata of %d inputs read %s in %.1f s, planned in %.2f s%n",
                    r.name(), inputs.size(), how, readSeconds, planSeconds);
            out.print(PlanDescription.describe(plan, inputs.size()));
            out.flush();
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

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Preflight: check that every input exists (HEAD, FTP SIZE, file status) and report sizes"
                    + " and missing files, before any job runs.")
    static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RECIPE")
        Path recipe;

        @Option(names = "--prune", paramLabel = "N")
        Integer prune;

        @Option(names = "--all", description = "list every input (default: problems, and the first and last 10)")
        boolean all;

        @Option(names = "--hadoop", paramLabel = "KEY=VALUE", description = "Hadoop setting for sources")
        Map<String, String> hadoop = new LinkedHashMap<>();

        @CommandLine.ParentCommand
        ArcoForge parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        private record Row(InputFile input, ByteSources.Stat stat, String problem, boolean missing) {
        }

        @Override
        public Integer call() throws Exception {
            Recipe r = load(recipe, prune);
            SourceAccess access = SourceAccess.resolve(r.sourceOptions(), parent.env);
            List<InputFile> inputs = r.filePattern().inputs();
            java.io.PrintWriter out = spec.commandLine().getOut();
            // The per-host limit inside the sources keeps this polite; the pool only bounds threads.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                    Math.max(1, Math.min(16, inputs.size())), t -> {
                        Thread th = new Thread(t, "arcoforge-check");
                        th.setDaemon(true);
                        return th;
                    });
            List<java.util.concurrent.Future<Row>> futures = new java.util.ArrayList<>();
            try {
                for (InputFile f : inputs) {
                    futures.add(pool.submit(() -> {
                        try {
                            return new Row(f, ByteSources.stat(f.url(), hadoop, access), null, false);
                        } catch (SourceNotFoundException e) {
                            return new Row(f, null, "MISSING", true);
                        } catch (InputException e) {
                            String m = e.getMessage();
                            return new Row(f, null, "ERROR " + access.scrub(m.startsWith(e.location() + ": ")
                                    ? m.substring(e.location().length() + 2) : m), false);
                        }
                    }));
                }
                long found = 0;
                long bytes = 0;
                int missing = 0;
                int errors = 0;
                for (int i = 0; i < futures.size(); i++) {
                    Row row = futures.get(i).get();
                    String where = ByteSources.safeLocationKeepingQuery(row.input().url());
                    if (row.stat() != null) {
                        found++;
                        bytes += row.stat().size();
                        if (all || i < 10 || i >= inputs.size() - 10) {
                            out.printf(Locale.ROOT, "%6d  %12d  %s%s%n", i, row.stat().size(), where,
                                    row.stat().lastModified() == null ? "" : "  (" + row.stat().lastModified() + ")");
                        } else if (i == 10) {
                            out.println("   ...");
                        }
                    } else {
                        if (row.missing()) {
                            missing++;
                        } else {
                            errors++;
                        }
                        out.printf(Locale.ROOT, "%6d  %12s  %s  %s%n", i, "-", where, row.problem());
                    }
                }
                out.printf(Locale.ROOT, "recipe %s: %d inputs, %d found (%.1f MB), %d missing, %d unreachable%n",
                        r.name(), inputs.size(), found, bytes / 1e6, missing, errors);
                out.flush();
                if (missing + errors > 0) {
                    spec.commandLine().getErr().println("error: " + (missing + errors) + " of " + inputs.size()
                            + " input(s) missing or unreachable (marked above)");
                    return 1;
                }
                return 0;
            } finally {
                pool.shutdownNow();
            }
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
