package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.arcoforge.io.NetcdfInput;
import org.arcoforge.recipe.ConcatDim;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.Keys;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.zarr.HadoopZarrStore;
import org.arcoforge.zarr.ZarrGroupWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recipe written with the Java builder, with a lambda preprocessor, through the pipeline API. */
class JavaRecipeTest {
    @TempDir
    Path tmp;

    @Test
    void lambdaPreprocessorChangesValuesAndAttributesOnEveryFragment() throws Exception {
        List<Path> files = SampleArchives.oisstDaily(tmp.resolve("in"), LocalDate.of(2000, 1, 30), 4, 8, 16);
        Recipe recipe = Recipe.builder(FilePattern.template(tmp.resolve("in") + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc",
                        ConcatDim.of("time", Keys.dates(LocalDate.of(2000, 1, 30), LocalDate.of(2000, 2, 2), Period.ofDays(1)), 1)))
                .fileType(FileType.NETCDF4)
                .targetChunk("time", 3)
                .preprocess(fragment -> {
                    if (!fragment.has("ice")) {
                        return;
                    }
                    var ice = fragment.variable("ice");
                    ice.attributes().put("comment", "ice set to zero where present");
                    if (ice.data() != null) {
                        short[] v = (short[]) ice.data();
                        for (int i = 0; i < v.length; i++) {
                            if (v[i] != -999) {
                                v[i] = 0;
                            }
                        }
                    }
                })
                .build();
        Path store = tmp.resolve("java.zarr");
        JobSpec job = new JobSpec(recipe, store.toString(), Map.of(), false);
        StringWriter console = new StringWriter();
        try (JavaSparkContext sc = new JavaSparkContext(SparkPipeline.conf("java-recipe-test", "local[2]")
                .set("spark.ui.enabled", "false"))) {
            SparkPipeline.RunSummary s = SparkPipeline.run(sc, job, new PrintWriter(console, true));
            assertThat(s.inputs).isEqualTo(4);
        }
        assertThat(store.resolve(".zmetadata")).exists();
        assertThat(Files.readString(store.resolve("ice/.zattrs"))).contains("ice set to zero where present");

        ZarrGroupWriter zarr = new ZarrGroupWriter(new HadoopZarrStore(store.toString(), Map.of()));
        short[] secondChunk = (short[]) zarr.readChunk("ice", new long[] {1, 0, 0, 0});
        short[] sstChunk = (short[]) zarr.readChunk("sst", new long[] {1, 0, 0, 0});
        try (NetcdfInput day4 = NetcdfInput.open(files.get(3).toString(), Map.of(), FileType.AUTO)) {
            short[] ice = (short[]) day4.read("ice", new long[] {0, 0, 0, 0}, new int[] {1, 1, 8, 16});
            short[] sst = (short[]) day4.read("sst", new long[] {0, 0, 0, 0}, new int[] {1, 1, 8, 16});
            int present = 0;
            for (int i = 0; i < ice.length; i++) {
                assertThat(secondChunk[i]).isEqualTo(ice[i] == -999 ? (short) -999 : (short) 0);
                assertThat(sstChunk[i]).isEqualTo(sst[i]);
                present += ice[i] != -999 ? 1 : 0;
            }
            assertThat(present).as("sample has sea ice values to change").isPositive();
        }
    }
}
