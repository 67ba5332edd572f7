package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.codec.ElementBytes;

class ChunkBuffersTest {

    @Property(tries = 200)
    void takesAnArrayOfTheDtypeAndLengthAndReusesWhatWasGiven(
            @ForAll @Size(min = 1, max = 6) List<DType> dtypes, @ForAll @IntRange(min = 0, max = 5000) int n) {
        List<Object> taken = new ArrayList<>();
        for (DType t : dtypes) {
            Object a = ChunkBuffers.take(t, n);
            assertThat(ElementBytes.matches(t, a)).isTrue();
            assertThat(ElementBytes.length(a)).isEqualTo(n);
            taken.add(a);
        }
        taken.forEach(ChunkBuffers::give);
        for (DType t : dtypes) {
            Object a = ChunkBuffers.take(t, n);
            assertThat(taken.stream().anyMatch(x -> x == a)).as("reused for %s", t).isTrue();
            taken.removeIf(x -> x == a);
        }
    }

    @Property(tries = 20)
    void neverHoldsMoreThanItsLimit(@ForAll @IntRange(min = 1, max = 8) int count) {
        long limit = 30_000;
        int n = (int) (limit / 8 / 3) + 1;
        List<Object> given = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            given.add(ChunkBuffers.take(DType.INT64, n));
        }
        given.forEach(a -> ChunkBuffers.give(a, limit));
        int reused = 0;
        for (int i = 0; i < count; i++) {
            Object a = ChunkBuffers.take(DType.INT64, n);
            if (given.stream().anyMatch(x -> x == a)) {
                reused++;
            }
        }
        // each is just over a third of the limit: at most two fit
        assertThat(reused).isEqualTo(Math.min(count, 2));
    }
}
