import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.arcoforge.format.reference.InputLayout;
import org.arcoforge.format.reference.KerchunkJson;
import org.arcoforge.format.reference.ReferenceCombiner;
import org.arcoforge.format.reference.ReferenceSet;
import org.arcoforge.format.reference.VariableLayout;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.PlanOptions;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * kind: reference's combine at kerchunk issue 182's scale: INPUTS synthetic inputs x 4 variables x
 * STEPS HDF5 chunks each (10,000 x 4 x 48 = 1.92 million references) through the real path the
 * driver runs (Planner.plan, ReferenceCombiner.combine, KerchunkJson.write to a file). The layouts
 * are synthetic (no files are opened). Prints seconds per step, peak RSS and the JSON's size.
 * Usage: java -cp CLASSPATH bench/ReferenceBench.java [INPUTS] [STEPS] [OUT.json]
 */
public class ReferenceBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/work/references.json");
        Files.createDirectories(out.toAbsolutePath().getParent());
        int nlat = 180;
        int nlon = 360;
        List<String> data = List.of("sst", "anom", "err", "ice");
        long t0 = System.nanoTime();
        List<InputMetadata> metadata = new ArrayList<>(n);
        List<InputLayout> layouts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String url = "s3://bucket/oisst/part-" + i + ".nc";
            Map<String, Long> dims = new LinkedHashMap<>();
            dims.put("time", (long) steps);
            dims.put("lat", (long) nlat);
            dims.put("lon", (long) nlon);
            List<DatasetVariable> vars = new ArrayList<>();
            vars.add(new DatasetVariable("time", List.of("time"), new long[] {steps}, DType.FLOAT64,
                    Map.of("units", "hours since 2000-01-01"), null));
            vars.add(new DatasetVariable("lat", List.of("lat"), new long[] {nlat}, DType.FLOAT32, Map.of(), null));
            vars.add(new DatasetVariable("lon", List.of("lon"), new long[] {nlon}, DType.FLOAT32, Map.of(), null));
            Map<String, VariableLayout> vl = new LinkedHashMap<>();
            vl.put("lat", VariableLayout.inline("lat", "<f4", new long[] {nlat}, new byte[nlat * 4]));
            vl.put("lon", VariableLayout.inline("lon", "<f4", new long[] {nlon}, new byte[nlon * 4]));
            long offset = 4096;
            for (String v : data) {
                vars.add(new DatasetVariable(v, List.of("time", "lat", "lon"), new long[] {steps, nlat, nlon}, DType.INT16,
                        Map.of("_FillValue", (short) -999, "scale_factor", 0.01f, "units", "Celsius"), null));
                int[] grid = new int[steps * 3];
                long[] offsets = new long[steps];
                int[] lengths = new int[steps];
                for (int s = 0; s < steps; s++) {
                    grid[s * 3] = s;
                    offsets[s] = offset;
                    lengths[s] = 40_000 + (s * 7919 + i) % 20_000;
                    offset += lengths[s];
                }
                vl.put(v, new VariableLayout(v, "<i2", new long[] {steps, nlat, nlon}, new int[] {1, nlat, nlon},
                        List.of(Map.of("id", "shuffle", "elementsize", 2), Map.of("id", "zlib", "level", 4)),
                        grid, offsets, lengths, null, null));
            }
            double[] time = new double[steps];
            for (int s = 0; s < steps; s++) {
                time[s] = (double) i * steps + s;
            }
            metadata.add(new InputMetadata(new InputFile(i, i, 0, Map.of(), url), dims, new Dataset(url, Map.of(), vars),
                    time, Map.of()));
            layouts.add(new InputLayout(url, vl));
        }
        double made = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        StorePlan plan = Planner.plan(metadata, new PlanOptions("time", steps, Map.of(), 1, Map.of()));
        double planned = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        ReferenceSet set = ReferenceCombiner.combine(plan.schema(), metadata, layouts, "time", plan.schema().attributes());
        double combined = (System.nanoTime() - t2) / 1e9;
        long t3 = System.nanoTime();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
            KerchunkJson.write(set, os);
        }
        double written = (System.nanoTime() - t3) / 1e9;
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .findFirst().orElse("VmHWM: ? kB").replaceAll("\\s+", " ");
        System.out.printf(Locale.ROOT, "%d inputs x %d variables x %d chunks: %d references, %d inline bytes;"
                        + " synthetic inputs %.1f s, plan %.1f s, combine %.2f s, write %.1f s (combine path %.1f s);"
                        + " JSON %.1f MB; peak RSS %s%n",
                n, data.size(), steps, set.references(), set.inlineBytes(), made, planned, combined, written,
                planned + combined + written, Files.size(out) / 1e6, hwm);
    }
}
