package org.arcoforge.plan;

import static org.arcoforge.plan.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.arcoforge.recipe.VariableEncoding;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;

/**
 * Plan identity: plans a fixed set of patterns (time re-encoding, packing, merge, dynamic chunking,
 * direct and shuffle under tight budgets, random scenarios with fixed seeds, planning errors) and
 * compares a digest of every plan's full dump (schema, tasks, fragments, transforms, reads, partitions,
 * warnings) and its {@link PlanDescription} with src/test/resources/plan/golden.txt, written from the
 * planner before its split into steps. A changed plan means a changed store.
 * Rewrite the file (only for an intended change): -Dplan.golden.write=true
 */
class PlanGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/plan/golden.txt");

    @Test
    void plansAreTheSameAsBeforeTheSplit() throws IOException {
        String actual = render();
        Path out = Path.of("target/plan-golden-actual.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual);
        if (Boolean.getBoolean("plan.golden.write")) {
            Files.writeString(GOLDEN, actual);
        }
        assertThat(actual).as("plans differ from %s; see %s", GOLDEN, out).isEqualTo(Files.readString(GOLDEN));
    }

    static String render() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Supplier<Object[]>> e : cases().entrySet()) {
            Object[] c = e.getValue().get();
            @SuppressWarnings("unchecked")
            List<InputMetadata> inputs = (List<InputMetadata>) c[0];
            PlanOptions options = (PlanOptions) c[1];
            sb.append("== ").append(e.getKey()).append('\n');
            try {
                StorePlan plan = Planner.plan(inputs, options);
                sb.append("digest ").append(sha256(PlanDump.dump(plan))).append('\n');
                if (!e.getKey().startsWith("random")) {
                    sb.append(PlanDescription.describe(plan, inputs.size()));
                }
            } catch (PlanException x) {
                sb.append("error ").append(x.getMessage()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final List<String> T = List.of("time");

    static Map<String, Supplier<Object[]>> cases() {
        Map<String, Supplier<Object[]>> m = new LinkedHashMap<>();
        m.put("yearly float64", () -> new Object[] {yearly(DType.FLOAT64, 1981, 1982, 1983, 1985),
                Fixtures.options("time", Map.of("time", 3), 1)});
        m.put("yearly int32", () -> new Object[] {yearly(DType.INT32, 1981, 1982), Fixtures.options("time")});
        m.put("yearly int32 inputsPerChunk 2", () -> new Object[] {yearly(DType.INT32, 1990, 1991, 1992, 1993, 1994),
                Fixtures.options("time", Map.of(), 2)});
        m.put("hours into days", () -> new Object[] {List.of(
                input(0, 0, 0).dim("time", 2).dim("nv", 2)
                        .var("time", DType.INT32, T, "units", "days since 2000-01-01", "bounds", "time_bnds")
                        .var("time_bnds", DType.INT32, List.of("time", "nv")).coordinate(new int[] {0, 1}).build(),
                input(1, 1, 0).dim("time", 2).dim("nv", 2)
                        .var("time", DType.INT32, T, "units", "hours since 2000-01-03 00:00:00", "bounds", "time_bnds")
                        .var("time_bnds", DType.INT32, List.of("time", "nv")).coordinate(new int[] {0, 12}).build()),
                Fixtures.options("time")});
        m.put("time without units in second input", () -> new Object[] {List.of(
                input(0, 0, 0).dim("time", 2).var("time", DType.INT32, T, "units", "days since 2000-01-01").build(),
                input(1, 1, 0).dim("time", 2).var("time", DType.INT32, T).build()), Fixtures.options("time")});
        m.put("packing differs", () -> new Object[] {packed(0.01, 0.02), Fixtures.options("time")});
        m.put("packing override", () -> new Object[] {packed(0.01, 0.01),
                Fixtures.options("time").withEncoding(Map.of("sst", new VariableEncoding("int16", 1.0, null, -999.0)), 0)});
        m.put("packing float32 override", () -> new Object[] {packed(0.01, 0.03),
                Fixtures.options("time").withEncoding(Map.of("sst", VariableEncoding.float32()), 0)});
        m.put("encoding of unknown variable", () -> new Object[] {packed(0.01, 0.01),
                Fixtures.options("time").withEncoding(Map.of("nope", VariableEncoding.float32()), 0)});
        m.put("merge only", () -> new Object[] {List.of(
                input(0, 0, 0).dim("lat", 4).dim("lon", 6).var("lat", DType.FLOAT32, List.of("lat"))
                        .var("a", DType.FLOAT32, List.of("lat", "lon")).global("title", "A").build(),
                input(1, 0, 1).dim("lat", 4).dim("lon", 6).var("b", DType.INT16, List.of("lat", "lon"),
                        "_FillValue", (short) -1).build()),
                new PlanOptions(null, null, Map.of("lon", 4), 1, Map.of("title", "merged", "history", "x"))});
        for (int n : new int[] {7, 40}) {
            m.put("oisst " + n + " map chunks", () -> new Object[] {oisst(n), new PlanOptions("time", 1, Map.of("time", 10), 1, Map.of())});
            m.put("oisst " + n + " time series 2MB", () -> new Object[] {oisst(n),
                    new PlanOptions("time", 1, Map.of(), 1, Map.of(), 0, 2_000_000, List.of("time"))});
            m.put("oisst " + n + " small chunks", () -> new Object[] {oisst(n),
                    new PlanOptions("time", 1, Map.of("time", 1, "lat", 5, "lon", 7), 1, Map.of())});
            m.put("oisst " + n + " rechunk tight budget", () -> new Object[] {oisst(n),
                    new PlanOptions("time", 1, Map.of("time", n, "lat", 18, "lon", 36), 1, Map.of(), n * 25_000L, 0,
                            List.of())});
            m.put("oisst " + n + " lat-lon budget 600k", () -> new Object[] {oisst(n),
                    new PlanOptions("time", 1, Map.of("time", 2), 1, Map.of(), 600_000, 0, List.of())});
        }
        m.put("one large input in slices", () -> new Object[] {List.of(
                input(0, 0, 0).dim("lat", 200).dim("lon", 300).var("lat", DType.FLOAT64, List.of("lat"))
                        .var("big", DType.FLOAT64, List.of("lat", "lon")).var("small", DType.INT8, List.of("lon")).build()),
                new PlanOptions(null, null, Map.of("lat", 20), 1, Map.of(), 200_000, 0, List.of())});
        m.put("chunk too large", () -> new Object[] {oisst(3),
                new PlanOptions("time", 1, Map.of(), 1, Map.of(), 10_000, 0, List.of())});
        Random r = new Random(20261203);
        for (int i = 0; i < 150; i++) {
            PlannerPropertiesTest.Scenario s = GoldenScenarios.scenario(r);
            m.put("random " + i + " " + s, () -> new Object[] {s.inputs(), s.options()});
            double spare = r.nextDouble() * 0.5;
            m.put("random tight " + i, () -> {
                List<InputMetadata> in = s.inputs();
                long largestChunk = 0;
                long maxVar = 0;
                for (TargetVariable v : Planner.plan(in, s.options()).schema().variables()) {
                    largestChunk = Math.max(largestChunk, product(v.chunks()) * v.dtype().size());
                    maxVar = Math.max(maxVar, product(v.shape()) * v.dtype().size());
                }
                return new Object[] {in, s.options().withMaxTaskMemory(3 * largestChunk + (long) (spare * maxVar))};
            });
        }
        return m;
    }

    private static long product(long[] a) {
        long n = 1;
        for (long x : a) {
            n *= x;
        }
        return n;
    }

    private static long product(int[] a) {
        long n = 1;
        for (int x : a) {
            n *= x;
        }
        return n;
    }

    private static List<InputMetadata> yearly(DType timeType, int... years) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < years.length; c++) {
            out.add(input(c, c, 0).url("s3://era/tas_" + years[c] + ".nc").dim("time", 3).dim("lat", 2).dim("nv", 2)
                    .var("time", timeType, T, "units", "days since " + years[c] + "-01-01", "calendar", "standard",
                            "bounds", "time_bnds")
                    .var("time_bnds", timeType, List.of("time", "nv"))
                    .var("tas", DType.FLOAT32, List.of("time", "lat"), "units", "K")
                    .coordinate(timeType == DType.INT32 ? new int[] {0, 1, 2} : Fixtures.range(0, 3)).build());
        }
        return out;
    }

    private static List<InputMetadata> packed(double... scales) {
        List<InputMetadata> out = new ArrayList<>();
        for (int c = 0; c < scales.length; c++) {
            out.add(input(c, c, 0).dim("time", 2).dim("lat", 3)
                    .var("time", DType.FLOAT64, T, "units", "days since 2000-01-01")
                    .var("sst", DType.INT16, List.of("time", "lat"), "scale_factor", scales[c], "add_offset", 0.0,
                            "_FillValue", (short) -999, "valid_range", List.of(-3000, 4000))
                    .coordinate(Fixtures.range(2 * c, 2)).build());
        }
        return out;
    }

    private static List<InputMetadata> oisst(int n) {
        List<InputMetadata> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Fixtures.InputBuilder b = Fixtures.input(i, i, 0).url("s3a://bucket/oisst/day-" + i + ".nc")
                    .dim("time", 1).dim("zlev", 1).dim("lat", 72).dim("lon", 144)
                    .var("time", DType.FLOAT32, T, "units", "days since 1978-01-01 12:00:00")
                    .var("lat", DType.FLOAT32, List.of("lat")).var("lon", DType.FLOAT32, List.of("lon"));
            for (String v : List.of("sst", "anom", "err", "ice")) {
                b.var(v, DType.INT16, List.of("time", "zlev", "lat", "lon"), "_FillValue", (short) -999,
                        "scale_factor", 0.01f, "units", "Celsius");
            }
            inputs.add(b.coordinate(new float[] {i}).build());
        }
        return inputs;
    }
}
