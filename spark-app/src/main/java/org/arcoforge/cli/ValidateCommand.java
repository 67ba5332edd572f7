package org.arcoforge.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.arcoforge.source.ByteSources;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code arcoforge validate: parse and check a recipe, list its inputs}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Parse and check a recipe and list the inputs it resolves to.")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Mixin
    SharedOptions.RecipeFile recipe;

    @CommandLine.Mixin
    SharedOptions.ListAll all;

    @CommandLine.Mixin
    SharedOptions.Debug debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Recipe r = recipe.load();
        java.io.PrintWriter out = spec.commandLine().getOut();
        List<InputFile> inputs = r.filePattern().inputs();
        int missing = 0;
        for (int i = 0; i < inputs.size(); i++) {
            InputFile f = inputs.get(i);
            URI uri = URI.create(ByteSources.uriOf(f.url()));
            boolean absent = "file".equals(uri.getScheme()) && !Files.exists(Path.of(uri.getPath()));
            if (absent) {
                missing++;
            }
            if (all.all || i < 10 || i >= inputs.size() - 10 || absent) {
                out.printf(Locale.ROOT, "%6d  %s  %s%s%n", i, f.keys(), f.url(), absent ? "  (missing)" : "");
            } else if (i == 10) {
                out.println("   ...");
            }
        }
        out.printf(Locale.ROOT, "recipe %s is valid: %d inputs, target chunks %s, compressor %s%n",
                r.name(), inputs.size(), r.targetChunks(), r.compressor().label());
        out.flush();
        if (missing > 0) {
            spec.commandLine().getErr().println("error: " + missing + " local input(s) do not exist (marked above)");
            return 1;
        }
        return 0;
    }
}
