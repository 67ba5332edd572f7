package org.arcoforge.io;

import io.jhdf.api.Dataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The filter check of {@link Hdf5Filters} for datasets read by jHDF, which also decodes lzf, lz4 and bitshuffle. */
final class JhdfFilters {
    private static final Set<Integer> JHDF_DECODES = Set.of(32000, 32004, 32008);

    private JhdfFilters() {}

    /** Why the dataset cannot be read, or null. */
    static String unsupported(Dataset ds) {
        List<Integer> ids = new ArrayList<>();
        try {
            for (PipelineFilterWithData f : ds.getFilters()) {
                if (!JHDF_DECODES.contains(f.getId())) {
                    ids.add(f.getId());
                }
            }
        } catch (RuntimeException e) {
            return "its HDF5 filter pipeline cannot be decoded (" + e.getMessage() + "); leave the variable out with"
                    + " drop_variables: [" + ds.getName() + "]";
        }
        return Hdf5Filters.unsupported(ds.getName(), ids);
    }
}
