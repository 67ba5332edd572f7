package org.arcoforge.plan;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * Benchmark (bench/run.sh --planner): plans a synthetic pattern of N daily OISST-shaped inputs
 * (720 x 1440, 4 int16 variables) for map chunks and for time-series chunks; prints plan time and
 * the driver heap in use after planning.
 *   java -Xmx1g -cp ... org.arcoforge.plan.PlannerScale [N]
 */
public final class PlannerScale {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<InputMetadata> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Fixtures.InputBuilder b = Fixtures.input(i, i, 0).url("s3a://bucket/oisst/day-" + i + ".nc")
                    .dim("time", 1).dim("zlev", 1).dim("lat", 720).dim("lon", 1440)
                    .var("time", DType.FLOAT32, List.of("time"), "units", "days since 1978-01-01 12:00:00")
                    .var("lat", DType.FLOAT32, List.of("lat")).var("lon", DType.FLOAT32, List.of("lon"));
            for (String v : List.of("sst", "anom", "err", "ice")) {
                b.var(v, DType.INT16, List.of("time", "zlev", "lat", "lon"), "_FillValue", (short) -999,
                        "scale_factor", 0.01f, "units", "Celsius");
            }
            inputs.add(b.coordinate(new float[] {i}).build());
        }
        System.out.printf(Locale.ROOT, "%d synthetic inputs, heap in use %.0f MB%n", n, usedMb());
        run("map chunks {time: 10}", inputs, new PlanOptions("time", 1, Map.of("time", 10), 1, Map.of()));
        run("time series, target_chunk_size 50MB favouring time", inputs,
                new PlanOptions("time", 1, Map.of(), 1, Map.of(), 0, 50_000_000, List.of("time")));
        run("time=1, lat=5, lon=5", inputs, new PlanOptions("time", 1, Map.of("time", 1, "lat", 5, "lon", 5), 1, Map.of()));
    }

    private static void run(String name, List<InputMetadata> inputs, PlanOptions options) {
        long t0 = System.nanoTime();
        StorePlan plan = Planner.plan(inputs, options);
        double s = (System.nanoTime() - t0) / 1e9;
        long chunks = plan.tasks().stream().mapToLong(t -> t.writes().size()).sum() + plan.shuffle().chunkCount();
        System.out.printf(Locale.ROOT, "%-52s plan %6.2f s, heap in use with the plan %5.0f MB, peak %5.0f MB: "
                        + "%d direct tasks, %d reads -> %d reduce tasks, %d chunks; sst chunks %s%n",
                name, s, usedMb(), peakMb(), plan.tasks().size(), plan.shuffle().reads().size(),
                plan.shuffle().reducePartitions(), chunks,
                java.util.Arrays.toString(plan.schema().variable("sst").chunks()));
    }

    private static double usedMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }

    private static double peakMb() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
