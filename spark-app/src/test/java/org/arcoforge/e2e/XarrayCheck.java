package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.arcoforge.stage.PrepareTarget;
import org.arcoforge.testinfra.Processes;

/**
 * Runs the independent check (src/test/python/compare_with_xarray.py) with Debian's xarray and
 * zarr-python: the store must be identical, as xarray reads it, to open_mfdataset over the
 * sources, with the same on-disk encoding and the expected chunk shapes.
 */
final class XarrayCheck {
    static final String PYTHON = "/usr/bin/python3";

    private XarrayCheck() {
    }

    /**
     * @param files concat-major rows of merge inputs (one-element rows without a MergeDim)
     */
    static String assertIdentical(Path store, List<List<Path>> files, String concatDim, Map<String, List<Integer>> chunks,
                                  List<String> reencoded, Path workDir) throws IOException, InterruptedException {
        return assertIdentical(store, null, files, null, concatDim, chunks, reencoded, Map.of(), List.of(), workDir);
    }

    /** With {@code encoding}: variables the recipe stores unpacked as {dtype: float32/float64}. */
    static String assertIdentical(Path store, List<List<Path>> files, String concatDim, Map<String, List<Integer>> chunks,
                                  List<String> reencoded, Map<String, Map<String, String>> encoding, Path workDir)
            throws IOException, InterruptedException {
        return assertIdentical(store, null, files, null, concatDim, chunks, reencoded, encoding, List.of(), workDir);
    }

    /**
     * As above, comparing the sources' NetCDF-4 group {@code sourceGroup} (open_mfdataset's group=;
     * null: the root) with the store's group {@code storeGroup} (open_zarr's group=; null: the root).
     */
    static String assertIdentical(Path store, String storeGroup, List<List<Path>> files, String sourceGroup,
                                  String concatDim, Map<String, List<Integer>> chunks, List<String> reencoded,
                                  Path workDir) throws IOException, InterruptedException {
        return assertIdentical(store, storeGroup, files, sourceGroup, concatDim, chunks, reencoded, Map.of(), List.of(),
                workDir);
    }

    /** @param dropped source variables the recipe drops (dropped from the sources with xarray's drop_variables) */
    static String assertIdentical(Path store, List<List<Path>> files, String concatDim, Map<String, List<Integer>> chunks,
                                  List<String> reencoded, List<String> dropped, Path workDir) throws IOException, InterruptedException {
        return assertIdentical(store, null, files, null, concatDim, chunks, reencoded, Map.of(), dropped, workDir);
    }

    static String assertIdentical(Path store, String storeGroup, List<List<Path>> files, String sourceGroup,
                                  String concatDim, Map<String, List<Integer>> chunks, List<String> reencoded,
                                  Map<String, Map<String, String>> encoding, List<String> dropped, Path workDir)
            throws IOException, InterruptedException {
        return check(spec(store, storeGroup, files, sourceGroup, concatDim, chunks, reencoded, encoding, dropped), workDir);
    }

    /** The comparison's spec for compare_with_xarray.py (callers may add to it, e.g. "reference"). */
    static Map<String, Object> spec(Path store, String storeGroup, List<List<Path>> files, String sourceGroup,
                                    String concatDim, Map<String, List<Integer>> chunks, List<String> reencoded,
                                    Map<String, Map<String, String>> encoding, List<String> dropped) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("store", store.toString());
        spec.put("files", files.stream().map(r -> r.stream().map(Path::toString).toList()).toList());
        spec.put("concat_dim", concatDim);
        spec.put("chunks", chunks);
        spec.put("reencoded", reencoded);
        spec.put("encoding", encoding);
        if (sourceGroup != null) {
            spec.put("group", sourceGroup);
        }
        if (storeGroup != null) {
            spec.put("zarr_group", storeGroup);
        }
        spec.put("drop_variables", dropped);
        spec.put("ignore_global_attrs", List.of(PrepareTarget.ATTR_VERSION, PrepareTarget.ATTR_RECIPE_HASH,
                PrepareTarget.ATTR_INPUTS));
        spec.put("optional_global_attrs", List.of(org.arcoforge.stage.AppendTarget.ATTR_HISTORY));
        return spec;
    }

    /** Runs compare_with_xarray.py on {@code spec}; asserts it finds the store identical to the sources. */
    static String check(Map<String, Object> spec, Path workDir) throws IOException, InterruptedException {
        assertThat(Path.of(PYTHON)).as("%s (install Debian's python3-xarray, python3-zarr, python3-netcdf4: bin/setup --tests)", PYTHON).exists();
        Path specFile = Files.createTempFile(workDir, "xarray-check", ".json");
        new ObjectMapper().writeValue(specFile.toFile(), spec);
        Path script = Path.of("src/test/python/compare_with_xarray.py").toAbsolutePath();
        Processes.Result r = Processes.run(new ProcessBuilder(PYTHON, script.toString(), specFile.toString()),
                Duration.ofMinutes(5));
        assertThat(r.exitCode()).as("xarray check output:%n%s", r.output()).isZero();
        assertThat(r.output()).contains("identical");
        return r.output();
    }
}
