package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Prepare stage, part one (runs on executors, one input per call): the input's dimensions and
 * metadata after the recipe's preprocessors and dropped variables, the raw values of its concat
 * coordinate, and its size in bytes.
 */
public final class ReadMetadata {
    private ReadMetadata() {
    }

    /** What one input contributes to planning, plus its size for throughput figures. */
    public record Result(InputMetadata metadata, long bytes) implements java.io.Serializable {
    }

    public static Result read(InputFile file, JobSpec job) {
        try (NetcdfInput in = open(file, job)) {
            return read(file, job, in);
        }
    }

    /** The input as the run reads it: its cached copy if any, the recipe's group, dropped variables hidden. */
    static NetcdfInput open(InputFile file, JobSpec job) {
        return NetcdfInput.open(job.readLocation(file), job.hadoopConf(), job.sourceAccess(),
                job.recipe().fileType(), job.recipe().group()).dropping(job.recipe().dropVariables());
    }

    /** As {@link #read(InputFile, JobSpec)} from an input already open (kind: reference reads its layout too). */
    static Result read(InputFile file, JobSpec job, NetcdfInput in) {
        Dataset md = in.metadata();
        applyRecipe(md, job, in.dropped());
        Object concatValues = readConcatCoordinate(in, md, job);
        return new Result(new InputMetadata(file, in.dimensions(), md, concatValues, readCoordinates(in, md, job)),
                in.length());
    }

    /**
     * Runs the preprocessors, then drops the names the recipe drops that were not the input's own
     * (those were dropped when it was opened, as xarray does): names only a preprocessor made.
     */
    static void applyRecipe(Dataset dataset, JobSpec job, java.util.Set<String> droppedAtOpen) {
        Preprocess.apply(job.recipe(), dataset);
        for (String v : job.recipe().dropVariables()) {
            if (!droppedAtOpen.contains(v)) {
                dataset.drop(v);
            }
        }
    }

    /**
     * The other 1-D dimension coordinates (lat, lon...), preprocessed, for the planner to compare
     * across inputs: small next to the data, read once per input.
     */
    private static Map<String, Object> readCoordinates(NetcdfInput in, Dataset md, JobSpec job) {
        List<DatasetVariable> vars = new ArrayList<>();
        for (DatasetVariable meta : md.variables().values()) {
            String name = meta.name();
            if (!name.equals(job.concatDim()) && meta.dims().equals(List.of(name)) && meta.dtype() != DType.CHAR
                    && meta.dtype() != DType.STRING) {
                Object values = in.read(meta.sourceName(), new long[] {0},
                        new int[] {Math.toIntExact(meta.shape()[0])});
                vars.add(new DatasetVariable(meta.sourceName(), meta.dims(), meta.shape(), meta.dtype(),
                        meta.attributes(), values));
            }
        }
        if (vars.isEmpty()) {
            return Map.of();
        }
        Dataset data = new Dataset(md.location(), Map.of(), vars);
        Preprocess.apply(job.recipe(), data);
        Map<String, Object> out = new LinkedHashMap<>();
        data.variables().forEach((name, v) -> {
            if (v.data() != null) {
                out.put(name, v.data());
            }
        });
        return out;
    }

    /** The 1-D coordinate of the concat dimension, preprocessed like any dataset with values. */
    private static Object readConcatCoordinate(NetcdfInput in, Dataset md, JobSpec job) {
        String dim = job.concatDim();
        if (dim == null || !md.has(dim) || !md.variable(dim).dims().equals(List.of(dim))) {
            return null;
        }
        DatasetVariable meta = md.variable(dim);
        long n = meta.shape()[0];
        Object values = in.read(meta.sourceName(), new long[] {0}, new int[] {Math.toIntExact(n)});
        DatasetVariable v = new DatasetVariable(meta.sourceName(), meta.dims(), meta.shape(), meta.dtype(),
                meta.attributes(), values);
        Dataset data = new Dataset(md.location(), Map.of(), List.of(v));
        Preprocess.apply(job.recipe(), data);
        return data.has(dim) ? data.variable(dim).data() : values;
    }
}
