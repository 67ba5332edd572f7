package org.arcoforge.netcdf;

import org.arcoforge.codec.BytePlanes;
import org.arcoforge.codec.Libdeflate;
import org.arcoforge.source.ByteSource;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.InputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.arcoforge.recipe.FileType;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.DatasetVariable;
import org.arcoforge.codec.ElementBytes;

/**
 * The direct HDF5 chunk path against netcdf-java's own read path, over random hyperslabs of tiny
 * NetCDF-4 files written by netCDF4-python and h5netcdf; the chunk index against h5py.
 */
class Hdf5ChunkReaderTest {
    private static Path dir;
    private static JsonNode h5pyChunks;
    private static final Map<String, NetcdfInput> DIRECT = new HashMap<>();
    private static final Map<String, NetcdfInput> NETCDF_JAVA = new HashMap<>();
    private static final List<Var> VARS = new ArrayList<>();

    record Var(String file, String name, long[] shape) {}

    record Slab(Var var, long[] start, int[] count) {
        @Override
        public String toString() {
            return var.file + ":" + var.name + " " + Arrays.toString(var.shape) + " start " + Arrays.toString(start)
                    + " count " + Arrays.toString(count);
        }
    }

    @BeforeContainer
    static void makeFixtures() throws IOException {
        dir = Files.createTempDirectory("hdf5-chunks");
        h5pyChunks = new ObjectMapper().readTree(
                PythonReference.run("make_hdf5_chunk_fixtures.py", dir.toString()));
        for (String file : List.of("nc4.nc", "h5.nc")) {
            String path = dir.resolve(file).toString();
            DIRECT.put(file, NetcdfInput.open(ByteSources.open(path, Map.of()), FileType.NETCDF4, true));
            NETCDF_JAVA.put(file, NetcdfInput.open(ByteSources.open(path, Map.of()), FileType.NETCDF4, false));
            for (DatasetVariable v : DIRECT.get(file).metadata().variables().values()) {
                if (v.shape().length > 0) {
                    VARS.add(new Var(file, v.name(), v.shape()));
                }
            }
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        Stream.concat(DIRECT.values().stream(), NETCDF_JAVA.values().stream()).forEach(NetcdfInput::close);
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Slab> slabs() {
        Arbitrary<Var> vars = Arbitraries.of(VARS);
        Arbitrary<List<Integer>> randoms = Arbitraries.integers().between(0, 1 << 20).list().ofSize(6);
        return Combinators.combine(vars, randoms).as((v, r) -> {
            int rank = v.shape().length;
            long[] start = new long[rank];
            int[] count = new int[rank];
            for (int d = 0; d < rank; d++) {
                start[d] = r.get(2 * d) % v.shape()[d];
                count[d] = 1 + (int) (r.get(2 * d + 1) % (v.shape()[d] - start[d]));
            }
            return new Slab(v, start, count);
        });
    }

    @Property(tries = 400)
    void directPathReadsWhatNetcdfJavaReads(@ForAll("slabs") Slab s) {
        Object direct = DIRECT.get(s.var().file()).read(s.var().name(), s.start(), s.count());
        Object reference = NETCDF_JAVA.get(s.var().file()).read(s.var().name(), s.start(), s.count());
        assertThat(Objects.deepEquals(direct, reference)).as("%s: direct %s, netcdf-java %s", s,
                preview(direct), preview(reference)).isTrue();
    }

    @Provide
    Arbitrary<Slab> chunkSlabs() {
        Arbitrary<Var> vars = Arbitraries.of(VARS);
        Arbitrary<List<Integer>> randoms = Arbitraries.integers().between(0, 1 << 20).list().ofSize(3);
        return Combinators.combine(vars, randoms).as((v, r) -> {
            int[] cs = DIRECT.get(v.file()).chunkIndex(v.name()).map(Hdf5ChunkIndex::chunkShape).orElse(null);
            if (cs == null) {
                return new Slab(v, new long[v.shape().length], Arrays.stream(v.shape()).mapToInt(x -> (int) x).toArray());
            }
            long[] start = new long[cs.length];
            int[] count = cs.clone();
            for (int d = 0; d < cs.length; d++) {
                long cells = v.shape()[d] / cs[d];
                start[d] = cells == 0 ? 0 : (r.get(d) % cells) * cs[d];
                count[d] = (int) Math.min(cs[d], v.shape()[d] - start[d]);
            }
            return new Slab(v, start, count);
        });
    }

    @Property(tries = 400)
    void readIntoWritesWhatReadReturnsOrNothing(@ForAll("chunkSlabs") Slab whole, @ForAll("slabs") Slab any,
                                                @ForAll boolean pickWhole, @ForAll @IntRange(max = 7) int offset) {
        Slab s = pickWhole ? whole : any;
        NetcdfInput in = DIRECT.get(s.var().file());
        Object reference = NETCDF_JAVA.get(s.var().file()).read(s.var().name(), s.start(), s.count());
        int n = java.lang.reflect.Array.getLength(reference);
        DType dtype = in.metadata().variable(s.var().name()).dtype();
        Object dst = dtype.newArray(offset + n + 3);
        // every element differs from what a read writes there, so a read that writes nothing is caught
        Object before = tiledInverse(reference, offset + n + 3, dtype);
        System.arraycopy(before, 0, dst, 0, offset + n + 3);
        boolean done = in.readInto(s.var().name(), s.start(), s.count(), dst, offset);
        Object expected = dtype.newArray(offset + n + 3);
        System.arraycopy(before, 0, expected, 0, offset + n + 3);
        if (done) {
            System.arraycopy(reference, 0, expected, offset, n);
        }
        assertThat(Objects.deepEquals(dst, expected)).as("%s (readInto %s)", s, done).isTrue();
    }

    @Property(tries = 300)
    void readIntoBytePlanesWritesTheShuffledBytesOfWhatReadIntoValuesWrites(@ForAll("chunkSlabs") Slab s,
                                                                             @ForAll @IntRange(max = 7) int offset) {
        NetcdfInput in = DIRECT.get(s.var().file());
        DType dtype = in.metadata().variable(s.var().name()).dtype();
        int n = Arrays.stream(s.count()).reduce(1, Math::multiplyExact);
        int total = offset + n + 3;
        Object values = tiledInverse(NETCDF_JAVA.get(s.var().file()).read(s.var().name(), s.start(), s.count()), total,
                dtype);
        BytePlanes planes = new BytePlanes(ElementBytes.shuffledLittleEndian(values), total, dtype);
        boolean intoValues = in.readInto(s.var().name(), s.start(), s.count(), values, offset);
        boolean intoPlanes = in.readInto(s.var().name(), s.start(), s.count(), planes, offset);
        assertThat(intoPlanes).as("%s", s).isEqualTo(intoValues);
        assertThat(planes.bytes()).as("%s (read %s)", s, intoPlanes).isEqualTo(ElementBytes.shuffledLittleEndian(values));
    }

    @Example
    void wholeVariablesMatchAndTheDirectPathIsTaken() {
        List<String> direct = new ArrayList<>();
        for (Var v : VARS) {
            NetcdfInput in = DIRECT.get(v.file());
            assertThat(Objects.deepEquals(in.readAll(v.name()), NETCDF_JAVA.get(v.file()).readAll(v.name())))
                    .as(v.file() + ":" + v.name()).isTrue();
            DType dtype = in.metadata().variable(v.name()).dtype();
            in.chunkIndex(v.name()).filter(ix -> Hdf5ChunkReader.canRead(ix, dtype))
                    .ifPresent(ix -> direct.add(v.name()));
        }
        // every chunked variable but the one with no data at all goes direct, fletcher32 (verified) included
        List<String> expected = VARS.stream().map(Var::name).filter(n -> !n.equals("never_written")).toList();
        assertThat(direct).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(DIRECT.get("h5.nc").chunkIndex("fletcher")).get()
                .satisfies(ix -> assertThat(ix.onlyShuffleAndDeflate()).isFalse());
    }

    @Example
    void aHyperslabThatIsExactlyOneChunkIsDecodedInPlace() {
        for (String v : List.of("z1s_i2", "z1s_f8", "be_u4", "raw_i8")) {
            Hdf5ChunkIndex ix = DIRECT.get("nc4.nc").chunkIndex(v).orElseThrow();
            int[] cs = ix.chunkShape();
            long[] start = {0, cs[1], 0};
            Object direct = DIRECT.get("nc4.nc").read(v, start, cs);
            assertThat(Objects.deepEquals(direct, NETCDF_JAVA.get("nc4.nc").read(v, start, cs))).as(v).isTrue();
            // and straight into a larger array
            Object into = java.lang.reflect.Array.newInstance(direct.getClass().getComponentType(),
                    java.lang.reflect.Array.getLength(direct) + 5);
            assertThat(DIRECT.get("nc4.nc").readInto(v, start, cs, into, 5)).as(v).isTrue();
            Object tail = java.lang.reflect.Array.newInstance(direct.getClass().getComponentType(),
                    java.lang.reflect.Array.getLength(direct));
            System.arraycopy(into, 5, tail, 0, java.lang.reflect.Array.getLength(direct));
            assertThat(Objects.deepEquals(tail, direct)).as(v).isTrue();
        }
    }

    @Example
    void chunkIndexMatchesH5py() {
        int checked = 0;
        for (Var v : VARS) {
            JsonNode expected = h5pyChunks.get(v.file()).get(v.name());
            Hdf5ChunkIndex ix = DIRECT.get(v.file()).chunkIndex(v.name()).orElse(null);
            if (expected == null || expected.isEmpty()) {
                assertThat(ix == null || ix.chunks().isEmpty()).as(v.name()).isTrue();
                continue;
            }
            assertThat(ix).as(v.name()).isNotNull();
            List<String> want = new ArrayList<>();
            for (JsonNode c : expected) {
                want.add(c.toString().replace(" ", ""));
            }
            List<String> got = new ArrayList<>();
            for (Hdf5ChunkIndex.Chunk c : ix.chunks()) {
                List<Long> row = new ArrayList<>();
                for (long o : c.origin()) {
                    row.add(o);
                }
                row.addAll(List.of((long) c.filterMask(), c.offset(), (long) c.size()));
                got.add(row.toString().replace(" ", ""));
            }
            assertThat(got).as(v.name()).containsExactlyInAnyOrderElementsOf(want);
            checked += got.size();
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Example
    void byteOrderAndFiltersAreReported() {
        Hdf5ChunkIndex be = DIRECT.get("nc4.nc").chunkIndex("be_i4").orElseThrow();
        assertThat(be.byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(be.filters()).extracting(Hdf5ChunkIndex.Filter::id)
                .containsExactly(Hdf5ChunkIndex.SHUFFLE, Hdf5ChunkIndex.DEFLATE);
        assertThat(be.chunkShape()).containsExactly(5, 3, 3);
        Hdf5ChunkIndex le = DIRECT.get("nc4.nc").chunkIndex("z9_f8").orElseThrow();
        assertThat(le.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.elementSize()).isEqualTo(8);
        assertThat(le.filters()).extracting(Hdf5ChunkIndex.Filter::id).containsExactly(Hdf5ChunkIndex.DEFLATE);
        assertThat(DIRECT.get("nc4.nc").chunkIndex("raw_i2").orElseThrow().filters()).isEmpty();
    }

    @Example
    void unallocatedChunksReadAsTheFillValue() {
        NetcdfInput in = DIRECT.get("nc4.nc");
        short[] holes = (short[]) in.read("holes_i2", new long[] {4, 0, 0}, new int[] {2, 9, 11});
        assertThat(holes).containsOnly((short) 7);
        assertThat(in.chunkIndex("holes_i2").orElseThrow().chunks()).hasSize(3);
        // no _FillValue: netCDF's default fill for short, as netCDF4-python shows it
        short[] deflt = (short[]) in.read("holes_default_i2", new long[] {3, 0, 0}, new int[] {4, 9, 11});
        assertThat(deflt).containsOnly((short) -32767);
        int[] never = (int[]) in.readAll("never_written");
        assertThat(never).containsOnly(-2147483647);
        // a written value next to unwritten ones in the same chunk
        short[] corner = (short[]) in.read("holes_i2", new long[] {5, 7, 9}, new int[] {2, 2, 2});
        assertThat(corner).containsExactly(7, 7, 7, 7, 7, 7, 7, 3);
    }

    @Example
    void aCorruptChunkIsReportedWithTheFileName() throws IOException {
        Path copy = dir.resolve("corrupt.nc");
        Files.copy(dir.resolve("nc4.nc"), copy);
        Hdf5ChunkIndex.Chunk c = DIRECT.get("nc4.nc").chunkIndex("z9_i4").orElseThrow().chunks().get(1);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}), c.offset() + c.size() / 2);
        }
        try (NetcdfInput in = NetcdfInput.open(ByteSources.open(copy.toString(), Map.of()), FileType.NETCDF4, true)) {
            assertThat(in.read("z9_i4", new long[] {0, 0, 0}, new int[] {1, 1, 1})).isNotNull(); // chunk 0 is fine
            assertThatThrownBy(() -> in.readAll("z9_i4")).isInstanceOf(InputException.class)
                    .hasMessageContaining("corrupt.nc").hasMessageContaining("z9_i4").hasMessageContaining("deflate");
        }
    }

    @Example
    void libdeflateLoadsWhereSetupInstallsIt() {
        // bin/setup installs gcc and libdeflate-dev, and the build packs the library for this platform.
        boolean buildable = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"))
                && Files.exists(Path.of("/usr/include/libdeflate.h"));
        assertThat(Libdeflate.available()).as("native inflate loaded").isEqualTo(buildable);
    }

    @Example
    void libdeflateAndInflaterDecodeTheSameBytesAndRejectTheSameCorruption() throws IOException {
        Path copy = dir.resolve("inflaters.nc");
        Files.copy(dir.resolve("nc4.nc"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        NetcdfInput in = DIRECT.get("nc4.nc");
        int compared = 0;
        try (ByteSource src = ByteSources.open(copy.toString(), Map.of())) {
            for (Var v : VARS.stream().filter(x -> x.file().equals("nc4.nc")).toList()) {
                DType dtype = in.metadata().variable(v.name()).dtype();
                Hdf5ChunkIndex ix = in.chunkIndex(v.name()).orElse(null);
                if (ix == null || !Hdf5ChunkReader.canRead(ix, dtype)) {
                    continue;
                }
                long[] start = new long[v.shape().length];
                int[] count = Arrays.stream(v.shape()).mapToInt(x -> (int) x).toArray();
                Object fast = new Hdf5ChunkReader(src, true).read(ix, dtype, 0, start, count);
                Object zip = new Hdf5ChunkReader(src, false).read(ix, dtype, 0, start, count);
                assertThat(Objects.deepEquals(fast, zip)).as(v.name()).isTrue();
                compared++;
            }
            assertThat(compared).isGreaterThan(3);
        }
        Hdf5ChunkIndex ix = in.chunkIndex("z9_i4").orElseThrow();
        DType dtype = in.metadata().variable("z9_i4").dtype();
        Hdf5ChunkIndex.Chunk c = ix.chunks().get(1);
        long[] origin = c.origin().clone();
        int[] count = new int[origin.length];
        for (int d = 0; d < origin.length; d++) {
            count[d] = (int) Math.min(ix.chunkShape()[d], ix.shape()[d] - origin[d]);
        }
        // a flipped byte in the middle (bad data or checksum), and the stream cut short
        for (long[] edit : List.of(new long[] {c.offset() + c.size() / 2, 0x5a}, new long[] {c.offset() + c.size() - 1, 0xff})) {
            Files.copy(dir.resolve("nc4.nc"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(copy,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.READ)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                ch.read(b, edit[0]);
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ edit[1])}), edit[0]);
            }
            try (ByteSource src = ByteSources.open(copy.toString(), Map.of())) {
                for (boolean native_ : List.of(true, false)) {
                    assertThatThrownBy(() -> new Hdf5ChunkReader(src, native_).read(ix, dtype, 0, origin, count))
                            .as("libdeflate %s, edit at %d", native_, edit[0])
                            .isInstanceOf(IOException.class).hasMessageContaining("deflate");
                }
            }
        }
    }

    /** {@code total} elements repeating the bitwise inverse of {@code values}' elements. */
    private static Object tiledInverse(Object values, int total, DType dtype) {
        byte[] le = ElementBytes.toLittleEndian(values);
        for (int i = 0; i < le.length; i++) {
            le[i] = (byte) ~le[i];
        }
        Object inverse = ElementBytes.fromLittleEndian(le, dtype);
        int n = java.lang.reflect.Array.getLength(inverse);
        Object out = dtype.newArray(total);
        for (int i = 0; i < total; i += Math.max(1, n)) {
            System.arraycopy(inverse, 0, out, i, Math.min(n, total - i));
        }
        return out;
    }

    private static String preview(Object a) {
        String s = a instanceof byte[] x ? Arrays.toString(x) : a instanceof short[] x ? Arrays.toString(x)
                : a instanceof int[] x ? Arrays.toString(x) : a instanceof long[] x ? Arrays.toString(x)
                : a instanceof float[] x ? Arrays.toString(x) : a instanceof double[] x ? Arrays.toString(x)
                : String.valueOf(a);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
