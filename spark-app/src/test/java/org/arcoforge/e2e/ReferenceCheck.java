package org.arcoforge.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        Map<String, Object> spec = XarrayCheck.spec(json, null, files, null, concatDim, chunks, reencoded, Map.of(), List.of());
        spec.put("reference", true);
        return XarrayCheck.check(spec, workDir);
    }

    /** zarrita's ReferenceStore (src/test/node/zarrita-read.mjs with a .json) reads every source variable with its raw values. */
    static void assertZarritaSameAsSources(Path json, List<Path> files, String concatDim) throws Exception {
        ZarritaCheck.assertSameAsSources(json, files, concatDim, List.of());
    }
}
