package org.arcoforge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.arcoforge.recipe.SourceOptions;
import org.arcoforge.testinfra.TestFtpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** FtpByteSource against Apache MINA FtpServer in this JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FtpByteSourceTest {
    @TempDir
    static Path dir;
    TestFtpServer server;
    byte[] data;
    SourceAccess access;

    @BeforeAll
    void start() throws Exception {
        data = new byte[200_000];
        new Random(3).nextBytes(data);
        Files.createDirectories(dir.resolve("pub"));
        Files.write(dir.resolve("pub/a.bin"), data);
        server = new TestFtpServer(dir, "ftpuser", "ftp-pass-42");
        access = SourceAccess.resolve(SourceOptions.DEFAULT.withRetries(3).withTimeoutSeconds(5)
                .withCredentials(SourceOptions.Credentials.basic("FU", "FP")), Map.of("FU", "ftpuser", "FP", "ftp-pass-42"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void sizeAndByteRangesWithRest() throws Exception {
        try (FtpByteSource s = new FtpByteSource(URI.create(server.url("pub/a.bin")), access)) {
            assertThat(s.length()).isEqualTo(data.length);
            byte[] buf = new byte[5000];
            s.readFully(150_000, buf, 0, 5000);
            assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 150_000, 155_000));
            s.readFully(10, buf, 0, 5000); // a second range on the same control connection
            assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 10, 5010));
            assertThat(s.read(data.length - 3, buf, 0, 100)).isEqualTo(3);
        }
        assertThat(server.count("REST")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void droppedDataConnectionIsResumedWithRest() throws Exception {
        server.dropDataConnectionOnce("a.bin");
        try (FtpByteSource s = new FtpByteSource(URI.create(server.url("pub/a.bin")), access)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> s.copyTo(0, out)).isInstanceOf(java.io.IOException.class);
            int got = out.size();
            assertThat(got).isBetween(1, data.length - 1);
            s.copyTo(got, out);
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void wrongPasswordIsRefusedWithoutShowingIt() {
        SourceAccess bad = SourceAccess.resolve(SourceOptions.DEFAULT.withRetries(0)
                .withCredentials(SourceOptions.Credentials.basic("FU", "FP")), Map.of("FU", "ftpuser", "FP", "wrong-pw-99"));
        assertThatThrownBy(() -> new FtpByteSource(URI.create(server.url("pub/a.bin")), bad).length())
                .isInstanceOf(InputException.class)
                .hasMessageContaining("FTP login refused for user ftpuser")
                .hasMessageNotContaining("wrong-pw-99");
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> ByteSources.stat(server.url("pub/none.bin"), Map.of(), access))
                .isInstanceOf(SourceNotFoundException.class).hasMessageContaining("pub/none.bin");
    }
}
