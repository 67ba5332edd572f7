package org.arcoforge.stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.data.Dataset;
import org.arcoforge.recipe.data.DatasetVariable;

/**
 * Reads a piece of one input (the box {@code start + [0, shape)} of each of some variables, by
 * target name) and runs the recipe's preprocessors over it: what both store paths read before
 * they cut the piece into fragments of target chunks.
 */
final class PieceReader {
    private PieceReader() {
    }

    /** The input as the recipe opens it: its file type and group, without the variables it drops. */
    static NetcdfInput open(InputFile file, JobSpec job) {
        return NetcdfInput.open(job.readLocation(file), job.hadoopConf(), job.sourceAccess(), job.recipe().fileType(),
                job.recipe().group()).dropping(job.recipe().dropVariables());
    }

    /** Opens the input, reads the piece and closes the input. */
    static Dataset read(InputFile file, Map<String, TargetVariable> vars, Map<String, long[]> starts,
                         Map<String, int[]> shapes, JobSpec job) {
        try (NetcdfInput in = open(file, job)) {
            return read(in, vars, starts, shapes, job);
        }
    }

    /** The piece's values, preprocessed, as a dataset whose variables carry the source names. */
    static Dataset read(NetcdfInput in, Map<String, TargetVariable> vars, Map<String, long[]> starts,
                         Map<String, int[]> shapes, JobSpec job) {
        List<DatasetVariable> dvs = new ArrayList<>();
        for (Map.Entry<String, long[]> e : starts.entrySet()) {
            TargetVariable v = vars.get(e.getKey());
            int[] shape = shapes.get(e.getKey());
            Object data = in.read(v.sourceName(), e.getValue(), shape);
            long[] lshape = Arrays.stream(shape).asLongStream().toArray();
            dvs.add(new DatasetVariable(v.sourceName(), v.dims(), lshape, v.dtype(),
                    new LinkedHashMap<>(v.attributes()), data));
        }
        return Preprocess.apply(job.recipe(), new Dataset(in.location(), Map.of(), dvs));
    }

    /** Bytes the piece decodes to, for the progress figures. */
    static long decodedBytes(Map<String, TargetVariable> vars, Map<String, int[]> shapes) {
        long n = 0;
        for (Map.Entry<String, int[]> e : shapes.entrySet()) {
            n += (long) NdArrays.product(e.getValue()) * vars.get(e.getKey()).dtype().size();
        }
        return n;
    }
}
