package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar under spark-submit in local mode, started by submit-scripts/submit-local.sh on
 * a Spark runtime assembled from Maven artifacts: only Spark and Hadoop come from the runtime,
 * everything else from the jar.
 */
class SparkSubmitLocalTest {
    @TempDir
    Path tmp;

    @Test
    void submitLocalRunsTheExampleRecipeFromTheJar() throws Exception {
        Path jar = Deploy.appJar();
        List<Path> files = SampleArchives.oisstDaily(tmp.resolve("oisst"), LocalDate.of(1981, 9, 1), 6, 20, 40);
        Path recipe = tmp.resolve("oisst.yaml");
        Files.writeString(recipe, Deploy.oisstRecipe(tmp.resolve("oisst") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 6));
        Path store = tmp.resolve("out.zarr");
        Path sparkHome = Deploy.sparkHome(tmp.resolve("spark"), Map.of("spark.ui.enabled", "false"));

        Deploy.Result r = Deploy.script("submit-local.sh", Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_LOCAL_IP", "127.0.0.1"),
                recipe.toString(), "--target", store.toString(), "--executors", "2", "--jar", jar.toString());

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Zarr store: " + store).contains("[store chunks]");
        // Spark's classes come from the runtime, ARCO Forge's dependencies relocated inside the jar
        assertThat(r.output()).doesNotContain("NoSuchMethodError").doesNotContain("ClassNotFoundException");
        Deploy.assertIdenticalToSources(store, files, Map.of("sst", List.of(2, 1, 20, 40)), tmp);
    }
}
