package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.plan.ChunkWrite;
import org.arcoforge.plan.Fragment;
import org.arcoforge.plan.StoreTask;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.data.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The direct path's read strategy: one piece per input, unless a variable's fragments lie scattered. */
class PieceReadsTest {

    private static final TargetVariable SST = new TargetVariable("sst", "sst", List.of("time", "lon"),
            new long[] {10, 100}, new int[] {1, 10}, DType.INT16, Map.of(), null, 0, true);
    private static final TargetVariable ICE = new TargetVariable("ice", "ice", List.of("time", "lon"),
            new long[] {10, 100}, new int[] {1, 10}, DType.INT16, Map.of(), null, 0, true);

    private static DirectFragment fragment(TargetVariable v, long lon) {
        Fragment p = new Fragment(0, new long[] {3, lon}, new int[] {1, 10}, new int[] {0, 0}, null);
        return new DirectFragment(new ChunkWrite(v.name(), new long[] {3, lon / 10}, List.of(p)), v, p);
    }

    @Test
    void neighbouringFragmentsAreReadAsOnePieceScatteredOnesOneByOne() {
        DirectFragment a = fragment(SST, 0);
        DirectFragment b = fragment(SST, 10);
        DirectFragment c = fragment(ICE, 0);
        DirectFragment d = fragment(ICE, 90);
        List<PieceReads.Read> reads = PieceReads.of(List.of(c, a, d, b));
        // sst: a box of 20 for 20 needed, together; ice: a box of 100 for 20 needed, one read each
        assertThat(reads).hasSize(3);
        PieceReads.Read together = reads.get(0);
        assertThat(together.starts().keySet()).containsExactly("sst");
        assertThat(together.starts().get("sst")).containsExactly(3, 0);
        assertThat(together.shapes().get("sst")).containsExactly(1, 20);
        assertThat(together.fragments().get("sst")).containsExactly(a, b);
        assertThat(reads.get(1).fragments().get("ice")).containsExactly(c);
        assertThat(reads.get(1).starts().get("ice")).containsExactly(3, 0);
        assertThat(reads.get(2).fragments().get("ice")).containsExactly(d);
        assertThat(reads.get(2).starts().get("ice")).containsExactly(3, 90);
        assertThat(reads.get(2).shapes().get("ice")).containsExactly(1, 10);
        // exactly twice what is needed still goes together
        assertThat(PieceReads.of(List.of(fragment(SST, 0), fragment(SST, 30)))).hasSize(1);
        assertThat(PieceReads.of(List.of(fragment(SST, 0), fragment(SST, 40)))).hasSize(2);
    }

    @Test
    void aRealPlansFragmentsAreEachReadOnceInsideTheirPiece(@TempDir Path tmp) {
        Path archive = tmp.resolve("oisst");
        StoreStageFixture fx = StoreStageFixture.of(archive, StoreStageFixture.archive(archive, 4),
                tmp.resolve("t.zarr"), "{time: 2, lat: 5, lon: 7}", "");
        for (StoreTask t : fx.plan.tasks()) {
            Map<Integer, List<DirectFragment>> byInput = new java.util.TreeMap<>();
            for (ChunkWrite w : t.writes()) {
                for (Fragment p : w.fragments()) {
                    byInput.computeIfAbsent(p.inputIndex(), k -> new ArrayList<>())
                            .add(new DirectFragment(w, fx.variable(w.variable()), p));
                }
            }
            for (List<DirectFragment> fs : byInput.values()) {
                Map<DirectFragment, Integer> seen = new IdentityHashMap<>();
                for (PieceReads.Read r : PieceReads.of(fs)) {
                    r.fragments().forEach((name, held) -> {
                        long[] start = r.starts().get(name);
                        int[] shape = r.shapes().get(name);
                        long needed = 0;
                        for (DirectFragment f : held) {
                            seen.merge(f, 1, Integer::sum);
                            needed += NdArrays.product(f.fragment().count());
                            for (int d = 0; d < start.length; d++) {
                                assertThat(f.fragment().sourceStart()[d]).isGreaterThanOrEqualTo(start[d]);
                                assertThat(f.fragment().sourceStart()[d] + f.fragment().count()[d])
                                        .isLessThanOrEqualTo(start[d] + shape[d]);
                            }
                        }
                        // the bound the planner's memory estimate counts on
                        assertThat((long) NdArrays.product(shape)).isLessThanOrEqualTo(2 * needed);
                    });
                }
                assertThat(seen).hasSize(fs.size()).allSatisfy((f, n) -> assertThat(n).isEqualTo(1));
            }
        }
    }
}
