package org.arcoforge.format.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.format.FormatException;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.PlanOptions;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;
import org.junit.jupiter.api.Test;

/** The driver's combine on synthetic layouts: keys shifted along the concat dim, and the regular-grid rule. */
class ReferenceCombinerTest {
    /** Inputs with {@code steps[i]} time steps, tas stored in HDF5 chunks of {@code chunk} steps. */
    private static String combine(int chunk, int... steps) throws Exception {
        List<InputMetadata> md = new ArrayList<>();
        List<InputLayout> layouts = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < steps.length; i++) {
            int n = steps[i];
            String url = "file:///data/f" + i + ".nc";
            Map<String, Long> dims = new LinkedHashMap<>(Map.of("time", (long) n, "x", 4L));
            List<DatasetVariable> vars = List.of(
                    new DatasetVariable("time", List.of("time"), new long[] {n}, DType.FLOAT64, Map.of("units", "days since 2000-01-01"), null),
                    new DatasetVariable("tas", List.of("time", "x"), new long[] {n, 4}, DType.FLOAT32, Map.of(), null));
            double[] time = new double[n];
            for (int s = 0; s < n; s++) {
                time[s] = t++;
            }
            md.add(new InputMetadata(new InputFile(i, i, 0, Map.of(), url), dims, new Dataset(url, Map.of(), vars), time,
                    Map.of()));
            int count = (n + chunk - 1) / chunk;
            int[] grid = new int[count * 2];
            long[] offsets = new long[count];
            int[] lengths = new int[count];
            for (int c = 0; c < count; c++) {
                grid[c * 2] = c;
                offsets[c] = 1000 + c * 100L;
                lengths[c] = 100;
            }
            layouts.add(new InputLayout(url, Map.of("tas", new VariableLayout("tas", "<f4", new long[] {n, 4},
                    new int[] {chunk, 4}, List.of(), grid, offsets, lengths, null, null))));
        }
        StorePlan plan = Planner.plan(md, new PlanOptions("time", null, Map.of(), 1, Map.of()));
        ReferenceSet set = ReferenceCombiner.combine(plan.schema(), md, layouts, "time", Map.of());
        return new String(KerchunkJson.toBytes(set), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void chunksOfLaterInputsAreShiftedByTheirStartAlongTheConcatDim() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(combine(5, 10, 10, 7));
        JsonNode refs = doc.get("refs");
        assertThat(refs.get("tas/0.0").get(0).asText()).isEqualTo("{{u0}}");
        assertThat(refs.get("tas/2.0").get(0).asText()).isEqualTo("{{u1}}"); // input 1 starts at step 10: chunk 2
        assertThat(refs.get("tas/5.0").get(0).asText()).isEqualTo("{{u2}}");
        assertThat(refs.get("tas/5.0").get(1).asLong()).isEqualTo(1100);
        assertThat(refs.has("tas/6.0")).isFalse();
        assertThat(doc.get("templates").get("u2").asText()).isEqualTo("file:///data/f2.nc");
        assertThat(new ObjectMapper().readTree(refs.get("tas/.zarray").asText()).get("shape").toString()).isEqualTo("[27,4]");
    }

    @Test
    void inputsThatDoNotEndOnTheChunkGridAreRefused() {
        assertThatThrownBy(() -> combine(10, 31, 28, 30)).isInstanceOf(FormatException.class)
                .hasMessageContaining("variable 'tas'").hasMessageContaining("one regular grid")
                .hasMessageContaining("file:///data/f0.nc holds 31 steps").hasMessageContaining("31, 28, 30")
                .hasMessageContaining("kind: zarr");
    }
}
