package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notebooks/*.zpln: a valid Zeppelin note whose %spark paragraphs run, in order, against the built
 * application jar on the Maven-assembled Spark runtime, and leave a store xarray agrees with.
 */
class ZeppelinNoteTest {
    static final Path NOTE = Deploy.ROOT.resolve("notebooks/arcoforge-recipe-step-by-step.zpln");

    @TempDir
    Path tmp;

    @Test
    void noteIsAZeppelinNoteWithEveryStage() throws Exception {
        JsonNode note = new ObjectMapper().readTree(NOTE.toFile());
        assertThat(note.path("defaultInterpreterGroup").asText()).isEqualTo("spark");
        assertThat(note.path("name").asText()).isNotBlank();
        List<String> titles = new ArrayList<>();
        note.get("paragraphs").forEach(p -> {
            assertThat(p.path("id").asText()).isNotBlank();
            assertThat(p.path("text").asText()).startsWith("%");
            titles.add(p.path("title").asText());
        });
        assertThat(titles).contains("1. Load the recipe", "2. Cache", "4. Prepare the target",
                "5. Store a few chunks", "6. Store the rest and finalize", "7. Look at the result");
    }

    @Test
    void noteParagraphsRunAgainstTheApplicationJar() throws Exception {
        List<Path> files = SampleArchives.oisstDaily(tmp.resolve("oisst"), LocalDate.of(1981, 9, 1), 8, 20, 40);
        Path recipe = tmp.resolve("oisst.yaml");
        Files.writeString(recipe, Deploy.oisstRecipe(tmp.resolve("oisst") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 8));
        Path store = tmp.resolve("note.zarr");

        List<String> cp = new ArrayList<>();
        cp.add(Path.of(NoteRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        cp.addAll(List.of(Files.readString(Path.of(System.getProperty("arcoforge.scala.compiler"))).strip()
                .split(File.pathSeparator)));
        cp.addAll(Deploy.sparkRuntime());
        cp.add(Deploy.appJar().toString());
        List<String> cmd = new ArrayList<>(List.of(Deploy.java()));
        cmd.addAll(List.of(Deploy.sparkJvmFlags().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-cp", String.join(File.pathSeparator, cp), NoteRunner.class.getName(),
                NOTE.toString(), tmp.toString()));
        Deploy.Result r = Deploy.exec(cmd, Map.of("ARCOFORGE_NOTE_RECIPE", recipe.toString(),
                "ARCOFORGE_NOTE_TARGET", store.toString(), "SPARK_LOCAL_IP", "127.0.0.1"), 300);

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("=== ran 8 paragraphs", "0 inputs in the cache (0 reused)",
                "recipe deploy-oisst: 6 inputs", "[prepare: read metadata] 6/6 inputs",
                "8 chunks written by the first 2 of 6 tasks", "7 more chunks written", "complete: " + store,
                "sst      INT16", "first chunk, first step: raw values");
        // the printed map: rows of shades, as wide as the chunk's longitude axis
        assertThat(r.output().lines().filter(l -> l.length() == 40 && l.matches("[ .:\\-=+*#%@]+")).count())
                .isGreaterThanOrEqualTo(10);
        Deploy.assertIdenticalToSources(store, files.subList(0, 6), Map.of("sst", List.of(2, 1, 20, 40)), tmp);
    }
}
