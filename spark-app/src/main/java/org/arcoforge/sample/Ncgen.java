package org.arcoforge.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs netCDF-C's {@code ncgen} to turn CDL text into a NetCDF file. */
public final class Ncgen {
    /** The {@code -k} format names ncgen accepts. */
    public enum Kind {
        CLASSIC("classic"), OFFSET_64BIT("64-bit offset"), CDF5("cdf5"), NETCDF4("nc4");

        private final String flag;

        Kind(String flag) { this.flag = flag; }

        public String flag() { return flag; }
    }

    private static final long TIMEOUT_MINUTES = 10;

    private Ncgen() {}

    /** The ncgen to run: system property {@code arcoforge.ncgen}, else {@code ncgen} on the PATH. */
    public static String executable() {
        return System.getProperty("arcoforge.ncgen", "ncgen");
    }

    /** Writes {@code out} from {@code cdl}; fails with the command line and ncgen's output. */
    public static Path run(CharSequence cdl, Kind kind, Path out) {
        Path dir = out.toAbsolutePath().getParent();
        Path cdlFile = null;
        Path log = null;
        try {
            Files.createDirectories(dir);
            cdlFile = Files.createTempFile(dir, ".ncgen-", ".cdl");
            log = Files.createTempFile(dir, ".ncgen-", ".log");
            Files.writeString(cdlFile, cdl, StandardCharsets.UTF_8);
            List<String> cmd = List.of(executable(), "-k", kind.flag(), "-o", out.toString(), cdlFile.toString());
            Process p;
            try {
                // output to a file, not a pipe: reading a pipe to its end would wait out a hung ncgen
                p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + String.join(" ", cmd) + " (" + e.getMessage()
                        + "): ncgen is needed to make sample NetCDF files; install Debian's netcdf-bin", e);
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("ncgen did not finish in " + TIMEOUT_MINUTES + " minutes: "
                        + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("ncgen failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ncgen for " + out, e);
        } finally {
            deleteQuietly(cdlFile);
            deleteQuietly(log);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a left-over temporary file is harmless
            }
        }
    }
}
