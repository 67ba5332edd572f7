package org.arcoforge.stage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.arcoforge.codec.ChunkCodec;
import org.arcoforge.format.zarr2.ChunkKeys;
import org.arcoforge.codec.FillValues;
import org.arcoforge.grid.GridIndex;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.plan.InputMetadata;
import org.arcoforge.plan.Planner;
import org.arcoforge.plan.StorePlan;
import org.arcoforge.plan.TargetVariable;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.InputFile;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.RecipeYaml;
import org.arcoforge.sample.SampleArchives;

/**
 * A store stage on real files, without Spark: OISST-like NetCDF-4 days (HDF5 chunks of one day),
 * a recipe over them, its plan and a prepared target; chunks as the inputs say they must be.
 */
final class StoreStageFixture {
    static final int NLAT = 12;
    static final int NLON = 20;

    final List<Path> files;
    final JobSpec job;
    final StorePlan plan;
    final List<InputFile> inputs;
    final Path target;

    private StoreStageFixture(List<Path> files, JobSpec job, StorePlan plan, Path target) {
        this.files = files;
        this.job = job;
        this.plan = plan;
        this.inputs = job.recipe().filePattern().inputs();
        this.target = target;
    }

    /** {@code days} daily files in {@code dir}, made once per directory. */
    static List<Path> archive(Path dir, int days) {
        return SampleArchives.oisstDaily(dir, LocalDate.of(1981, 9, 1), days, NLAT, NLON);
    }

    /** The recipe over the archive ({@code extra} YAML appended), planned, its target prepared. */
    static StoreStageFixture of(Path archiveDir, List<Path> files, Path target, String targetChunks, String extra) {
        LocalDate start = LocalDate.of(1981, 9, 1);
        String yaml = """
                name: store-stage-test
                file_pattern:
                  template: "%s/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc"
                  concat_dim:
                    name: time
                    keys: {dates: {start: %s, end: %s, step: P1D}}
                    items_per_file: 1
                file_type: netcdf4
                target_chunks: %s
                compressor: {name: zstd, level: 1, shuffle: true}
                """.formatted(archiveDir, start, start.plusDays(files.size() - 1), targetChunks) + extra;
        Recipe recipe = RecipeYaml.parse(yaml, "store-stage-test.yaml", archiveDir);
        JobSpec job = new JobSpec(recipe, target.toString(), Map.of(), false);
        List<InputMetadata> md = new ArrayList<>();
        for (InputFile f : recipe.filePattern().inputs()) {
            md.add(ReadMetadata.read(f, job).metadata());
        }
        StorePlan plan = Planner.plan(md, job.planOptions());
        PrepareTarget.run(plan, job, md.size());
        return new StoreStageFixture(files, job, plan, target);
    }

    TargetVariable variable(String name) {
        return plan.schema().variable(name);
    }

    /** The stored chunk, decoded. */
    Object stored(TargetVariable v, long[] index) throws IOException {
        byte[] b = Files.readAllBytes(target.resolve(ChunkKeys.key(v.name(), index)));
        return new ChunkCodec(job.recipe().compressor(), v.dtype()).decode(b, NdArrays.product(v.chunks()));
    }

    /** The chunk as the inputs say it must be: the source variable's values, concatenated along time, fill beyond the edge. */
    Object expected(TargetVariable v, String sourceName, long[] index) {
        int n = NdArrays.product(v.chunks());
        Object chunk = FillValues.filledChunk(v.dtype(), n, v.fillValue());
        int rank = v.chunks().length;
        for (int t = 0; t < files.size(); t++) {
            long t0 = index[0] * v.chunks()[0];
            if (t < t0 || t >= t0 + v.chunks()[0]) {
                continue;
            }
            Object day;
            try (NetcdfInput in = NetcdfInput.open(files.get(t).toString(), Map.of(), FileType.AUTO)) {
                day = in.readAll(sourceName);
            }
            int[] dayShape = new int[rank];
            int[] srcStart = new int[rank];
            int[] dstStart = new int[rank];
            int[] count = new int[rank];
            dayShape[0] = 1;
            dstStart[0] = (int) (t - t0);
            count[0] = 1;
            for (int d = 1; d < rank; d++) {
                dayShape[d] = (int) v.shape()[d];
                long lo = index[d] * v.chunks()[d];
                srcStart[d] = (int) lo;
                count[d] = (int) Math.min(v.chunks()[d], v.shape()[d] - lo);
            }
            NdArrays.copyBox(day, dayShape, srcStart, chunk, v.chunks(), dstStart, count, null, false, null);
        }
        return chunk;
    }

    /** Every chunk index of the variable, in C order. */
    static List<long[]> chunkIndexes(TargetVariable v) {
        List<long[]> out = new ArrayList<>();
        for (GridIndex g = GridIndex.of(v.chunkGrid()); g.next(); ) {
            out.add(g.index().clone());
        }
        return out;
    }

    /** SHA-256 of every chunk file (not metadata) of a store, by key. */
    static Map<String, String> chunkDigests(Path store) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(store)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String key = store.relativize(f).toString();
                if (key.startsWith(".") || key.contains("/.")) {
                    continue;
                }
                try {
                    out.put(key, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(f))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
