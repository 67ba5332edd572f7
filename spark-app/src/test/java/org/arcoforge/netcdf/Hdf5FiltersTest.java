package org.arcoforge.netcdf;

import org.arcoforge.codec.Fletcher32;
import org.arcoforge.source.ByteSources;
import org.arcoforge.source.InputException;
import org.arcoforge.source.SourceAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.arcoforge.recipe.FileType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fletcher-32 checksums are verified on both read paths (direct chunk reader and netcdf-java, which
 * strips them unchecked), for h5py's pipeline (checksum last) and netCDF4-python's (checksum
 * first); filters the project cannot decode are refused in the metadata pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Hdf5FiltersTest {
    Path dir;
    JsonNode info;

    @BeforeAll
    void fixtures(@TempDir Path tmp) throws Exception {
        dir = tmp;
        info = new ObjectMapper().readTree(PythonReference.run("make_hdf5_filter_fixtures.py", dir.toString()));
    }

    private NetcdfInput open(Path p, boolean direct) {
        return NetcdfInput.open(ByteSources.open(p.toString(), Map.of(), SourceAccess.NONE), FileType.AUTO, direct);
    }

    @Test
    void checksumOfChunksH5pyWrote() throws Exception {
        byte[] file = Files.readAllBytes(dir.resolve("good/fl_0.nc"));
        assertThat(info.get("npix_chunks")).hasSize(4);
        for (JsonNode c : info.get("npix_chunks")) {
            byte[] chunk = java.util.Arrays.copyOfRange(file, c.get(0).asInt(), c.get(0).asInt() + c.get(1).asInt());
            assertThat(Fletcher32.verify(chunk, 0, chunk.length)).isTrue();
            for (int i : new int[] {0, chunk.length / 2, chunk.length - 5, chunk.length - 1}) {
                chunk[i] ^= 0x10;
                assertThat(Fletcher32.verify(chunk, 0, chunk.length)).as("byte %d flipped", i).isFalse();
                chunk[i] ^= 0x10;
            }
        }
    }

    @Test
    void intactChecksummedChunksReadTheSameOnBothPaths() {
        for (String f : new String[] {"good/fl_1.nc", "nc4py.nc"}) {
            for (String v : f.startsWith("good") ? new String[] {"npix"} : new String[] {"v", "w"}) {
                try (NetcdfInput direct = open(dir.resolve(f), true); NetcdfInput netcdfJava = open(dir.resolve(f), false)) {
                    assertThat(Hdf5ChunkReader.canRead(direct.chunkIndex(v).orElseThrow(),
                            direct.metadata().variable(v).dtype())).as(v).isTrue();
                    assertThat(Objects.deepEquals(direct.readAll(v), netcdfJava.readAll(v))).as(f + ":" + v).isTrue();
                }
            }
        }
    }

    @Test
    void corruptChunkIsAnErrorNamingFileVariableAndChunk() {
        Path h5py = dir.resolve("corrupt/fl_1.nc");
        Path nc4py = dir.resolve("nc4py_corrupt.nc");
        for (boolean direct : new boolean[] {true, false}) {
            try (NetcdfInput in = open(h5py, direct)) {
                in.metadata();
                assertThatThrownBy(() -> in.readAll("npix")).isInstanceOf(InputException.class)
                        .hasMessageContaining(h5py.toString()).hasMessageContaining("variable npix")
                        .hasMessageContaining("fletcher32 checksum mismatch in chunk [0, 1, 0]");
                if (direct) {
                    // a hyperslab inside an intact chunk still reads (netcdf-java reads small variables whole)
                    assertThat((short[]) in.read("npix", new long[] {0, 0, 0}, new int[] {1, 3, 4})).hasSize(12);
                }
            }
            try (NetcdfInput in = open(nc4py, direct)) {
                assertThatThrownBy(() -> in.readAll("v")).isInstanceOf(InputException.class)
                        .hasMessageContaining(nc4py.toString()).hasMessageContaining("variable v")
                        .hasMessageContaining("fletcher32 checksum mismatch in chunk [0, 1]");
                assertThat((float[]) in.readAll("w")).hasSize(80);
            }
        }
    }

    @Test
    void filtersTheProjectCannotDecodeAreRefusedInTheMetadataPass() {
        Path p = dir.resolve("filters/fl_0.nc");
        for (boolean direct : new boolean[] {true, false}) {
            try (NetcdfInput in = open(p, direct)) {
                assertThatThrownBy(in::metadata).isInstanceOf(InputException.class)
                        .hasMessageContaining(p.toString()).hasMessageContaining("variable rain")
                        .hasMessageContaining("lzf (HDF5 filter id 32000)").hasMessageContaining("drop_variables: [rain]");
                assertThatThrownBy(() -> in.readAll("so")).isInstanceOf(InputException.class)
                        .hasMessageContaining("variable so").hasMessageContaining("scaleoffset (HDF5 filter id 6)");
                assertThat((float[]) in.readAll("sst")).hasSize(48);
            }
        }
    }

    @Test
    void thirdPartyFilterIdIsNamed() {
        Path p = dir.resolve("third_party.nc");
        try (NetcdfInput in = open(p, true)) {
            assertThatThrownBy(in::metadata).isInstanceOf(InputException.class).hasMessageContaining(p.toString())
                    .hasMessageContaining("variable rain: its data is compressed with third-party filter (HDF5 filter id 32123)")
                    .hasMessageContaining("drop_variables: [rain]");
        }
    }

    /** jHDF (HDF5 superblock 3) neither checks nor strips checksums, and decodes lzf itself. */
    @Test
    void superblock3FilesReadByJhdf() {
        try (NetcdfInput good = open(dir.resolve("sb3.nc"), true); NetcdfInput ref = open(dir.resolve("good/fl_0.nc"), true)) {
            assertThat(good.backendName()).isEqualTo("jhdf");
            assertThatThrownBy(good::metadata).isInstanceOf(InputException.class).hasMessageContaining("variable so")
                    .hasMessageContaining("scaleoffset (HDF5 filter id 6)");
            assertThat((short[]) good.readAll("npix")).isEqualTo((short[]) ref.readAll("npix"));
            assertThat((float[]) good.readAll("rain")).hasSize(48);
        }
        Path bad = dir.resolve("sb3_corrupt.nc");
        try (NetcdfInput in = open(bad, true)) {
            assertThatThrownBy(() -> in.readAll("npix")).isInstanceOf(InputException.class)
                    .hasMessageContaining(bad.toString()).hasMessageContaining("variable npix")
                    .hasMessageContaining("fletcher32 checksum mismatch in chunk [0, 0, 1]");
            assertThat((short[]) in.read("npix", new long[] {0, 3, 0}, new int[] {1, 3, 8})).hasSize(24);
        }
    }

    /** Chunks never written have nothing to check (jHDF 0.13 itself fails to read them with filters on). */
    @Test
    void jhdfChunksNeverWrittenAreNotChecked() throws Exception {
        Path p = dir.resolve("holes_sb3.nc");
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(p)) {
            JhdfFilters.verify(h.getDatasetByPath("v"), new long[] {0, 0}, new int[] {6, 8});
        }
        try (NetcdfInput in = open(p, true)) {
            assertThat(in.backendName()).isEqualTo("jhdf");
            assertThat((short[]) in.read("v", new long[] {0, 0}, new int[] {3, 4}))
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        }
    }
}
