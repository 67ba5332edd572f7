import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.recipe.Compressor;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.codec.ChunkCodec;

/**
 * Encode speed (single-thread CPU time, MB/s of raw chunk data per core), decode speed and
 * compression ratio of each compressor on real chunks: VAR of DAYS consecutive files as one Zarr
 * chunk, as the OISST recipe writes it (time: DAYS).
 *   java -cp <spark-app classpath> bench/CodecBench.java DIR [VAR] [DAYS] [CHUNKS]
 */
public class CodecBench {
    public static void main(String[] args) throws Exception {
        String var = args.length > 1 ? args[1] : "sst";
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int nChunks = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".nc")).sorted().limit((long) days * nChunks).toList();
        }
        List<Object> chunks = new ArrayList<>();
        DType dtype = null;
        for (int c = 0; c + days <= files.size(); c += days) {
            List<Object> parts = new ArrayList<>();
            for (Path f : files.subList(c, c + days)) {
                try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.NETCDF4)) {
                    dtype = in.metadata().variable(var).dtype();
                    parts.add(in.readAll(var));
                }
            }
            int n = java.lang.reflect.Array.getLength(parts.get(0));
            Object chunk = dtype.newArray(n * parts.size());
            for (int i = 0; i < parts.size(); i++) {
                System.arraycopy(parts.get(i), 0, chunk, i * n, n);
            }
            chunks.add(chunk);
        }
        long raw = (long) java.lang.reflect.Array.getLength(chunks.get(0)) * dtype.size() * chunks.size();
        System.out.printf("%d chunks of %s (%s, %d days each), %.1f MB raw; single thread, CPU time%n",
                chunks.size(), var, dtype, days, raw / 1e6);
        System.out.printf("%-22s %10s %10s %8s%n", "compressor", "enc MB/s", "dec MB/s", "ratio");
        List<Compressor> cases = new ArrayList<>(List.of(
                new Compressor("none", 0, false),
                new Compressor("zlib", 1, false), new Compressor("zlib", 1, true),
                new Compressor("zlib", 5, false), new Compressor("zlib", 5, true),
                new Compressor("zstd", 1, false), new Compressor("zstd", 1, true),
                new Compressor("zstd", 3, false), new Compressor("zstd", 3, true)));
        if (ChunkCodec.bloscAvailable()) {
            cases.addAll(List.of(new Compressor("blosc-lz4", 5, true), new Compressor("blosc-zstd", 1, true),
                    new Compressor("blosc-zstd", 3, true)));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int elements = java.lang.reflect.Array.getLength(chunks.get(0));
        for (Compressor comp : cases) {
            ChunkCodec codec = new ChunkCodec(comp, dtype);
            long stored = 0;
            double enc = Double.MAX_VALUE;
            double dec = Double.MAX_VALUE;
            List<byte[]> encoded = new ArrayList<>();
            for (int round = 0; round < 3; round++) { // best of 3: the machine is shared
                encoded.clear();
                long t0 = mx.getCurrentThreadCpuTime();
                for (Object c : chunks) {
                    encoded.add(codec.encode(c));
                }
                long t1 = mx.getCurrentThreadCpuTime();
                for (byte[] e : encoded) {
                    codec.decode(e, elements);
                }
                long t2 = mx.getCurrentThreadCpuTime();
                enc = Math.min(enc, (t1 - t0) / 1e9);
                dec = Math.min(dec, (t2 - t1) / 1e9);
            }
            for (byte[] e : encoded) {
                stored += e.length;
            }
            String name = comp.name() + (comp.name().equals("none") ? "" : " " + comp.level())
                    + (comp.shuffle() ? " +shuffle" : "");
            System.out.printf("%-22s %10.0f %10.0f %8.2f%n", name, raw / 1e6 / enc, raw / 1e6 / dec,
                    (double) raw / stored);
        }
    }
}
