package org.arcoforge.netcdf;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/** One library that reads NetCDF (netcdf-java or jHDF), behind {@link NetcdfInput}. */
interface Backend extends Closeable {

    /** A variable as netCDF4-python shows it; dtype is null when unsupported (see unsupported). */
    record Var(String name, List<String> dims, long[] shape, DType dtype, Map<String, Object> attributes,
               String unsupported) {}

    String name();

    /** Dimensions in file order. */
    Map<String, Long> dimensions();

    List<String> unlimitedDimensions();

    Map<String, Object> globalAttributes();

    /** Variables in file order. */
    List<Var> variables();

    /** Every group of the file below the root, as paths ("/Grid", "/Grid/sub"), parents first. */
    default List<String> groupPaths() {
        return List.of();
    }

    /** Where the variable's HDF5 chunks are, or null when unknown or not chunked. */
    default Hdf5ChunkIndex chunkIndex(Var var) {
        return null;
    }

    /** Raw values in C order; arguments are already checked against the shape. */
    Object read(Var var, long[] start, int[] count) throws IOException;

    /**
     * The values of {@code read(var, start, count)} written to {@code dst} from {@code dstOffset}
     * on, when this backend can without an intermediate array; false (nothing written) otherwise.
     */
    default boolean readInto(Var var, long[] start, int[] count, Object dst, int dstOffset) throws IOException {
        return false;
    }
}
