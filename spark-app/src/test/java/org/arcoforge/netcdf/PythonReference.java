package org.arcoforge.netcdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;
import org.arcoforge.testinfra.Processes;

/** What netCDF4-python (raw, no mask/scale) says about a file, and comparisons against it. */
public final class PythonReference {
    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** A hyperslab to compare. */
    public record Read(String variable, long[] start, int[] count) {}

    private PythonReference() {}

    public static Path script(String name) {
        Path p = Path.of("src/test/python", name).toAbsolutePath();
        assertThat(p).as("test script").exists();
        return p;
    }

    /** Runs a script with /usr/bin/python3; fails the test (never skips) when Python is missing. */
    public static String run(String scriptName, String... args) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing: the tests compare with netCDF4-python; install Debian's python3-netcdf4,"
                    + " python3-h5py and python3-h5netcdf");
        }
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script(scriptName).toString()));
        cmd.addAll(List.of(args));
        try {
            Processes.Result r = Processes.run(new ProcessBuilder(cmd), Duration.ofMinutes(2), false);
            if (r.exitCode() != 0) {
                fail("failed: " + String.join(" ", cmd) + "\n" + r.errors());
            }
            return r.output();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot run " + String.join(" ", cmd), e);
        }
    }

    public static JsonNode dump(Path file, List<Read> reads) {
        StringBuilder spec = new StringBuilder("[");
        for (Read r : reads) {
            if (spec.length() > 1) {
                spec.append(',');
            }
            spec.append("[\"").append(r.variable()).append("\",").append(java.util.Arrays.toString(r.start()))
                    .append(',').append(java.util.Arrays.toString(r.count())).append(']');
        }
        spec.append(']');
        try {
            return JSON.readTree(run("nc_dump_json.py", file.toString(), spec.toString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Asserts that the input shows the same dimensions, variables (names, dims, shapes, dtypes),
     * attributes (names, Java types, values) and hyperslab values as netCDF4-python.
     */
    public static JsonNode assertSameAsPython(Path file, NetcdfInput in, List<Read> reads, boolean attributeOrder) {
        JsonNode ref = dump(file, reads);
        List<String> dimNames = new ArrayList<>();
        for (JsonNode d : ref.get("dimensions")) {
            dimNames.add(d.get(0).asText());
            assertThat(in.dimensions()).as("dimension %s", d.get(0).asText())
                    .containsEntry(d.get(0).asText(), d.get(1).asLong());
            assertThat(in.unlimitedDimensions().contains(d.get(0).asText())).as("unlimited %s", d.get(0))
                    .isEqualTo(d.get(2).asBoolean());
        }
        assertThat(in.dimensions().keySet()).containsExactlyElementsOf(dimNames);

        Dataset md = in.metadata();
        assertThat(md.location()).isEqualTo(in.location());
        assertAttributes("global", md.attributes(), ref.get("attributes"), false, attributeOrder);
        List<String> varNames = new ArrayList<>();
        for (JsonNode v : ref.get("variables")) {
            String name = v.get("name").asText();
            varNames.add(name);
            DatasetVariable dv = md.variable(name);
            List<String> dims = new ArrayList<>();
            v.get("dims").forEach(x -> dims.add(x.asText()));
            assertThat(dv.dims()).as("dims of %s", name).containsExactlyElementsOf(dims);
            long[] shape = new long[v.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = v.get("shape").get(i).asLong();
            }
            assertThat(dv.shape()).as("shape of %s", name).containsExactly(shape);
            assertThat(dv.dtype()).as("dtype of %s", name).isEqualTo(dtype(v.get("dtype").asText()));
            assertThat(dv.data()).isNull();
            assertAttributes(name, dv.attributes(), v.get("attributes"), dv.dtype().isUnsigned(), attributeOrder);
        }
        assertThat(md.variables().keySet()).as("variables").containsExactlyElementsOf(varNames);

        for (int r = 0; r < reads.size(); r++) {
            Read read = reads.get(r);
            DType dt = md.variable(read.variable()).dtype();
            Object got = in.read(read.variable(), read.start(), read.count());
            assertThat(got.getClass()).isEqualTo(dt.newArray(0).getClass());
            JsonNode want = ref.get("reads").get(r);
            assertThat(Array.getLength(got)).as("values read from %s", read.variable()).isEqualTo(want.size());
            for (int i = 0; i < want.size(); i++) {
                double g = number(Array.get(got, i), dt.isUnsigned() || dt == DType.CHAR);
                double w = want.get(i).asDouble();
                if (Double.compare(g, w) != 0) {
                    fail("%s: value %d of %s start %s count %s is %s, netCDF4-python says %s", in.location(), i,
                            read.variable(), java.util.Arrays.toString(read.start()),
                            java.util.Arrays.toString(read.count()), g, w);
                }
            }
        }
        return ref;
    }

    private static double number(Object v, boolean unsigned) {
        if (unsigned) {
            if (v instanceof Byte b) {
                return Byte.toUnsignedInt(b);
            }
            if (v instanceof Short s) {
                return Short.toUnsignedInt(s);
            }
            if (v instanceof Integer i) {
                return Integer.toUnsignedLong(i);
            }
            if (v instanceof Long l) {
                return Double.parseDouble(Long.toUnsignedString(l));
            }
        }
        return ((Number) v).doubleValue();
    }

    static DType dtype(String numpy) {
        return switch (numpy) {
            case "int8" -> DType.INT8;
            case "uint8" -> DType.UINT8;
            case "int16" -> DType.INT16;
            case "uint16" -> DType.UINT16;
            case "int32" -> DType.INT32;
            case "uint32" -> DType.UINT32;
            case "int64" -> DType.INT64;
            case "uint64" -> DType.UINT64;
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            case "char" -> DType.CHAR;
            default -> throw new AssertionError("unexpected dtype " + numpy);
        };
    }

    /** The Java box the project uses for each attribute type (unsigned ones widened). */
    static Class<?> box(String numpy) {
        return switch (numpy) {
            case "int8" -> Byte.class;
            case "int16", "uint8" -> Short.class;
            case "int32", "uint16" -> Integer.class;
            case "int64", "uint32" -> Long.class;
            case "uint64" -> Number.class; // Long, or BigInteger above Long.MAX_VALUE
            case "float32" -> Float.class;
            case "float64" -> Double.class;
            case "str" -> String.class;
            default -> throw new AssertionError("unexpected attribute type " + numpy);
        };
    }

    static void assertAttributes(String owner, Map<String, Object> got, JsonNode want, boolean unsigned,
                                 boolean order) {
        List<String> names = new ArrayList<>();
        want.fieldNames().forEachRemaining(names::add);
        if (order) {
            assertThat(got.keySet()).as("attribute names of %s", owner).containsExactlyElementsOf(names);
        } else {
            assertThat(got.keySet()).as("attribute names of %s", owner).containsExactlyInAnyOrderElementsOf(names);
        }
        for (String name : names) {
            JsonNode w = want.get(name);
            Object g = got.get(name);
            String what = owner + ":" + name;
            Class<?> box = box(w.get("type").asText());
            JsonNode value = w.get("value");
            if (value.isArray()) {
                assertThat(g).as(what).isInstanceOf(List.class);
                List<?> list = (List<?>) g;
                assertThat(list).as(what).hasSize(value.size());
                Iterator<JsonNode> it = value.elements();
                for (Object item : list) {
                    assertValue(what, item, box, it.next());
                }
            } else {
                assertValue(what, g, box, value);
            }
        }
    }

    private static void assertValue(String what, Object got, Class<?> box, JsonNode want) {
        assertThat(got).as(what).isInstanceOf(box);
        if (got instanceof String s) {
            assertThat(s).as(what).isEqualTo(want.asText());
        } else if (box == Number.class) {
            assertThat(got).as(what).isInstanceOfAny(Long.class, java.math.BigInteger.class);
            assertThat(got.toString()).as(what).isEqualTo(want.bigIntegerValue().toString());
        } else {
            assertThat(Double.compare(((Number) got).doubleValue(), want.asDouble())).as(what + " = " + got
                    + " but netCDF4-python says " + want).isZero();
        }
    }
}
