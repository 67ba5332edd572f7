package org.arcoforge.format.zarr2;

import org.arcoforge.codec.CodecRegistry;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.codec.TestArrays;
import org.arcoforge.store.HadoopStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.testinfra.Processes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes a store with every dtype and compressor and has the real Python stack (Debian's
 * zarr 2.13, numcodecs 0.11, xarray) read it back. Fails, never skips, when Python is missing.
 */
class PythonInteropTest {
    static final String PYTHON = "/usr/bin/python3";
    static final int NY = 7;
    static final int NX = 5;

    @TempDir
    Path dir;

    private static Number fillFor(DType t) {
        return switch (t) {
            case INT8 -> -7;
            case UINT8 -> 250;
            case INT16 -> -9999;
            case UINT16 -> 65535;
            case INT32 -> Integer.MIN_VALUE;
            case UINT32 -> 4294967295L;
            case INT64 -> -9223372036854775806L;
            case UINT64 -> -1L; // 18446744073709551615
            case FLOAT32 -> Float.NaN;
            case FLOAT64 -> Double.NaN;
            case CHAR -> 0;
            case STRING -> null;
        };
    }

    private static List<Compressor> compressors() {
        List<Compressor> list = new ArrayList<>(List.of(new Compressor("none", 0, false), new Compressor("zlib", 1, false),
                new Compressor("zstd", 3, false), new Compressor("zlib", 5, true), new Compressor("zstd", 1, true),
                new Compressor("none", 0, true)));
        if (ChunkCodec.bloscAvailable()) {
            list.add(new Compressor("blosc-lz4", 5, true));
            list.add(new Compressor("blosc-lz4hc", 3, false));
            list.add(new Compressor("blosc-zstd", 3, true));
            list.add(new Compressor("blosc-zlib", 1, true));
            list.add(new Compressor("blosc-blosclz", 5, false));
        }
        return list;
    }

    @Test
    void zarrPythonAndXarrayReadTheStore() throws Exception {
        requirePython();
        Path store = dir.resolve("interop.zarr");
        ZarrGroupWriter w = new ZarrGroupWriter(new HadoopStore(store.toString()));
        ObjectNode exp = ZarrJson.NODES.objectNode();
        ObjectNode arrays = exp.putObject("arrays");
        ArrayNode masked = exp.putArray("masked");

        Map<String, Object> gattrs = new LinkedHashMap<>();
        gattrs.put("title", "ARCO Forge interoperability");
        gattrs.put("Conventions", "CF-1.8");
        gattrs.put("zz_not_sorted", 1);
        gattrs.put("history", "written by org.arcoforge.zarr");
        gattrs.put("float_attr", 0.1f);
        w.deleteConsolidated();
        w.writeGroup(gattrs);
        exp.set("group_attrs", ZarrJson.attributes(gattrs));

        long seed = 100;
        for (DType t : DType.values()) {
            if (t == DType.STRING) {
                continue; // VlenUtf8Test and StationArchiveTest check strings against zarr-python
            }
            for (Compressor c : compressors()) {
                String name = t.name().toLowerCase() + "_" + c.name().replace('-', '_') + "_" + c.level() + (c.shuffle() ? "_shuffle" : "");
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("long_name", t + " with " + c);
                attrs.put("units", "1");
                // char arrays get a dimension of their own, as in NetCDF, so xarray joins it into strings
                List<String> dims = t == DType.CHAR ? List.of("y", "strlen") : List.of("y", "x");
                add(w, arrays, name, t, new long[] {NY, NX}, new int[] {3, 2}, dims, fillFor(t), c, attrs, seed++,
                        new long[] {2, 2});
            }
            // 0-d
            add(w, arrays, "scalar_" + t.name().toLowerCase(), t, new long[0], new int[0], List.of(), fillFor(t),
                    new Compressor("zlib", 1, false), Map.of(), seed++, null);
        }
        add(w, arrays, "float64_nofill", DType.FLOAT64, new long[] {NY, NX}, new int[] {4, 4}, List.of("y", "x"), null,
                new Compressor("zstd", 1, true), Map.of(), seed++, new long[] {1, 1});
        add(w, arrays, "int32_nofill", DType.INT32, new long[] {NY}, new int[] {4}, List.of("y"), null,
                new Compressor("zlib", 1, false), Map.of(), seed++, new long[] {1});
        add(w, arrays, "float32_neginf_fill", DType.FLOAT32, new long[] {NX}, new int[] {3}, List.of("x"),
                Float.NEGATIVE_INFINITY, new Compressor("zstd", 1, false), Map.of(), seed++, new long[] {1});
        add(w, arrays, "whole_chunk", DType.UINT16, new long[] {NY, NX}, new int[] {NY, NX}, List.of("y", "x"), 7,
                new Compressor("zstd", 1, true), Map.of(), seed++, null);

        // CF packing, as NetCDF inputs carry it: float32 attributes must decode bit for bit
        Map<String, Object> packed = new LinkedHashMap<>();
        packed.put("standard_name", "sea_surface_temperature");
        packed.put("units", "K");
        packed.put("scale_factor", 0.01f);
        packed.put("add_offset", 273.15f);
        packed.put("valid_range", List.of((short) -5000, (short) 5000));
        packed.put("comment", "caf\u00e9 \u00b0C");
        packed.put("nan_attr", Double.NaN);
        packed.put("inf_attr", Float.POSITIVE_INFINITY);
        packed.put("big_attr", Long.MAX_VALUE);
        add(w, arrays, "sst_packed", DType.INT16, new long[] {NY, NX}, new int[] {3, 2}, List.of("y", "x"), -32767,
                new Compressor("zstd", 1, true), packed, seed++, new long[] {2, 2});
        ObjectNode p = exp.putObject("packed");
        p.put("name", "sst_packed");
        p.put("scale_factor_f32", "0.01");
        p.put("add_offset_f32", "273.15");
        masked.add("float32_zstd_1_shuffle").add("float64_zlib_1").add("int32_zlib_1").add("uint64_zstd_3");

        w.consolidate();
        Path expected = dir.resolve("expected.json");
        Files.write(expected, ZarrJson.write(exp));

        Path script = Path.of(System.getProperty("basedir", "."), "src/test/python/check_zarr_store.py");
        assertThat(script).exists();
        Result r = run(PYTHON, script.toString(), store.toString(), expected.toString());
        assertThat(r.exit).as("Python readers found problems:\n%s", r.output).isZero();
        assertThat(r.output).contains("OK " + arrays.size() + " arrays");
    }

