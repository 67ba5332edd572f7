package org.arcoforge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.arcoforge.sample.SampleArchives;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code arcoforge sample: generate a sample archive}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate a sample archive (needs ncgen from Debian's netcdf-bin).")
final class SampleCommand implements Callable<Integer> {
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

    @CommandLine.Mixin
    SharedOptions.Debug debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dir);
        List<Path> files = switch (kind) {
            case "oisst" -> SampleArchives.oisstDaily(dir, start, days, nlat, nlon);
            case "netcdf3" -> SampleArchives.netcdf3Monthly(dir, startYear, months);
            case "merge" -> SampleArchives.mergeCase(dir, start, days, nlat, nlon);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown sample kind '" + kind + "': use oisst, netcdf3 or merge");
        };
        spec.commandLine().getOut().println("wrote " + files.size() + " files to " + dir.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
