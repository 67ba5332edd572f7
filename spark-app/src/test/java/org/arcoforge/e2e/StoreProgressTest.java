package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store stage's progress lines when the output is not a terminal: plain lines, and the MB
 * they show are the decoded MB of the chunks written so far. Through the shuffle the maps decode
 * every input before the first chunk is written; the line used to show that total from then on.
 */
class StoreProgressTest {
    private static final Pattern STORE = Pattern.compile(
            "^\\[store chunks\\] (\\d+)/(\\d+) chunks, ([0-9.]+) MB decoded, [0-9.]+ MB/s, [0-9.]+ s$");

    @TempDir
    Path tmp;

    @Test
    void shuffleLinesShowTheDecodedMegabytesOfTheChunksWrittenSoFar() throws Exception {
        Path dir = tmp.resolve("oisst");
        SampleArchives.oisstDaily(dir, LocalDate.of(1981, 9, 1), 24, 180, 360);
        // 64 chunks of 194 kB decoded (4 variables x 16 tiles) and 3 small coordinate chunks, through the shuffle under a 2 MB budget
        Path recipe = RunRecipe.writeRecipe(tmp, "ts.yaml", RunRecipe.oisstRecipe(
                dir + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 24, "{time: 24, lat: 45, lon: 90}",
                "max_task_memory: 2MB\n"));
        String period = System.setProperty("arcoforge.progress.seconds", "0.01");
        RunRecipe r;
        try {
            r = RunRecipe.run(recipe, tmp.resolve("ts.zarr"), "--master", "local[1]");
        } finally {
            if (period == null) {
                System.clearProperty("arcoforge.progress.seconds");
            } else {
                System.setProperty("arcoforge.progress.seconds", period);
            }
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("goes through the shuffle").doesNotContain("\r").doesNotContain("\033");
        List<String> lines = r.err().lines().filter(l -> l.startsWith("[store chunks]")).toList();
        assertThat(lines).as(r.err()).hasSizeGreaterThan(3).allMatch(l -> STORE.matcher(l).matches());
        Matcher last = STORE.matcher(lines.get(lines.size() - 1));
        assertThat(last.matches()).isTrue();
        assertThat(last.group(1)).isEqualTo("67"); // and zlev, lat, lon
        double total = Double.parseDouble(last.group(3));
        assertThat(total).isCloseTo(64 * 0.1944, org.assertj.core.data.Offset.offset(0.2));
        boolean before = false;
        double previous = 0;
        for (String l : lines) {
            Matcher m = STORE.matcher(l);
            assertThat(m.matches()).isTrue();
            long done = Long.parseLong(m.group(1));
            double mb = Double.parseDouble(m.group(3));
            // at most the chunks written so far (each 194.4 kB), and never going back
            assertThat(mb).as(l).isLessThanOrEqualTo(done * 0.1944 + 0.05).isGreaterThanOrEqualTo(previous);
            previous = mb;
            before |= done == 0;
        }
        assertThat(before).as("a line before the first chunk was written: %s", lines).isTrue();
    }
}
