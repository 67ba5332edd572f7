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
        CLASSIC("classic"), OFFSET_64BIT("64-bit offset"), NETCDF4("nc4");

        private final String flag;

        Kind(String flag) { this.flag = flag; }

        public String flag() { return flag; }
    }

    private Ncgen() {}

    /** The ncgen to run: system property {@code arcoforge.ncgen}, else {@code ncgen} on the PATH. */
    public static String executable() {
        return System.getProperty("arcoforge.ncgen", "ncgen");
    }

    /** Writes {@code out} from {@code cdl}; fails with the command line and ncgen's output. */
    public static Path run(CharSequence cdl, Kind kind, Path out) {
        Path cdlFile = null;
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            cdlFile = Files.createTempFile(out.toAbsolutePath().getParent(), ".ncgen-", ".cdl");
            Files.writeString(cdlFile, cdl, StandardCharsets.UTF_8);
            List<String> cmd = List.of(executable(), "-k", kind.flag(), "-o", out.toString(), cdlFile.toString());
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run " + String.join(" ", cmd) + " (" + e.getMessage()
                        + "): ncgen is needed to make sample NetCDF files; install Debian's netcdf-bin", e);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("ncgen timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("ncgen failed (exit " + p.exitValue() + "): " + String.join(" ", cmd)
                        + "\n" + output);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running ncgen for " + out, e);
        } finally {
            if (cdlFile != null) {
                try {
                    Files.deleteIfExists(cdlFile);
                } catch (IOException ignored) {
                    // a left-over temporary CDL file is harmless
                }
            }
        }
    }
}
