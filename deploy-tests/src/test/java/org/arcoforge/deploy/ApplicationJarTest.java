package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What the application jar holds: not what the cluster supplies, clashing libraries relocated. */
class ApplicationJarTest {

    @Test
    void jarLeavesSparkAndHadoopOutAndRelocatesWhatClashes() throws Exception {
        try (JarFile jar = new JarFile(Deploy.appJar().toFile())) {
            List<String> classes = jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.arcoforge.cli.ArcoForge");
            assertThat(classes).contains("org/arcoforge/cli/ArcoForge.class", "org/arcoforge/recipe/RecipeYaml.class",
                    "ucar/nc2/NetcdfFile.class", "io/jhdf/HdfFile.class", "picocli/CommandLine.class",
                    // native-code libraries keep their names (their JNI symbols depend on them)
                    "com/scalableminds/bloscjava/Blosc.class",
                    // relocated
                    "org/arcoforge/shaded/jackson/databind/ObjectMapper.class",
                    "org/arcoforge/shaded/snakeyaml/Yaml.class",
                    "org/arcoforge/shaded/http/client/HttpClient.class",
                    "org/arcoforge/shaded/joda/time/DateTime.class");
            // the libdeflate binding for this platform, where the build could compile it (bin/setup installs gcc and
            // libdeflate-dev)
            boolean buildable = System.getProperty("os.name").equals("Linux")
                    && List.of("amd64", "aarch64").contains(System.getProperty("os.arch"))
                    && java.nio.file.Files.exists(java.nio.file.Path.of("/usr/include/libdeflate.h"));
            assertThat(jar.getEntry("org/arcoforge/codec/native/" + System.getProperty("os.arch") + "/libarcoforge_deflate.so"))
                    .as("native inflate in the jar").matches(e -> (e != null) == buildable);
            for (String provided : List.of("org/apache/spark/", "scala/", "org/apache/hadoop/", "org/slf4j/",
                    "com/github/luben/zstd/", "net/jpountz/", "com/amazonaws/", "software/amazon/",
                    "com/google/cloud/hadoop/")) {
                assertThat(classes).as("cluster-provided %s", provided).noneMatch(c -> c.startsWith(provided));
            }
            for (String clashing : List.of("com/fasterxml/", "org/yaml/", "org/apache/http/", "org/apache/commons/net/",
                    "org/joda/")) {
                assertThat(classes).as("%s must be relocated", clashing).noneMatch(c -> c.contains(clashing));
            }
        }
    }
}
