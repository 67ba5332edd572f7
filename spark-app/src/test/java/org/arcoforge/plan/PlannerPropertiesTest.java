package org.arcoforge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;

/** Random patterns: every element of every variable is written exactly once, from the right place. */
class PlannerPropertiesTest {

    /** A random pattern: parameters jqwik can shrink, plus a seed for the variable layout. */
    record Scenario(List<Integer> lengths, int nMerge, List<Integer> dimSizes, List<Integer> chunkSpec,
                    int inputsPerChunk, long seed) {

        List<String> otherDims() {
            List<String> d = new ArrayList<>();
            for (int i = 0; i < dimSizes.size(); i++) {
                d.add("d" + i);
            }
            return d;
        }

        Map<String, Integer> targetChunks() {
            // chunkSpec[0] is for time, then one per other dim; 0 = not named.
            Map<String, Integer> m = new HashMap<>();
            if (chunkSpec.get(0) > 0) {
                m.put("time", chunkSpec.get(0));
            }
            for (int i = 0; i < dimSizes.size(); i++) {
                if (chunkSpec.get(i + 1) > 0) {
                    m.put("d" + i, chunkSpec.get(i + 1));
                }
            }
            return m;
        }

        PlanOptions options() {
            return new PlanOptions("time", null, targetChunks(), inputsPerChunk, Map.of());
        }

        List<InputMetadata> inputs() {
            Random r = new Random(seed);
            List<String> dims = otherDims();
            boolean timeCoord = r.nextBoolean();
            boolean timeValues = r.nextInt(10) < 7;
            boolean scalar = r.nextInt(4) == 0;
            // Per merge position: variable name -> dims.
            List<Map<String, List<String>>> layout = new ArrayList<>();
            for (int m = 0; m < nMerge; m++) {
                Map<String, List<String>> vars = new LinkedHashMap<>();
                if (timeCoord && (m == 0 || r.nextBoolean())) {
                    vars.put("time", List.of("time"));
                }
                for (String d : dims) {
                    if (m == 0 && r.nextBoolean()) {
                        vars.put(d, List.of(d));
                    }
                }
                int n = 1 + r.nextInt(3);
                for (int j = 0; j < n; j++) {
                    List<String> vd = new ArrayList<>();
                    for (String d : dims) {
                        if (r.nextBoolean()) {
                            vd.add(d);
                        }
                    }
                    Collections.shuffle(vd, r);
                    if (r.nextInt(4) != 0) {
                        vd.add(r.nextInt(vd.size() + 1), "time");
                    }
                    vars.put("v" + m + "_" + j, vd);
                }
                if (m == 0 && scalar) {
                    vars.put("scalar", List.of());
                }
                layout.add(vars);
            }
            List<InputMetadata> out = new ArrayList<>();
            double t = 0;
            for (int c = 0; c < lengths.size(); c++) {
                double[] coord = new double[lengths.get(c)];
                for (int i = 0; i < coord.length; i++) {
                    coord[i] = t++;
                }
                for (int m = 0; m < nMerge; m++) {
                    Fixtures.InputBuilder b = Fixtures.input(out.size(), c, m).dim("time", lengths.get(c));
                    for (int i = 0; i < dims.size(); i++) {
                        b.dim(dims.get(i), dimSizes.get(i));
                    }
                    layout.get(m).forEach((name, vd) -> b.var(name, DType.FLOAT64, vd));
                    if (m == 0 && timeValues) {
                        b.coordinate(coord);
                    }
                    out.add(b.build());
                }
            }
            return out;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(30),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(0, 14).list().ofSize(4),
                Arbitraries.integers().between(1, 5),
                Arbitraries.longs()).as(Scenario::new);
    }

