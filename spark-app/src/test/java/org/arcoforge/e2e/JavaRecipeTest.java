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
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.recipe.ConcatDim;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.Keys;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.spark.SparkPipeline;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.store.HadoopStore;
import org.arcoforge.format.zarr2.ZarrGroupWriter;
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
                    if (!fragment.has("sst")) {
                        return;
                    }
                    var sst = fragment.variable("sst");
                    sst.attributes().put("comment", "sst set to zero where present");
                    if (sst.data() != null) {
                        short[] v = (short[]) sst.data();
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
        assertThat(Files.readString(store.resolve("sst/.zattrs"))).contains("sst set to zero where present");

        ZarrGroupWriter zarr = new ZarrGroupWriter(new HadoopStore(store.toString(), Map.of()));
        short[] secondChunk = (short[]) zarr.readChunk("sst", new long[] {1, 0, 0, 0});
        short[] anomChunk = (short[]) zarr.readChunk("anom", new long[] {1, 0, 0, 0});
        try (NetcdfInput day4 = NetcdfInput.open(files.get(3).toString(), Map.of(), FileType.AUTO)) {
            short[] sst = (short[]) day4.read("sst", new long[] {0, 0, 0, 0}, new int[] {1, 1, 8, 16});
            short[] anom = (short[]) day4.read("anom", new long[] {0, 0, 0, 0}, new int[] {1, 1, 8, 16});
            int present = 0;
            for (int i = 0; i < sst.length; i++) {
                assertThat(secondChunk[i]).isEqualTo(sst[i] == -999 ? (short) -999 : (short) 0);
                assertThat(anomChunk[i]).isEqualTo(anom[i]);
                present += sst[i] != -999 && sst[i] != 0 ? 1 : 0;
            }
            assertThat(present).as("sample has sst values to change").isPositive();
        }
    }
}
