package org.arcoforge.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.InputException;
import org.arcoforge.source.SourceAccess;
import org.arcoforge.source.SourceNotFoundException;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code arcoforge check: preflight of every input (exists, size) before any job}. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Preflight: check that every input exists (HEAD, FTP SIZE, file status) and report sizes"
                + " and missing files, before any job runs.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SharedOptions.RecipeFile recipe;

    @CommandLine.Mixin
    SharedOptions.ListAll all;

    @CommandLine.Mixin
    SharedOptions.Hadoop hadoop;

    @CommandLine.Mixin
    SharedOptions.Debug debug;

    @CommandLine.ParentCommand
    ArcoForge parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Row(InputFile input, ByteSources.Stat stat, String problem, boolean missing) {
    }

    @Override
    public Integer call() throws Exception {
        Recipe r = recipe.load();
        SourceAccess access = SourceAccess.resolve(r.sourceOptions(), parent.env);
        Map<String, String> hadoopConf = hadoop.settings(new SparkConf());
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
                        return new Row(f, ByteSources.stat(f.url(), hadoopConf, access), null, false);
                    } catch (SourceNotFoundException e) {
                        return new Row(f, null, "MISSING", true);
                    } catch (InputException e) {
                        return new Row(f, null, "ERROR " + access.scrub(e.reason()), false);
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
                    if (all.all || i < 10 || i >= inputs.size() - 10) {
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
