import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.netcdf.NetcdfInput;
import org.arcoforge.recipe.FileType;

/**
 * Single-thread CPU time of the two input stages on real files, without Spark: open + metadata
 * (prepare) and open + read every variable (store), per file. CPU time, not wall time, so that
 * other work on the machine disturbs it less.
 *   java -cp <spark-app classpath> bench/ReadBench.java DIR [FILES] [ROUNDS]
 * -Darcoforge.hdf5.direct=false measures netcdf-java's own read path.
 */
public class ReadBench {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".nc")).sorted()
                    .limit(args.length > 1 ? Integer.parseInt(args[1]) : 30).toList();
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (Path f : files) {
                try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.NETCDF4)) {
                    in.metadata();
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            long decoded = 0;
            for (Path f : files) {
                try (NetcdfInput in = NetcdfInput.open(f.toString(), Map.of(), FileType.NETCDF4)) {
                    for (String v : in.metadata().variables().keySet()) {
                        Object a = in.readAll(v);
                        decoded += (long) java.lang.reflect.Array.getLength(a)
                                * in.metadata().variable(v).dtype().size();
                    }
                }
            }
            long t2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d: %d files: open+metadata %.1f ms/file; open+read all %.1f ms/file, %.0f MB/s of"
                    + " source per core (%.0f MB decoded)%n", r + 1, files.size(), (t1 - t0) / 1e6 / files.size(),
                    (t2 - t1) / 1e6 / files.size(), bytes / 1e6 / ((t2 - t1) / 1e9), decoded / 1e6);
        }
    }
}
