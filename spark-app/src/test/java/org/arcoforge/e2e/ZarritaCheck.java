package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.Assumptions;

/**
 * zarrita (JavaScript, npm; installed by bin/setup --tests into src/test/node) reads every array of
 * a store through its consolidated metadata; its values must equal, bit for bit, what
 * netCDF4-python reads raw ({@code set_auto_maskandscale(False)}) from the inputs.
 */
final class ZarritaCheck {
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZarritaCheck() {
    }

    /** Skips the calling test, saying why, when there is no node (bin/setup --tests installs it). */
    private static void requireNode() throws Exception {
        boolean node;
        try {
            node = Processes.run(new ProcessBuilder("node", "--version"), Duration.ofSeconds(30)).exitCode() == 0;
        } catch (java.io.IOException e) {
            node = false;
        }
        Assumptions.assumeTrue(node, "node is not installed: run bin/setup --tests (Debian's nodejs and zarrita)");
        assertThat(NODE_DIR.resolve("node_modules/zarrita")).as("zarrita: run bin/setup --tests").isDirectory();
    }

    /** Array name to {dtype, shape, n, sha256} as zarrita reads the store (a Zarr v2/v3 folder or a reference .json). */
    static Map<String, JsonNode> read(Path store) throws Exception {
        requireNode();
        Processes.Result r = Processes.run(new ProcessBuilder("node", NODE_DIR.resolve("zarrita-read.mjs").toString(),
                store.toString()).directory(NODE_DIR.toFile()), Duration.ofMinutes(3), false);
        assertThat(r.exitCode()).as("zarrita on %s:%n%s%s", store, r.output(), r.errors()).isZero();
        String out = r.output().strip();
        JsonNode j = JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
        Map<String, JsonNode> m = new TreeMap<>();
        j.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /**
     * SHA-256 of every variable's raw values in the inputs (netCDF4-python, no mask or scale), the
     * variables along {@code concatDim} concatenated in file order, the others from the first file
     * holding them; {@code skip} left out (a re-encoded time, say).
     */
    static Map<String, String> sourceDigests(List<Path> files, String concatDim, List<String> skip) throws Exception {
        String code = """
                import hashlib, json, netCDF4, numpy as np
                out, parts = {}, {}
                for f in FILES:
                    with netCDF4.Dataset(f) as ds:
                        ds.set_auto_maskandscale(False)
                        for name, v in ds.variables.items():
                            if name in SKIP:
                                continue
                            a = np.ascontiguousarray(v[...])
                            if CONCAT in v.dimensions:
                                parts.setdefault(name, []).append((v.dimensions.index(CONCAT), a))
                            elif name not in parts:
                                parts[name] = [(-1, a)]
                for name, ps in parts.items():
                    a = ps[0][1] if ps[0][0] < 0 else np.concatenate([p[1] for p in ps], axis=ps[0][0])
                    a = np.ascontiguousarray(a.astype(a.dtype.newbyteorder('<')))
                    out[name] = hashlib.sha256(a.tobytes()).hexdigest()
                print(json.dumps(out))
                """;
        StringBuilder skipList = new StringBuilder("[");
        skip.forEach(s -> skipList.append("'").append(s).append("',"));
        String prelude = "CONCAT = '" + concatDim + "'\nSKIP = " + skipList + "]\n";
        String out = PythonSnippet.run(prelude + code, Path.of("."), files).strip();
        JsonNode j = JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
        Map<String, String> m = new TreeMap<>();
        j.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    /** Asserts zarrita reads every source variable (but {@code skip}) with the inputs' raw values, bit for bit. */
    static void assertSameAsSources(Path store, List<Path> files, String concatDim, List<String> skip) throws Exception {
        Map<String, JsonNode> read = read(store);
        Map<String, String> sources = sourceDigests(files, concatDim, skip);
        assertThat(sources).isNotEmpty();
        List<String> differ = new ArrayList<>();
        sources.forEach((name, sha) -> {
            JsonNode z = read.get(name);
            if (z == null || !sha.equals(z.path("sha256").asText())) {
                differ.add(name + (z == null ? " (not read)" : " " + z));
            }
        });
        assertThat(differ).as("arrays of %s whose zarrita values differ from the sources' (read: %s)", store,
                read.keySet()).isEmpty();
    }
}
