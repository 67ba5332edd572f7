package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.arcoforge.recipe.InputFile;
import org.junit.jupiter.api.Test;

class InputRecordTest {
    private static String location(String url) {
        return InputRecord.location(new InputFile(0, 0, 0, Map.of(), url));
    }

    @Test
    void inputsThatDifferOnlyInTheirQueryAreDifferentInputsAndTheQueryIsNotWritten() {
        String a = location("https://user:pw@data.example.org/get.nc?day=20240101");
        String b = location("https://user:pw@data.example.org/get.nc?day=20240102");
        assertThat(a).isNotEqualTo(b).startsWith("https://data.example.org/get.nc?sha256=");
        assertThat(a + b).doesNotContain("20240101").doesNotContain("20240102").doesNotContain("pw");
        assertThat(location("https://data.example.org/get.nc?day=20240101")).isEqualTo(a);
    }

    @Test
    void locationsWithoutAQueryAreTheSafeLocation() {
        assertThat(location("/data/oisst/day1.nc")).isEqualTo(org.arcoforge.source.ByteSources.safeLocation("/data/oisst/day1.nc"));
        assertThat(location("https://u:p@h.example.org/a.nc")).isEqualTo("https://h.example.org/a.nc");
    }
}
