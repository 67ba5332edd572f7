package org.arcoforge.zarr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopZarrStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes();
    }

    private void exercise(ZarrStore s, Path root) throws Exception {
        assertThat(s.get(".zgroup")).isNull();
        assertThat(s.exists(".zgroup")).isFalse();
        assertThat(s.list("")).isEmpty();
        s.put(".zgroup", b("{}"));
        s.put("sst/.zarray", b("a"));
        s.put("sst/0.0", b("chunk00"));
        s.put("sst/0.1", b("chunk01"));
        s.put("g/t/.zarray", b("t"));
        assertThat(s.get("sst/0.1")).isEqualTo(b("chunk01"));
        assertThat(Files.readAllBytes(root.resolve("sst/0.1"))).isEqualTo(b("chunk01"));
        s.put("sst/0.1", b("x")); // overwrite, shorter
        assertThat(s.get("sst/0.1")).isEqualTo(b("x"));
        assertThat(s.exists("sst/0.0")).isTrue();
        assertThat(s.list("")).containsExactly(".zgroup", "g/t/.zarray", "sst/.zarray", "sst/0.0", "sst/0.1");
        assertThat(s.list("sst")).containsExactly("sst/.zarray", "sst/0.0", "sst/0.1");
        assertThat(s.list("sst/0.0")).containsExactly("sst/0.0");
        assertThat(s.list("nope")).isEmpty();
        assertThat(s.listDirectories("")).containsExactly("g", "sst");
        assertThat(s.listDirectories("g")).containsExactly("t");
        assertThat(s.listDirectories("sst")).isEmpty();
        s.delete("sst/0.0");
        s.delete("sst/0.0");
        assertThat(s.exists("sst/0.0")).isFalse();
        assertThat(s.get("sst/0.0")).isNull();
        s.put("empty", new byte[0]);
        assertThat(s.get("empty")).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no checksum side files in the store").noneMatch(n -> n.endsWith(".crc"));
        }
    }

    @Test
    void plainLocalPath() throws Exception {
        Path root = dir.resolve("a.zarr");
        exercise(new HadoopZarrStore(root.toString(), Map.of()), root);
    }

    @Test
    void fileUri() throws Exception {
        Path root = dir.resolve("b.zarr");
        HadoopZarrStore s = new HadoopZarrStore(root.toUri().toString(), Map.of("fs.file.impl.disable.cache", "true"));
        assertThat(s.uri()).startsWith("file:");
        exercise(s, root);
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws Exception {
        Path root = dir.resolve("c.zarr");
        HadoopZarrStore s = new HadoopZarrStore(root.toString(), Map.of("some.key", "v"));
        s.put("k", b("before"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        ZarrStore copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ZarrStore) in.readObject();
        }
        assertThat(copy.get("k")).isEqualTo(b("before"));
        copy.put("k2", b("after"));
        assertThat(s.get("k2")).isEqualTo(b("after"));
        assertThat(copy.uri()).isEqualTo(root.toString());
    }

    @Test
    void rejectsKeysThatEscapeTheStore() {
        HadoopZarrStore s = new HadoopZarrStore(dir.resolve("d.zarr").toString());
        for (String bad : List.of("/abs", "a/../b", "a//b", "a/", "..")) {
            assertThatThrownBy(() -> s.put(bad, new byte[1])).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unknownSchemeFailsWithTheUri() {
        HadoopZarrStore s = new HadoopZarrStore("nosuchfs://bucket/x.zarr");
        assertThatThrownBy(() -> s.get(".zgroup")).hasMessageContaining("nosuchfs://bucket/x.zarr");
    }
}