    @Property(tries = 300)
    void everyElementIsWrittenExactlyOnceFromTheRightPlace(@ForAll("scenarios") Scenario s) {
        List<InputMetadata> inputs = s.inputs();
        StorePlan plan = Planner.plan(inputs, s.options());
        TargetSchema schema = plan.schema();
        long[] offsets = schema.concatOffsets();
        Map<Integer, InputMetadata> byIndex = new HashMap<>();
        inputs.forEach(im -> byIndex.put(im.input().index(), im));

        assertThat(offsets).hasSize(s.lengths().size() + 1);
        assertThat(offsets[offsets.length - 1]).isEqualTo(s.lengths().stream().mapToLong(Integer::longValue).sum());

        Map<String, byte[]> coverage = new HashMap<>();
        Set<String> chunksSeen = new HashSet<>();
        Map<String, Integer> staticTask = new HashMap<>();
        for (int t = 0; t < plan.tasks().size(); t++) {
            StoreTask task = plan.tasks().get(t);
            assertThat(task.id()).isEqualTo(t);
            assertThat(task.writes()).isNotEmpty();
            Set<Long> concatChunkIndexes = new HashSet<>();
            for (ChunkWrite w : task.writes()) {
                TargetVariable v = schema.variable(w.variable());
                assertThat(schema.precomputedValues()).doesNotContainKey(v.name());
                assertThat(chunksSeen.add(v.name() + Arrays.toString(w.chunkIndex())))
                        .as("chunk %s %s appears once", v.name(), Arrays.toString(w.chunkIndex())).isTrue();
                int ax = v.dims().indexOf("time");
                boolean timeCoordinate = v.dims().equals(List.of("time")) && v.name().equals("time");
                if (ax >= 0 && !timeCoordinate) {
                    concatChunkIndexes.add(w.chunkIndex()[ax]);
                } else {
                    assertThat(staticTask.putIfAbsent(v.name(), t)).as("all chunks of %s in one task", v.name())
                            .isIn(null, t);
                }
                byte[] cov = coverage.computeIfAbsent(v.name(), k -> new byte[(int) product(v.shape())]);
                for (Fragment p : w.fragments()) {
                    checkFragment(v, w, p, byIndex.get(p.inputIndex()), offsets, cov);
                }
            }
            assertThat(concatChunkIndexes).as("a task holds one concat chunk index").hasSizeLessThanOrEqualTo(1);
        }

        for (TargetVariable v : schema.variables()) {
            checkChunks(s, v, inputs);
            if (schema.precomputedValues().containsKey(v.name())) {
                double[] expected = new double[(int) v.shape()[0]];
                Arrays.setAll(expected, i -> i);
                assertThat((double[]) schema.precomputedValues().get(v.name())).containsExactly(expected);
                continue;
            }
            long expectedChunks = Arrays.stream(v.chunkGrid()).reduce(1, (a, b) -> a * b);
            assertThat(chunksSeen.stream().filter(k -> k.startsWith(v.name() + "[")).count())
                    .as("chunks of %s", v.name()).isEqualTo(expectedChunks);
            byte[] cov = coverage.getOrDefault(v.name(), new byte[(int) product(v.shape())]);
            for (int i = 0; i < cov.length; i++) {
                assertThat(cov[i]).as("element %d of %s written once", i, v.name()).isEqualTo((byte) 1);
            }
        }
    }

    private static void checkFragment(TargetVariable v, ChunkWrite w, Fragment p, InputMetadata im, long[] offsets, byte[] cov) {
        int n = v.shape().length;
        int ax = v.dims().indexOf("time");
        assertThat(im).as("fragment input exists").isNotNull();
        assertThat(p.transform().isIdentity()).isTrue();
        if (ax < 0) {
            assertThat(im.input().concatIndex()).as("%s without time comes from concat position 0", v.name()).isZero();
        }
        assertThat(im.input().mergeIndex()).isEqualTo(v.mergeIndex());
        DatasetVariable src = im.dataset().variable(v.name());
        long[] inShape = src.shape();
        assertThat(p.sourceStart()).hasSize(n);
        assertThat(p.count()).hasSize(n);
        assertThat(p.destStart()).hasSize(n);
        for (int a = 0; a < n; a++) {
            assertThat(p.count()[a]).isPositive();
            assertThat(p.sourceStart()[a]).isNotNegative();
            assertThat(p.sourceStart()[a] + p.count()[a]).as("inside input").isLessThanOrEqualTo(inShape[a]);
            assertThat(p.destStart()[a]).isNotNegative();
            assertThat(p.destStart()[a] + p.count()[a]).as("inside chunk").isLessThanOrEqualTo(v.chunks()[a]);
            long global = w.chunkIndex()[a] * v.chunks()[a] + p.destStart()[a];
            long fromSource = (a == ax ? offsets[im.input().concatIndex()] : 0) + p.sourceStart()[a];
            assertThat(fromSource).as("source and destination agree along %s", v.dims().get(a)).isEqualTo(global);
            assertThat(global + p.count()[a]).as("inside array").isLessThanOrEqualTo(v.shape()[a]);
        }
        // Mark every element of the box.
        int[] i = new int[n];
        while (true) {
            long flat = 0;
            for (int a = 0; a < n; a++) {
                flat = flat * v.shape()[a] + w.chunkIndex()[a] * v.chunks()[a] + p.destStart()[a] + i[a];
            }
            cov[(int) flat]++;
            int a = n - 1;
            while (a >= 0 && ++i[a] == p.count()[a]) {
                i[a] = 0;
                a--;
            }
            if (a < 0) {
                return;
            }
        }
    }

    private static void checkChunks(Scenario s, TargetVariable v, List<InputMetadata> inputs) {
        for (int a = 0; a < v.dims().size(); a++) {
            String d = v.dims().get(a);
            long len = v.shape()[a];
            long expected;
            if (v.dims().size() == 1 && v.name().equals(d)) {
                expected = len;
            } else if (s.targetChunks().containsKey(d)) {
                expected = s.targetChunks().get(d);
            } else if (d.equals("time")) {
                expected = (long) s.inputsPerChunk() * s.lengths().get(0);
            } else {
                expected = len;
            }
            expected = Math.max(1, Math.min(expected, len));
            assertThat(v.chunks()[a]).as("chunk of %s along %s", v.name(), d).isEqualTo((int) expected);
        }
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long x : shape) {
            p *= x;
        }
        return p;
    }
}
