package org.arcoforge.codec;

import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.format.zarr2.ArrayMeta;
import org.arcoforge.format.zarr2.ZarrGroupWriter;
import org.arcoforge.format.zarr2.ZarrJson;
import org.arcoforge.store.HadoopStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zarr v2 string arrays: vlen-utf8 bytes and .zarray exactly as zarr-python 2.13 / numcodecs write them. */
class VlenUtf8Test {
    static final String PYTHON = "/usr/bin/python3";
    static final String[] VALUES = {"Zürich", "", "Ålesund", "日本語", "emoji \uD83C\uDF0A", "x"};

    @TempDir
    Path dir;

    @Test
    void chunkBytesEqualNumcodecsVlenUtf8() throws Exception {
        Path out = dir.resolve("ref.bin");
        Path py = dir.resolve("ref.py");
        Files.writeString(py, """
                import sys, json, numpy as np
                from numcodecs import VLenUTF8
                vals = json.load(open(sys.argv[1], encoding="utf-8"))
                open(sys.argv[2], "wb").write(VLenUTF8().encode(np.array(vals, dtype=object)))
                """);
        Path in = dir.resolve("vals.json");
        Files.writeString(in, ZarrJson.MAPPER.writeValueAsString(VALUES), StandardCharsets.UTF_8);
        Processes.Result r = Processes.run(new ProcessBuilder(PYTHON, py.toString(), in.toString(), out.toString()),
                Duration.ofMinutes(1));
        assertThat(r.exitCode()).as(r.output()).isZero();
        byte[] ours = VlenUtf8.encode(VALUES);
        assertThat(ours).isEqualTo(Files.readAllBytes(out));
        assertThat(VlenUtf8.decode(ours, VALUES.length)).containsExactly(VALUES);
        assertThatThrownBy(() -> VlenUtf8.decode(ours, VALUES.length + 1)).hasMessageContaining("expected 7");
        assertThatThrownBy(() -> VlenUtf8.decode(java.util.Arrays.copyOf(ours, ours.length - 1), VALUES.length))
                .hasMessageContaining("overruns");
    }

    @Test
    void zarrPythonReadsAStringArrayWithEdgeChunks() throws Exception {
        Path store = dir.resolve("s.zarr");
        ZarrGroupWriter w = new ZarrGroupWriter(new HadoopStore(store.toString()));
        w.writeGroup(Map.of());
        ArrayMeta meta = new ArrayMeta(new long[] {2, 3}, new int[] {1, 2}, DType.STRING, null,
                CodecRegistry.compression(new Compressor("zlib", 1, true)));
        w.createArray("names", meta, List.of("y", "x"), Map.of("long_name", "names"));
        var zarray = ZarrJson.MAPPER.readTree(store.resolve("names/.zarray").toFile());
        assertThat(zarray.get("dtype").asText()).isEqualTo("|O");
        assertThat(zarray.get("fill_value").isNull()).isTrue();
        assertThat(zarray.get("filters").toString()).isEqualTo("[{\"id\":\"vlen-utf8\"}]");
        TestArrays.writeAll(w, "names", VALUES);
        ZarrGroupWriter fresh = new ZarrGroupWriter(w.store());
        assertThat(fresh.readArrayMeta("names")).isEqualTo(meta);
        assertThat((String[]) TestArrays.assemble(fresh, "names")).containsExactly(VALUES);
        w.consolidate();
        Processes.Result r = Processes.run(new ProcessBuilder(PYTHON, "-c", """
                import sys, zarr, json
                a = zarr.open_consolidated(sys.argv[1])["names"]
                print(json.dumps(a[:].tolist(), ensure_ascii=True))
                """, store.toString()), Duration.ofMinutes(1));
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().trim()).isEqualTo("[[\"Z\\u00fcrich\", \"\", \"\\u00c5lesund\"], "
                + "[\"\\u65e5\\u672c\\u8a9e\", \"emoji \\ud83c\\udf0a\", \"x\"]]");
    }
}
