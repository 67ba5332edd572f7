package org.arcoforge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.testinfra.Tmpfs;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopStoreTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes();
    }

    private void exercise(KeyValueStore s, Path root) throws Exception {
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
        exercise(new HadoopStore(root.toString(), Map.of()), root);
    }

    @Test
    void fileUri() throws Exception {
        Path root = dir.resolve("b.zarr");
        HadoopStore s = new HadoopStore(root.toUri().toString(), Map.of("fs.file.impl.disable.cache", "true"));
        assertThat(s.uri()).startsWith("file:");
        exercise(s, root);
    }

    @Test
    void survivesJavaSerializationAsSparkShipsIt() throws Exception {
        Path root = dir.resolve("c.zarr");
        HadoopStore s = new HadoopStore(root.toString(), Map.of("some.key", "v"));
        s.put("k", b("before"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        KeyValueStore copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (KeyValueStore) in.readObject();
        }
        assertThat(copy.get("k")).isEqualTo(b("before"));
        copy.put("k2", b("after"));
        assertThat(s.get("k2")).isEqualTo(b("after"));
        assertThat(copy.uri()).isEqualTo(root.toString());
    }

    @Test
    void aWriteThatFailsOnAFullDiskLeavesTheOldValueAndNoPartialObject() throws Exception {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("small"), 256 * 1024)) {
            Assumptions.assumeTrue(disk != null, "mounting a tmpfs needs root");
            HadoopStore s = new HadoopStore(disk.dir().resolve("s.zarr").toString());
            s.put("v/0.0", filled(100, 'a'));
            assertThatThrownBy(() -> s.put("v/0.0", filled(1 << 20, 'b')))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("No space left on device").hasMessageContaining("'v/0.0'")
                    .hasMessageContaining(disk.dir().resolve("s.zarr").toString());
            assertThat(s.get("v/0.0")).as("the value before the failed write").isEqualTo(filled(100, 'a'));
            // metadata: never a truncated document under its name
            assertThatThrownBy(() -> s.putMetadata(".zmetadata", ("{\"x\": \"" + "y".repeat(1 << 20) + "\"}").getBytes()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("'.zmetadata'");
            assertThat(s.exists(".zmetadata")).isFalse();
            assertThat(s.listIncludingTemporary("")).as("no temporary file left").containsExactly("v/0.0");
            try (Stream<Path> files = Files.walk(disk.dir())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }

    @Test
    void readersNeverSeeAPartialValue() throws Exception {
        Path root = dir.resolve("r.zarr");
        HadoopStore writer = new HadoopStore(root.toString());
        HadoopStore reader = new HadoopStore(root.toString());
        byte[] small = filled(256 * 1024, 'a');
        byte[] large = filled(512 * 1024, 'b');
        writer.put("v/0", small);
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            while (!done.get()) {
                byte[] got = reader.get("v/0");
                if (!Arrays.equals(got, small) && !Arrays.equals(got, large)) {
                    seen.add(got == null ? "nothing" : got.length + " bytes");
                }
            }
        });
        t.start();
        for (int i = 0; i < 300; i++) {
            writer.put("v/0", i % 2 == 0 ? large : small);
        }
        done.set(true);
        t.join();
        assertThat(seen).as("values a reader saw that were neither the old nor the new one").isEmpty();
    }

    @Test
    void temporaryFilesOfKilledWritersAreNotKeys() throws Exception {
        Path root = dir.resolve("t.zarr");
        HadoopStore s = new HadoopStore(root.toString());
        s.put("v/0.0", b("x"));
        s.put(".zgroup", b("{}"));
        // what a writer killed between create and rename leaves
        Files.writeString(root.resolve("v/.0.1.0123456789abcdef.tmp"), "half");
        Files.writeString(root.resolve("..zmetadata.fedcba9876543210.tmp"), "{\"meta");
        assertThat(s.list("")).containsExactly(".zgroup", "v/0.0");
        assertThat(s.list("v")).containsExactly("v/0.0");
        assertThat(s.listIncludingTemporary("")).hasSize(4);
        assertThat(TempNames.isTemporary("v/.0.1.0123456789abcdef.tmp")).isTrue();
        assertThat(TempNames.isTemporary("v/0.1")).isFalse();
        assertThat(TempNames.isTemporary("notes.tmp")).isFalse();
    }

    @Test
    void putIfAbsentCreatesOnce() {
        HadoopStore s = new HadoopStore(dir.resolve("l.zarr").toString());
        assertThat(s.putIfAbsent(".lock", b("first"))).isTrue();
        assertThat(s.putIfAbsent(".lock", b("second"))).isFalse();
        assertThat(s.get(".lock")).isEqualTo(b("first"));
        assertThat(s.listIncludingTemporary("")).containsExactly(".lock");
    }

    private static byte[] filled(int n, char c) {
        byte[] v = new byte[n];
        Arrays.fill(v, (byte) c);
        return v;
    }

    @Test
    void rejectsKeysThatEscapeTheStore() {
        HadoopStore s = new HadoopStore(dir.resolve("d.zarr").toString());
        for (String bad : List.of("/abs", "a/../b", "a//b", "a/", "..")) {
            assertThatThrownBy(() -> s.put(bad, new byte[1])).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unknownSchemeFailsWithTheUri() {
        HadoopStore s = new HadoopStore("nosuchfs://bucket/x.zarr");
        assertThatThrownBy(() -> s.get(".zgroup")).hasMessageContaining("nosuchfs://bucket/x.zarr");
    }
}
