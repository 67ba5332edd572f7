package org.arcoforge.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/** Builders for metadata-only inputs. */
final class Fixtures {
    private Fixtures() {
    }

    static InputBuilder input(int index, int concatIndex, int mergeIndex) {
        return new InputBuilder(index, concatIndex, mergeIndex);
    }

    static PlanOptions options(String concatDim) {
        return new PlanOptions(concatDim, null, Map.of(), 1, Map.of());
    }

    static PlanOptions options(String concatDim, Map<String, Integer> chunks, int inputsPerChunk) {
        return new PlanOptions(concatDim, null, chunks, inputsPerChunk, Map.of());
    }

    static final class InputBuilder {
        private final int index;
        private final int concatIndex;
        private final int mergeIndex;
        private String url;
        private final Map<String, Long> dims = new LinkedHashMap<>();
        private final List<DatasetVariable> vars = new ArrayList<>();
        private final Map<String, Object> globals = new LinkedHashMap<>();
        private Object coordinate;
        private final Map<String, Object> coordinates = new LinkedHashMap<>();

        InputBuilder(int index, int concatIndex, int mergeIndex) {
            this.index = index;
            this.concatIndex = concatIndex;
            this.mergeIndex = mergeIndex;
            this.url = "s3://bucket/file-c" + concatIndex + "-m" + mergeIndex + ".nc";
        }

        InputBuilder url(String u) {
            url = u;
            return this;
        }

        InputBuilder dim(String name, long length) {
            dims.put(name, length);
            return this;
        }

        /** A variable over dims already declared; attributes as alternating key, value. */
        InputBuilder var(String name, DType type, List<String> varDims, Object... attrs) {
            long[] shape = varDims.stream().mapToLong(d -> {
                Long l = dims.get(d);
                if (l == null) {
                    throw new IllegalArgumentException("declare dim " + d + " first");
                }
                return l;
            }).toArray();
            Map<String, Object> a = new LinkedHashMap<>();
            for (int i = 0; i < attrs.length; i += 2) {
                a.put((String) attrs[i], attrs[i + 1]);
            }
            vars.add(new DatasetVariable(name, varDims, shape, type, a, null));
            return this;
        }

        InputBuilder global(String key, Object value) {
            globals.put(key, value);
            return this;
        }

        InputBuilder coordinate(Object values) {
            coordinate = values;
            return this;
        }

        /** Values of a non-concat 1-D coordinate, as the metadata stage reads them. */
        InputBuilder coordinate(String name, Object values) {
            coordinates.put(name, values);
            return this;
        }

        InputMetadata build() {
            InputFile f = new InputFile(index, concatIndex, mergeIndex, Map.of(), url);
            return new InputMetadata(f, Map.copyOf(dims), new Dataset(url, globals, vars), coordinate,
                    Map.copyOf(coordinates));
        }
    }

    static double[] range(double from, int n) {
        double[] d = new double[n];
        Arrays.setAll(d, i -> from + i);
        return d;
    }
}
