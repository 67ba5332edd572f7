package org.arcoforge.sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A NetCDF-3 64-bit data (CDF-5) archive along time, written by ncgen and nccopy: the CDF-5-only types
 * (uint32 counts with a fill value, int64 totals beyond 2^32, uint64 ids beyond 2^63, uint8 flags,
 * a static uint16 field) next to classic ones, and attributes of those types.
 */
public final class Cdf5Archive {
    private Cdf5Archive() {}

    /** {@code files} files of {@code steps} days each, days since 2000-01-01 from day 0; ny x nx grid. */
    public static List<Path> write(Path dir, int files, int steps, int ny, int nx) {
        List<Path> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            Path file = dir.resolve(String.format("counts_%03d.nc", f));
            // ncgen 4.9.0 -k cdf5 writes int64 variables as int: write NetCDF-4, then nccopy -k cdf5
            Path nc4 = dir.resolve(String.format(".counts_%03d.nc4", f));
            Ncgen.run(cdl(f, steps, ny, nx), Ncgen.Kind.NETCDF4, nc4);
            nccopy(nc4, file);
            out.add(file);
        }
        return out;
    }

    private static void nccopy(Path from, Path to) {
        List<String> cmd = List.of("nccopy", "-k", "cdf5", from.toString(), to.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", cmd) + "\n" + log);
            }
            java.nio.file.Files.delete(from);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + " (install Debian's netcdf-bin): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    static String cdl(int f, int steps, int ny, int nx) {
        Cdl c = new Cdl();
        c.line("netcdf counts {").line("dimensions:").line(" time = UNLIMITED ;").line(" y = " + ny + " ;")
                .line(" x = " + nx + " ;").line("variables:")
                .line(" int time(time) ;").line("  time:units = \"days since 2000-01-01\" ;")
                .line("  time:calendar = \"standard\" ;")
                .line(" float y(y) ;").line("  y:units = \"degrees_north\" ;")
                .line(" double x(x) ;").line("  x:units = \"degrees_east\" ;")
                .line(" uint count(time, y, x) ;").line("  count:_FillValue = 4294967295U ;")
                .line("  count:valid_range = 0U, 4294967294U ;").line("  count:long_name = \"photon counts\" ;")
                .line(" int64 total(time) ;").line("  total:offset_ll = -9000000000000LL ;")
                .line(" uint64 id(time, x) ;")
                .line(" ubyte flag(time, y, x) ;").line("  flag:_FillValue = 255UB ;")
                .line("  flag:flag_values = 0UB, 1UB, 2UB ;").line("  flag:flag_meanings = \"good suspect bad\" ;")
                .line(" ushort elevation(y, x) ;").line("  elevation:valid_max = 60000US ;")
                .line("  elevation:units = \"m\" ;")
                .line(" short anomaly(time, y, x) ;").line("  anomaly:scale_factor = 0.01f ;")
                .line(" :title = \"CDF-5 sample\" ;").line(" :big_number = 123456789012345LL ;")
                .line(" :unsigned_number = 4000000000U ;")
                .line("data:");
        int n = steps * ny * nx;
        String[] time = new String[steps];
        String[] total = new String[steps];
        for (int t = 0; t < steps; t++) {
            int day = f * steps + t;
            time[t] = Integer.toString(day);
            total[t] = (day % 2 == 0 ? "-" : "") + (5_000_000_000L * (day + 1) + day) + "LL";
        }
        String[] y = new String[ny];
        for (int j = 0; j < ny; j++) {
            y[j] = Cdl.f(-45f + 90f * j / Math.max(1, ny - 1));
        }
        double[] x = new double[nx];
        for (int i = 0; i < nx; i++) {
            x[i] = 360.0 * i / nx;
        }
        String[] count = new String[n];
        String[] flag = new String[n];
        String[] anomaly = new String[n];
        for (int k = 0; k < n; k++) {
            long v = (4_000_000_000L + 7919L * (k + f * n)) % 4_294_967_295L;
            count[k] = (k + f) % 11 == 3 ? "_" : v + "U";
            flag[k] = (k + f) % 13 == 5 ? "_" : ((k + f) % 3) + "UB";
            anomaly[k] = Integer.toString((k * 37 + f * 101) % 2000 - 1000);
        }
        String[] id = new String[steps * nx];
        for (int k = 0; k < id.length; k++) {
            id[k] = Long.toUnsignedString(0xF000_0000_0000_0000L + 1_000_003L * (k + f * id.length)) + "ULL";
        }
        String[] elevation = new String[ny * nx];
        for (int k = 0; k < elevation.length; k++) {
            elevation[k] = (k * 997 % 65000) + "US";
        }
        c.data("time", time).data("y", y).data("x", x).data("count", count).data("total", total).data("id", id)
                .data("flag", flag).data("elevation", elevation).data("anomaly", anomaly);
        return c.line("}").toString();
    }
}
