package org.arcoforge.plan;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeYaml;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.stage.JobSpec;
import org.arcoforge.stage.ReadMetadata;

/**
 * Plan identity on real files: makes the sample archives (ncgen), reads their metadata with the
 * metadata stage, plans a set of recipes and writes every plan's full dump ({@link PlanDump}) and
 * description to one file. Run it with two builds of the planner on the classpath in turn and diff
 * the outputs:
 *   java -cp OLD_PLAN_CLASSES:target/test-classes:target/classes:DEPS org.arcoforge.plan.RealFixturePlans DIR OUT
 */
public final class RealFixturePlans {
    private RealFixturePlans() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        LocalDate start = LocalDate.of(1981, 9, 1);
        if (!Files.exists(dir.resolve("oisst"))) {
            SampleArchives.oisstDaily(dir.resolve("oisst"), start, 20, 36, 72);
            SampleArchives.netcdf3Monthly(dir.resolve("nc3"), 1999, 14);
            SampleArchives.mergeCase(dir.resolve("merge"), start, 6, 12, 24);
            SampleArchives.longSeries(Files.createDirectories(dir.resolve("series")), 240, 12, 20);
        }
        String oisst = """
                name: oisst
                file_pattern:
                  template: "%s/oisst/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-20, step: P1D}}
                    items_per_file: 1
                file_type: netcdf4
                """.formatted(dir);
        Map<String, String> recipes = new LinkedHashMap<>();
        recipes.put("oisst map", oisst + "target_chunks: {time: 7}\n");
        recipes.put("oisst tiles", oisst + "target_chunks: {time: 5, lat: 10, lon: 25}\nmax_task_memory: 300kB\n");
        recipes.put("oisst series shuffle", oisst + "target_chunks: {time: 20, lat: 7, lon: 13}\nmax_task_memory: 100kB\n");
        recipes.put("oisst chunk size", oisst + "target_chunk_size: {size: 40kB, favor: [time]}\n");
        recipes.put("oisst encoding", oisst + "target_chunks: {time: 4}\nencoding: {sst: {dtype: float32}}\n"
                + "set_attributes: {title: planned}\n");
        recipes.put("nc3 monthly", """
                name: nc3
                file_pattern:
                  template: "%s/nc3/tas_{time:yyyyMM}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1999-01-01, end: 2000-02-01, step: P1M}}
                file_type: netcdf3
                target_chunks: {time: 20}
                """.formatted(dir));
        recipes.put("nc3 shuffle", recipes.get("nc3 monthly").replace("{time: 20}", "{time: 400, lat: 3, lon: 4}\nmax_task_memory: 60kB"));
        recipes.put("merge", """
                name: merge
                file_pattern:
                  template: "%s/merge/{variable}_{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: 1981-09-01, end: 1981-09-06, step: P1D}}
                  merge_dim:
                    name: variable
                    keys: [sst, ice]
                target_chunks: {time: 2, lon: 10}
                """.formatted(dir));
        recipes.put("series slices", """
                name: series
                file_pattern:
                  template: "%s/series/tas_series.nc"
                target_chunks: {time: 240, lat: 5, lon: 6}
                max_task_memory: 100kB
                """.formatted(dir));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : recipes.entrySet()) {
            Recipe recipe = RecipeYaml.parse(e.getValue(), e.getKey(), dir);
            JobSpec job = new JobSpec(recipe, dir.resolve("unused.zarr").toString(), Map.of(), false);
            List<InputMetadata> md = new ArrayList<>();
            for (InputFile f : recipe.filePattern().inputs()) {
                md.add(ReadMetadata.read(f, job).metadata());
            }
            out.append("== ").append(e.getKey()).append('\n');
            try {
                StorePlan plan = Planner.plan(md, job.planOptions());
                out.append(PlanDescription.describe(plan, md.size())).append(PlanDump.dump(plan));
            } catch (PlanException x) {
                out.append("error ").append(x.getMessage()).append('\n');
            }
        }
        Files.writeString(Path.of(args[1]), out.toString(), StandardCharsets.UTF_8);
    }
}
