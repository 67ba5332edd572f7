package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.stage.PrepareTarget;
import org.arcoforge.testinfra.Processes;

/**
 * The Zarr recipe's strict check (src/test/python/compare_with_xarray.py) on a kerchunk reference
 * store: fsspec's reference filesystem + zarr + xarray.open_dataset(engine="zarr") against
 * open_mfdataset over the inputs (values, attributes, encoding, decoded times, raw values, chunks).
 */
final class ReferenceCheck {
    private ReferenceCheck() {
    }

    static String assertIdentical(Path json, List<List<Path>> files, String concatDim, Map<String, List<Integer>> chunks,
                                  List<String> reencoded, Path workDir) throws IOException, InterruptedException {
        assertThat(Path.of(XarrayCheck.PYTHON)).exists();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("store", json.toString());
        spec.put("reference", true);
        spec.put("files", files.stream().map(r -> r.stream().map(Path::toString).toList()).toList());
        spec.put("concat_dim", concatDim);
        spec.put("chunks", chunks);
        spec.put("reencoded", reencoded);
        spec.put("encoding", Map.of());
        spec.put("drop_variables", List.of());
        spec.put("ignore_global_attrs", List.of(PrepareTarget.ATTR_VERSION, PrepareTarget.ATTR_RECIPE_HASH,
                PrepareTarget.ATTR_INPUTS));
        Path specFile = Files.createTempFile(workDir, "reference-check", ".json");
        new ObjectMapper().writeValue(specFile.toFile(), spec);
        Path script = Path.of("src/test/python/compare_with_xarray.py").toAbsolutePath();
        Processes.Result r = Processes.run(new ProcessBuilder(XarrayCheck.PYTHON, script.toString(), specFile.toString()),
                Duration.ofMinutes(5));
        assertThat(r.exitCode()).as("xarray check output:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("identical");
        return r.output();
    }

    /** zarrita's ReferenceStore (src/test/node/zarrita-ref-read.mjs) reads every source variable with its raw values. */
    static void assertZarritaSameAsSources(Path json, List<Path> files, String concatDim) throws Exception {
        Processes.Result r = Processes.run(new ProcessBuilder("node",
                ZarritaCheck.NODE_DIR.resolve("zarrita-ref-read.mjs").toString(), json.toString())
                .directory(ZarritaCheck.NODE_DIR.toFile()), Duration.ofMinutes(3), false);
        assertThat(r.exitCode()).as("zarrita on %s:%n%s%s", json, r.output(), r.errors()).isZero();
        String out = r.output().strip();
        JsonNode read = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
        Map<String, String> sources = ZarritaCheck.sourceDigests(files, concatDim, List.of());
        assertThat(sources).isNotEmpty();
        List<String> differ = new java.util.ArrayList<>();
        sources.forEach((name, sha) -> {
            JsonNode z = read.get(name);
            if (z == null || !sha.equals(z.path("sha256").asText())) {
                differ.add(name + (z == null ? " (not read)" : " " + z));
            }
        });
        assertThat(differ).as("arrays zarrita reads with other values than the sources'").isEmpty();
    }
}
