package org.arcoforge.source;

import org.arcoforge.netcdf.NetcdfInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.arcoforge.recipe.FileType;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ByteSourceTest {
    @TempDir
    Path dir;

    @Test
    void positionedReadsOnPlainPathsAndFileUris() throws Exception {
        Path p = dir.resolve("bytes.bin");
        byte[] data = new byte[3000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        Files.write(p, data);
        for (String where : new String[] {p.toString(), p.toUri().toString()}) {
            try (ByteSource src = ByteSources.open(where, Map.of())) {
                assertThat(src.length()).isEqualTo(3000);
                assertThat(src.location()).startsWith("file:").endsWith("bytes.bin");
                byte[] buf = new byte[10];
                src.readFully(2990, buf, 0, 10);
                assertThat(buf).isEqualTo(java.util.Arrays.copyOfRange(data, 2990, 3000));
                src.readFully(5, buf, 2, 3);
                assertThat(buf[2]).isEqualTo(data[5]);
                assertThat(src.read(3000, buf, 0, 1)).isEqualTo(-1);
                assertThatThrownBy(() -> src.readFully(2995, buf, 0, 10)).isInstanceOf(EOFException.class)
                        .hasMessageContaining("bytes.bin");
            }
        }
    }

    @Test
    void missingFileAndSecretsInUris() {
        assertThatThrownBy(() -> ByteSources.open(dir.resolve("gone.nc").toString(), Map.of()))
                .isInstanceOf(InputException.class).hasMessageContaining("gone.nc").hasMessageContaining("not found");
        assertThat(ByteSources.redact(java.net.URI.create("ftp://user:secret@host/a/b.nc?token=x")))
                .isEqualTo("ftp://host/a/b.nc");
    }

    /** netcdf-java reads headers through a block cache, and chunks directly, so a small file takes few reads. */
    @Test
    void netcdfJavaMakesFewReads() throws Exception {
        Path p = SampleArchives.oisstDaily(dir, java.time.LocalDate.of(2020, 5, 1), 1, 30, 60).get(0);
        AtomicInteger reads = new AtomicInteger();
        ByteSource inner = ByteSources.open(p.toString(), Map.of());
        ByteSource counting = new ByteSource() {
            @Override
            public int read(long pos, byte[] buf, int off, int len) throws IOException {
                reads.incrementAndGet();
                return inner.read(pos, buf, off, len);
            }

            @Override
            public long length() throws IOException { return inner.length(); }

            @Override
            public String location() { return inner.location(); }

            @Override
            public void close() throws IOException { inner.close(); }
        };
        try (NetcdfInput in = NetcdfInput.open(counting, FileType.AUTO)) {
            in.metadata();
            assertThat((short[]) in.readAll("sst")).hasSize(30 * 60);
        }
        assertThat(reads.get()).as("reads of a %d-byte file", Files.size(p)).isLessThanOrEqualTo(6);
    }
}
