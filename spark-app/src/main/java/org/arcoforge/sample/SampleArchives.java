package org.arcoforge.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own fixture archives (tests, README example, benchmark), written as CDL and turned
 * into NetCDF by {@link Ncgen}. Values are deterministic: smooth fields plus hashed noise, so the
 * same arguments always give the same values.
 */
public final class SampleArchives {
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate OISST_EPOCH = LocalDate.of(1978, 1, 1);
    private static final short OISST_FILL = -999;

    private SampleArchives() {}

    /**
     * OISST-like NetCDF-4 files, one per day, {@code oisst-avhrr-v02r01.YYYYMMDD.nc}; the real
     * product is 720 x 1440. Returns the files in date order.
     */
    public static List<Path> oisstDaily(Path dir, LocalDate start, int days, int nlat, int nlon) {
        List<Path> out = new ArrayList<>();
        List<Runnable> jobs = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            Path file = dir.resolve("oisst-avhrr-v02r01." + DAY.format(day) + ".nc");
            jobs.add(() -> Ncgen.run(oisstCdl(day, nlat, nlon, List.of("sst", "anom", "err", "ice")),
                    Ncgen.Kind.NETCDF4, file));
            out.add(file);
        }
        runParallel(jobs);
        return out;
    }

    /**
     * A full-resolution day takes ~1.2 s (0.3 s CDL text, 0.9 s ncgen), so files are made on all
     * cores at once; each file's content does not depend on the others.
     */
    private static void runParallel(List<Runnable> jobs) {
        int threads = Math.min(jobs.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            jobs.forEach(Runnable::run);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while making sample files", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One variable per file for a merge: {@code sst_YYYYMMDD.nc} and {@code ice_YYYYMMDD.nc}
     * (NetCDF-4, OISST-like, same coordinates). Returns, day by day, the sst file then the ice file.
     */
    public static List<Path> mergeCase(Path dir, LocalDate start, int days, int nlat, int nlon) {
        List<Path> out = new ArrayList<>();
        List<Runnable> jobs = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            for (String var : List.of("sst", "ice")) {
                Path file = dir.resolve(var + "_" + DAY.format(day) + ".nc");
                jobs.add(() -> Ncgen.run(oisstCdl(day, nlat, nlon, List.of(var)), Ncgen.Kind.NETCDF4, file));
                out.add(file);
            }
        }
        runParallel(jobs);
        return out;
    }

    /** NetCDF-3 classic monthly files of daily values, {@code tas_YYYYMM.nc}; see the 4-argument form. */
    public static List<Path> netcdf3Monthly(Path dir, int startYear, int months) {
        return netcdf3Monthly(dir, startYear, months, false);
    }

    /**
     * NetCDF-3 files (classic, or 64-bit offset), one per month, {@code tas_YYYYMM.nc}, with as many
     * daily steps as the month has days. The time units are "days since YYYY-01-01" of each file's
     * year, so they change from year to year on purpose. lat 18 x lon 36.
     */
    public static List<Path> netcdf3Monthly(Path dir, int startYear, int months, boolean offset64) {
        List<Path> out = new ArrayList<>();
        YearMonth first = YearMonth.of(startYear, 1);
        for (int m = 0; m < months; m++) {
            YearMonth ym = first.plusMonths(m);
            Path file = dir.resolve(String.format("tas_%04d%02d.nc", ym.getYear(), ym.getMonthValue()));
            Ncgen.run(monthlyCdl(ym), offset64 ? Ncgen.Kind.OFFSET_64BIT : Ncgen.Kind.CLASSIC, file);
            out.add(file);
        }
        return out;
    }

    /**
     * One input with many steps, {@code tas_series.nc}: daily {@code tas(time, lat, lon)} float over
     * {@code steps} days from 2000-01-01; NetCDF-4, one HDF5 chunk per step, zlib. For rechunking a
     * single large input.
     */
    public static Path longSeries(Path dir, int steps, int nlat, int nlon) {
        Cdl c = new Cdl();
        c.line("netcdf series {").line("dimensions:")
                .line("	time = UNLIMITED ;").line("	lat = " + nlat + " ;").line("	lon = " + nlon + " ;")
                .line("variables:")
                .line("	double time(time) ;")
                .line("		time:units = \"days since 2000-01-01\" ;")
                .line("		time:calendar = \"standard\" ;")
                .line("	float lat(lat) ;")
                .line("		lat:units = \"degrees_north\" ;")
                .line("	float lon(lon) ;")
                .line("		lon:units = \"degrees_east\" ;")
                .line("	float tas(time, lat, lon) ;")
                .line("		tas:units = \"K\" ;")
                .line("		tas:_FillValue = NaNf ;")
                .line("		tas:_ChunkSizes = 1, " + nlat + ", " + nlon + " ;").line("		tas:_DeflateLevel = 1 ;")
                .line("").line("// global attributes:").line("		:title = \"ARCO Forge synthetic long series\" ;")
                .line("data:").line("");
        double[] time = new double[steps];
        float[] tas = new float[steps * nlat * nlon];
        for (int t = 0; t < steps; t++) {
            time[t] = t + 0.5;
            for (int k = 0; k < nlat * nlon; k++) {
                int idx = t * nlat * nlon + k;
                boolean missing = Math.floorMod(mix(idx * 31L + 5), 50L) == 0;
                tas[idx] = missing ? Float.NaN : (float) (280 + 10 * Math.sin(t / 58.0 + k * 0.01) + noise(steps, idx));
            }
        }
        c.data("time", time).data("lat", centers(-90, 90, nlat)).data("lon", centers(0, 360, nlon)).data("tas", tas)
                .line("}");
        Path file = dir.resolve("tas_series.nc");
        Ncgen.run(c.toString(), Ncgen.Kind.NETCDF4, file);
        return file;
    }

    // ---------------------------------------------------------------- OISST-like

    static String oisstCdl(LocalDate day, int nlat, int nlon, List<String> vars) {
        float[] lat = centers(-90, 90, nlat);
        float[] lon = centers(0, 360, nlon);
        Cdl c = new Cdl();
        c.line("netcdf oisst {").line("dimensions:")
                .line("\ttime = UNLIMITED ;").line("\tzlev = 1 ;")
                .line("\tlat = " + nlat + " ;").line("\tlon = " + nlon + " ;")
                .line("variables:")
                .line("\tfloat time(time) ;")
                .line("\t\ttime:long_name = \"Center time of the day\" ;")
                .line("\t\ttime:units = \"days since 1978-01-01 12:00:00\" ;")
                .line("\t\ttime:calendar = \"standard\" ;")
                .line("\tfloat zlev(zlev) ;")
                .line("\t\tzlev:long_name = \"Sea surface height\" ;")
                .line("\t\tzlev:units = \"meters\" ;")
                .line("\t\tzlev:positive = \"down\" ;")
                .line("\t\tzlev:actual_range = \"0, 0\" ;")
                .line("\tfloat lat(lat) ;")
                .line("\t\tlat:long_name = \"Latitude\" ;")
                .line("\t\tlat:units = \"degrees_north\" ;")
                .line("\t\tlat:grids = \"Uniform grid from -89.875 to 89.875 by 0.25\" ;")
                .line("\tfloat lon(lon) ;")
                .line("\t\tlon:long_name = \"Longitude\" ;")
                .line("\t\tlon:units = \"degrees_east\" ;")
                .line("\t\tlon:grids = \"Uniform grid from 0.125 to 359.875 by 0.25\" ;");
        for (String v : vars) {
            String[] meta = switch (v) {
                case "sst" -> new String[] {"Daily sea surface temperature", "Celsius", "-300", "4500"};
                case "anom" -> new String[] {"Daily sea surface temperature anomalies", "Celsius", "-1200", "1200"};
                case "err" -> new String[] {"Estimated error standard deviation of analysed_sst", "Celsius", "0", "1000"};
                case "ice" -> new String[] {"Sea ice concentration", "%", "0", "100"};
                default -> throw new IllegalArgumentException("unknown OISST variable " + v);
            };
            c.line("\tshort " + v + "(time, zlev, lat, lon) ;")
                    .line("\t\t" + v + ":long_name = " + Cdl.str(meta[0]) + " ;")
                    .line("\t\t" + v + ":units = " + Cdl.str(meta[1]) + " ;")
                    .line("\t\t" + v + ":_FillValue = " + OISST_FILL + "s ;")
                    .line("\t\t" + v + ":add_offset = 0.f ;")
                    .line("\t\t" + v + ":scale_factor = 0.01f ;")
                    .line("\t\t" + v + ":valid_min = " + meta[2] + "s ;")
                    .line("\t\t" + v + ":valid_max = " + meta[3] + "s ;")
                    .line("\t\t" + v + ":_ChunkSizes = 1, 1, " + nlat + ", " + nlon + " ;")
                    .line("\t\t" + v + ":_DeflateLevel = 4 ;")
                    .line("\t\t" + v + ":_Shuffle = \"true\" ;");
        }
        String iso = day.toString();
        c.line("")
                .line("// global attributes:")
                .line("\t\t:title = \"NOAA/NCEI 1/4 Degree Daily Optimum Interpolation Sea Surface Temperature (OISST) Analysis, Version 2.1 - Final (ARCO Forge synthetic sample)\" ;")
                .line("\t\t:institution = \"ARCO Forge sample data, shaped like NOAA/NCEI OISST\" ;")
                .line("\t\t:Conventions = \"CF-1.6, ACDD-1.3\" ;")
                .line("\t\t:history = " + Cdl.str("Synthetic values made by org.arcoforge.sample.SampleArchives\n"
                        + "Layout follows oisst-avhrr-v02r01 daily files\nNot for scientific use") + " ;")
                .line("\t\t:source = \"ICOADS, NCEP_GTS, GSFC_ICE, NCEP_ICE, Pathfinder_AVHRR, Navy_AVHRR (imitated)\" ;")
                .line("\t\t:id = " + Cdl.str("oisst-avhrr-v02r01." + DAY.format(day) + ".nc") + " ;")
                .line("\t\t:time_coverage_start = " + Cdl.str(iso + "T00:00:00Z") + " ;")
                .line("\t\t:time_coverage_end = " + Cdl.str(iso + "T23:59:59Z") + " ;")
                .line("\t\t:geospatial_lat_min = -90.f ;")
                .line("\t\t:geospatial_lat_max = 90.f ;")
                .line("\t\t:geospatial_lon_min = 0.f ;")
                .line("\t\t:geospatial_lon_max = 360.f ;")
                .line("\t\t:geospatial_lat_resolution = " + Cdl.f(180f / nlat) + " ;")
                .line("\t\t:window_days = 3 ;")
                .line("\t\t:sensor = \"Thermometers, AVHRR\" ;")
                .line("data:")
                .line("")
                .line(" time = " + ChronoUnit.DAYS.between(OISST_EPOCH, day) + " ;")
                .line(" zlev = 0 ;");
        c.data("lat", lat).data("lon", lon);
        for (String v : vars) {
            c.data(v, oisstField(v, day, lat, lon));
        }
        c.line("}");
        return c.toString();
    }

    private static short[] oisstField(String var, LocalDate day, float[] lat, float[] lon) {
        int nlat = lat.length;
        int nlon = lon.length;
        short[] out = new short[nlat * nlon];
        double season = Math.cos(2 * Math.PI * (day.getDayOfYear() - 40) / 365.25);
        long seed = day.toEpochDay() * 31 + var.hashCode();
        for (int j = 0; j < nlat; j++) {
            double phi = Math.toRadians(lat[j]);
            for (int i = 0; i < nlon; i++) {
                int k = j * nlon + i;
                if (isLand(lat[j], lon[i])) {
                    out[k] = OISST_FILL;
                    continue;
                }
                double lam = Math.toRadians(lon[i]);
                double sst = 29.0 - 31.0 * Math.pow(Math.sin(phi), 2) + 2.5 * season * Math.sin(phi)
                        + 1.2 * Math.sin(3 * lam) * Math.cos(phi) + 0.15 * noise(seed, k);
                sst = Math.max(sst, -1.8);
                double value;
                switch (var) {
                    case "sst" -> value = sst;
                    case "anom" -> value = 0.6 * Math.sin(2 * lam + day.toEpochDay() / 20.0) * Math.cos(phi)
                            + 0.3 * noise(seed, k);
                    case "err" -> value = 0.12 + 0.2 * Math.abs(Math.sin(phi)) + 0.03 * (1 + noise(seed, k));
                    default -> {
                        // Ice only where the water is near freezing; elsewhere missing, as in OISST.
                        if (sst > -1.0) {
                            out[k] = OISST_FILL;
                            continue;
                        }
                        value = Math.min(1.0, 0.6 + 0.35 * (1 + noise(seed, k)) / 2);
                    }
                }
                out[k] = (short) Math.round(value / 0.01);
            }
        }
        // A few missing ocean points (failed retrievals).
        for (int n = 0; n < Math.max(1, out.length / 500); n++) {
            out[(int) Math.floorMod(mix(seed + 7 * n), (long) out.length)] = OISST_FILL;
        }
        return out;
    }

    /** A fixed, coarse set of "continents" plus Antarctica. */
    private static boolean isLand(double lat, double lon) {
        if (lat < -70) {
            return true;
        }
        double lam = Math.toRadians(lon);
        double phi = Math.toRadians(lat);
        double shape = Math.sin(2 * lam + 0.5) * Math.cos(phi) + 0.5 * Math.sin(5 * lam) * Math.sin(3 * phi);
        return shape > 0.75;
    }

    // ---------------------------------------------------------------- NetCDF-3 monthly

    static String monthlyCdl(YearMonth ym) {
        int nlat = 18;
        int nlon = 36;
        int nt = ym.lengthOfMonth();
        double[] lat = new double[nlat];
        double[] lon = new double[nlon];
        for (int j = 0; j < nlat; j++) {
            lat[j] = -85 + 10 * j;
        }
        for (int i = 0; i < nlon; i++) {
            lon[i] = 5 + 10 * i;
        }
        Cdl c = new Cdl();
        c.line("netcdf tas {").line("dimensions:")
                .line("\ttime = UNLIMITED ;").line("\tlat = " + nlat + " ;").line("\tlon = " + nlon + " ;")
                .line("variables:")
                .line("\tdouble time(time) ;")
                .line("\t\ttime:standard_name = \"time\" ;")
                .line("\t\ttime:units = \"days since " + ym.getYear() + "-01-01\" ;")
                .line("\t\ttime:calendar = \"standard\" ;")
                .line("\t\ttime:axis = \"T\" ;")
                .line("\tdouble lat(lat) ;")
                .line("\t\tlat:standard_name = \"latitude\" ;")
                .line("\t\tlat:units = \"degrees_north\" ;")
                .line("\tdouble lon(lon) ;")
                .line("\t\tlon:standard_name = \"longitude\" ;")
                .line("\t\tlon:units = \"degrees_east\" ;")
                .line("\tfloat tas(time, lat, lon) ;")
                .line("\t\ttas:standard_name = \"air_temperature\" ;")
                .line("\t\ttas:long_name = \"Near-surface air temperature\" ;")
                .line("\t\ttas:units = \"K\" ;")
                .line("\t\ttas:_FillValue = NaNf ;")
                .line("\t\ttas:cell_methods = \"time: mean\" ;")
                .line("\t\ttas:valid_range = 180.f, 340.f ;")
                .line("\tbyte qc_flag(time, lat, lon) ;")
                .line("\t\tqc_flag:long_name = \"Quality flag\" ;")
                .line("\t\tqc_flag:flag_values = 0b, 1b, 2b ;")
                .line("\t\tqc_flag:flag_meanings = \"good suspect bad\" ;")
                .line("\tbyte land_mask(lat, lon) ;")
                .line("\t\tland_mask:long_name = \"Land fraction class (0 ocean .. 200 land)\" ;")
                .line("\t\tland_mask:_Unsigned = \"true\" ;")
                .line("\t\tland_mask:valid_range = 0b, -56b ;")
                .line("")
                .line("// global attributes:")
                .line("\t\t:Conventions = \"CF-1.8\" ;")
                .line("\t\t:title = \"ARCO Forge synthetic daily near-surface air temperature\" ;")
                .line("\t\t:comment = \"NetCDF-3 classic; text attributes are char arrays\" ;")
                .line("\t\t:history = " + Cdl.str("made by org.arcoforge.sample.SampleArchives\nmonth "
                        + ym) + " ;")
                .line("\t\t:frequency = \"day\" ;")
                .line("\t\t:realization = 1 ;")
                .line("\t\t:version_number = 2.5 ;")
                .line("data:")
                .line("");
        double[] time = new double[nt];
        int firstDay = ym.atDay(1).getDayOfYear() - 1;
        for (int t = 0; t < nt; t++) {
            time[t] = firstDay + t + 0.5;
        }
        long seed = ym.getYear() * 12L + ym.getMonthValue();
        float[] tas = new float[nt * nlat * nlon];
        byte[] qc = new byte[tas.length];
        for (int t = 0; t < nt; t++) {
            double season = Math.cos(2 * Math.PI * (firstDay + t - 15) / 365.25);
            for (int j = 0; j < nlat; j++) {
                double phi = Math.toRadians(lat[j]);
                for (int i = 0; i < nlon; i++) {
                    int k = (t * nlat + j) * nlon + i;
                    double n = noise(seed, k);
                    double v = 300 - 45 * Math.pow(Math.sin(phi), 2) + 12 * season * Math.sin(phi)
                            + 3 * Math.sin(Math.toRadians(lon[i]) * 2) + 1.5 * n;
                    boolean missing = Math.floorMod(mix(seed * 977 + k), 40L) == 0;
                    tas[k] = missing ? Float.NaN : (float) v;
                    qc[k] = (byte) (missing ? 2 : Math.abs(n) > 0.9 ? 1 : 0);
                }
            }
        }
        byte[] mask = new byte[nlat * nlon];
        for (int j = 0; j < nlat; j++) {
            for (int i = 0; i < nlon; i++) {
                // 0..200 on purpose: above 127 the stored byte is negative, read as unsigned via _Unsigned.
                mask[j * nlon + i] = (byte) (isLand(lat[j], lon[i]) ? 200 : lat[j] < -60 ? 150 : 0);
            }
        }
        c.data("time", time).data("lat", lat).data("lon", lon).data("tas", tas).data("qc_flag", qc)
                .data("land_mask", mask).line("}");
        return c.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static float[] centers(double from, double to, int n) {
        float[] out = new float[n];
        double step = (to - from) / n;
        for (int i = 0; i < n; i++) {
            out[i] = (float) (from + (i + 0.5) * step);
        }
        return out;
    }

    /** Deterministic noise in [-1, 1]. */
    private static double noise(long seed, long k) {
        return (mix(seed * 0x9E3779B97F4A7C15L + k) >>> 11) * 0x1.0p-53 * 2 - 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
