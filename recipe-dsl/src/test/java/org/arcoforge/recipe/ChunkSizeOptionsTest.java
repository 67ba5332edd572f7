package org.arcoforge.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ChunkSizeOptionsTest {
    private static final String PATTERN = """
            file_pattern:
              template: "d/{time}.nc"
              concat_dim: {name: time, keys: {range: {start: 0, stop: 3}}}
            """;

    private static Recipe parse(String extra) {
        return RecipeYaml.parse(PATTERN + extra, "r.yaml", Path.of("/tmp"));
    }

    @Test
    void sizesInDecimalAndBinaryUnits() {
        assertThat(ByteSize.parse("512MB")).isEqualTo(512_000_000L);
        assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse(" 1.5 gb ")).isEqualTo(1_500_000_000L);
        assertThat(ByteSize.parse("4096")).isEqualTo(4096);
        assertThat(ByteSize.parse("100kB")).isEqualTo(100_000);
        assertThatThrownBy(() -> ByteSize.parse("lots")).hasMessageContaining("512MB");
        assertThatThrownBy(() -> ByteSize.parse("0MB")).hasMessageContaining("at least 1 byte");
        assertThatThrownBy(() -> ByteSize.parse("5000000TB")).hasMessageContaining("at most 4611686TB")
                .hasMessageNotContaining("at least");
        assertThat(ByteSize.parse("4000000TB")).isEqualTo(4_000_000_000_000_000_000L);
    }

    @Test
    void loadsTargetChunkSizeAndMaxTaskMemory() {
        Recipe r = parse("target_chunk_size: {size: 20MB, favor: [time]}\nmax_task_memory: 256MiB\n");
        assertThat(r.targetChunkSize()).isEqualTo(20_000_000L);
        assertThat(r.chunkFavor()).containsExactly("time");
        assertThat(r.maxTaskMemory()).isEqualTo(256L << 20);

        Recipe plain = parse("target_chunk_size: 5000000\n");
        assertThat(plain.targetChunkSize()).isEqualTo(5_000_000L);
        assertThat(plain.chunkFavor()).isEmpty();
        assertThat(plain.maxTaskMemory()).isZero();
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> parse("max_task_memory: plenty\n"))
                .hasMessageContaining("max_task_memory: 'plenty' is not a size");
        assertThatThrownBy(() -> parse("target_chunk_size: {favor: [time]}\n"))
                .hasMessageContaining("target_chunk_size needs a size");
        assertThatThrownBy(() -> parse("target_chunk_size: {size: 1MB, favour: [time]}\n"))
                .hasMessageContaining("unknown field 'favour'");
    }

    @Test
    void chunkSizeChangesTheFingerprintButTheMemoryBudgetDoesNot() {
        Recipe base = parse("");
        assertThat(parse("max_task_memory: 64MB\n").fingerprint()).isEqualTo(base.fingerprint());
        assertThat(parse("target_chunk_size: 64MB\n").fingerprint()).isNotEqualTo(base.fingerprint());
        assertThat(base.canonicalForm()).doesNotContain("target_chunk_size");
    }
}
