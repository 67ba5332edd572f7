package org.arcoforge.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessesTest {
    @Test
    void outputAndExitCodeAreKept() throws Exception {
        Processes.Result r = Processes.run(new ProcessBuilder("sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(30));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("out\n").contains("err\n");
    }

    @Test
    void aHungProcessIsKilledAtTheTimeout() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Processes.run(new ProcessBuilder("sh", "-c", "echo started; sleep 600"),
                Duration.ofSeconds(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("timed out after 1 s: sh -c")
                .hasMessageContaining("started");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }
}