    private static void add(ZarrGroupWriter w, ObjectNode arrays, String name, DType t, long[] shape, int[] chunks,
                            List<String> dims, Number fill, Compressor c, Map<String, Object> attrs, long seed, long[] edge) {
        ArrayMeta meta = new ArrayMeta(shape, chunks, t, fill, CodecRegistry.compression(c));
        w.createArray(name, meta, dims, attrs);
        int n = 1;
        for (long s : shape) n *= (int) s;
        Object whole = TestArrays.values(t, n, seed, meta.fillValue());
        TestArrays.writeAll(w, name, whole, true);

        ObjectNode a = arrays.putObject(name);
        a.put("dtype", ZarrDTypes.name(t));
        ArrayNode sh = a.putArray("shape");
        for (long s : shape) sh.add(s);
        ArrayNode ch = a.putArray("chunks");
        for (int x : chunks) ch.add(x);
        ArrayNode dn = a.putArray("dims");
        dims.forEach(dn::add);
        a.set("fill_value", expectedScalar(t, meta.fillValue()));
        ChunkCodec codec = meta.codec();
        a.set("compressor", ZarrJson.MAPPER.valueToTree(codec.compressorConfig()));
        a.set("filters", ZarrJson.MAPPER.valueToTree(codec.filtersConfig()));
        ArrayNode vals = a.putArray("values");
        for (int i = 0; i < n; i++) {
            vals.add(expectedScalar(t, (Number) TestArrays.get(whole, i)));
        }
        a.set("attrs", ZarrJson.attributes(attrs));
        if (edge != null) {
            ArrayNode e = a.putArray("edge_chunk");
            for (long x : edge) e.add(x);
        } else {
            a.putNull("edge_chunk");
        }
    }

    /** Values as text the script parses itself: unsigned as unsigned integers, floats as Java prints them. */
    private static com.fasterxml.jackson.databind.JsonNode expectedScalar(DType t, Number v) {
        if (v == null) return ZarrJson.NODES.nullNode();
        if (t.isFloating()) return ZarrJson.NODES.textNode(Double.toString(v.doubleValue()));
        long x = v.longValue();
        return switch (t) {
            case UINT8, CHAR -> ZarrJson.NODES.numberNode(x & 0xff);
            case UINT16 -> ZarrJson.NODES.numberNode(x & 0xffff);
            case UINT32 -> ZarrJson.NODES.numberNode(x & 0xffffffffL);
            case UINT64 -> ZarrJson.NODES.numberNode(new BigInteger(Long.toUnsignedString(x)));
            default -> ZarrJson.NODES.numberNode(x);
        };
    }

    record Result(int exit, String output) {
    }

    private static Result run(String... cmd) throws Exception {
        Processes.Result r = Processes.run(new ProcessBuilder(cmd), Duration.ofSeconds(300));
        return new Result(r.exitCode(), r.output());
    }

    private static void requirePython() throws Exception {
        if (!new File(PYTHON).canExecute()) {
            fail(PYTHON + " is missing: this test needs Debian's python3 with python3-zarr, python3-numcodecs and "
                    + "python3-xarray (apt-get install python3-zarr python3-xarray)");
        }
        Result r = run(PYTHON, "-c", "import zarr, numcodecs, xarray");
        if (r.exit != 0) {
            fail(PYTHON + " cannot import zarr/numcodecs/xarray (apt-get install python3-zarr python3-xarray):\n" + r.output);
        }
    }
}
