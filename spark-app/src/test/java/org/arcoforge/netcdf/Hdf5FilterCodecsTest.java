package org.arcoforge.netcdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.arcoforge.codec.BytesCodec;
import org.arcoforge.codec.Fletcher32Codec;
import org.arcoforge.codec.ShuffleCodec;
import org.arcoforge.codec.ZlibCodec;
import org.arcoforge.sample.Ncgen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jhdf.HdfFile;
import ucar.nc2.NetcdfFile;
import ucar.nc2.Variable;

/**
 * The filter pipelines of a real NetCDF-4 file (netCDF-C) mapped to codecs by the registry, and
 * those codecs decoding the file's stored chunks to the values netcdf-java reads: what a
 * reference store will point readers at.
 */
class Hdf5FilterCodecsTest {
    @TempDir
    Path dir;

    @Test
    void filterPipelinesBecomeCodecsThatDecodeTheStoredChunks() throws IOException {
        String cdl = """
                netcdf f {
                dimensions: y = 4 ; x = 6 ;
                variables:
                  float t(y, x) ; t:_ChunkSizes = 2, 3 ; t:_DeflateLevel = 4 ; t:_Shuffle = "true" ;
                  short s(y, x) ; s:_ChunkSizes = 2, 3 ; s:_DeflateLevel = 1 ; s:_Fletcher32 = "true" ;
                  int u(y, x) ; u:_ChunkSizes = 2, 3 ;
                data:
                """ + " t = " + seq(24, i -> (i * 1.5f - 7) + "") + " ;\n s = " + seq(24, i -> String.valueOf(i * 100 - 999))
                + " ;\n u = " + seq(24, i -> String.valueOf(i * 70000)) + " ;\n}\n";
        Path p = Ncgen.run(cdl, Ncgen.Kind.NETCDF4, dir.resolve("filters.nc"));
        try (NetcdfFile nc = NetcdfFile.open(p.toString()); RandomAccessFile raf = new RandomAccessFile(p.toFile(), "r")) {
            // The pipelines as jHDF reads them, client data included: netCDF-C writes fletcher32 first.
            try (HdfFile h5 = new HdfFile(p)) {
                assertThat(JhdfFilters.codecs(h5.getDatasetByPath("t"))).containsExactly(new ShuffleCodec(4), new ZlibCodec(4));
                assertThat(JhdfFilters.codecs(h5.getDatasetByPath("s"))).containsExactly(new Fletcher32Codec(), new ZlibCodec(1));
                assertThat(JhdfFilters.codecs(h5.getDatasetByPath("u"))).isEmpty();
            }
            // netcdf-java's index: the same codecs, but after shuffle (one client value) it reads no
            // deflate level, so zlib gets the fallback 6 (decoding does not depend on it).
            Hdf5ChunkIndex t = NetcdfJavaHdf5.storage(nc.findVariable("t")).index();
            assertThat(t.codecs()).containsExactly(new ShuffleCodec(4), new ZlibCodec(6));
            Hdf5ChunkIndex s = NetcdfJavaHdf5.storage(nc.findVariable("s")).index();
            assertThat(s.codecs()).containsExactly(new Fletcher32Codec(), new ZlibCodec(1));
            Hdf5ChunkIndex u = NetcdfJavaHdf5.storage(nc.findVariable("u")).index();
            assertThat(u.codecs()).isEmpty();
            for (String name : List.of("t", "s", "u")) {
                Variable v = nc.findVariable(name);
                Hdf5ChunkIndex index = NetcdfJavaHdf5.storage(v).index();
                assertThat(index.chunks()).hasSize(4);
                for (Hdf5ChunkIndex.Chunk c : index.chunks()) {
                    byte[] b = new byte[c.size()];
                    raf.seek(c.offset());
                    raf.readFully(b);
                    List<BytesCodec> codecs = new ArrayList<>(index.codecs());
                    for (int i = codecs.size() - 1; i >= 0; i--) {
                        b = codecs.get(i).decode(b, -1);
                    }
                    int[] origin = {(int) c.origin()[0], (int) c.origin()[1]};
                    Object expected = v.read(origin, new int[] {2, 3}).copyTo1DJavaArray();
                    assertThat(values(b, index, expected)).as(name + " chunk " + java.util.Arrays.toString(origin))
                            .isEqualTo(expected);
                }
            }
        } catch (ucar.ma2.InvalidRangeException e) {
            throw new AssertionError(e);
        }
    }

    private static Object values(byte[] b, Hdf5ChunkIndex index, Object like) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(index.byteOrder());
        if (like instanceof float[] f) {
            float[] out = new float[f.length];
            buf.asFloatBuffer().get(out);
            return out;
        }
        if (like instanceof short[] s) {
            short[] out = new short[s.length];
            buf.asShortBuffer().get(out);
            return out;
        }
        int[] out = new int[((int[]) like).length];
        buf.asIntBuffer().get(out);
        return out;
    }

    private static String seq(int n, java.util.function.IntFunction<String> f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append(f.apply(i));
        }
        return sb.toString();
    }
}
