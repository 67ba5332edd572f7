package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * emr-dataproc-configs/: every file parses, and every key is a setting that Spark, Hadoop or the
 * gcs-connector actually reads (found in their defaults files or class files), with a valid value
 * for the sizes that matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterConfigsTest {
    static final Path DIR = Deploy.ROOT.resolve("emr-dataproc-configs");

    String sparkClasses;
    String gcsClasses;
    String hadoopDefaults;

    @BeforeAll
    void knownSettings() throws IOException {
        StringBuilder spark = new StringBuilder();
        for (String jar : Deploy.sparkRuntime()) {
            if (jar.contains("/org/apache/spark/spark-core_") || jar.contains("/org/apache/spark/spark-yarn_")) {
                spark.append(classText(Path.of(jar)));
            }
        }
        sparkClasses = spark.toString();
        gcsClasses = classText(Path.of(com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem.class
                .getProtectionDomain().getCodeSource().getLocation().getPath()));
        StringBuilder hadoop = new StringBuilder();
        for (String f : List.of("core-default.xml", "yarn-default.xml", "hdfs-default.xml")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(f)) {
                if (in != null) {
                    hadoop.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        hadoopDefaults = hadoop.toString();
        assertThat(sparkClasses).contains(constant("spark.executor.memoryOverhead")).doesNotContain(constant("spark.executor.mem"));
        assertThat(hadoopDefaults).contains("<name>fs.s3a.connection.maximum</name>");
    }

    /** The class files of a jar as one string: setting names are string constants in them. */
    private static String classText(Path jar) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jf.getInputStream(entry)) {
                        sb.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
        return sb.toString();
    }

    /** A whole string constant as a class file stores it (length-prefixed), not a prefix of a longer name. */
    private static String constant(String s) {
        return "" + (char) (s.length() >> 8) + (char) (s.length() & 0xff) + s;
    }

    private void assertSparkSetting(String key, String value) {
        assertThat(key).startsWith("spark.");
        boolean known = key.startsWith("spark.hadoop.") ? hadoopDefaults.contains("<name>" + key.substring(13) + "</name>")
                : key.startsWith("spark.executorEnv.") || key.startsWith("spark.yarn.appMasterEnv.")
                || sparkClasses.contains(constant(key));
        assertThat(known).as("%s is not a setting Spark (or Hadoop) reads", key).isTrue();
        assertValue(key, value);
    }

    private void assertHadoopSetting(String key, String value) {
        boolean known = key.startsWith("fs.gs.") ? gcsClasses.contains(constant(key)) : hadoopDefaults.contains("<name>" + key + "</name>");
        assertThat(known).as("%s is not a setting Hadoop (or the gcs-connector) reads", key).isTrue();
        assertValue(key, value);
    }

    private static void assertValue(String key, String value) {
        assertThat(value).as(key).isNotBlank();
        if (key.endsWith(".memory") || key.endsWith(".memoryOverhead") || key.endsWith("multipart.size")
                || key.endsWith("readahead.range")) {
            assertThat(value).as(key).matches("\\d+[kKmMgG]");
        }
        if (key.endsWith(".cores") || key.endsWith(".maximum") || key.endsWith(".max") || key.endsWith("blocks")
                || key.endsWith("tasks") || key.endsWith("Failures") || key.endsWith(".size") && key.startsWith("fs.gs")) {
            assertThat(value).as(key).matches("\\d+");
        }
    }

    @Test
    void emrConfigurationsParseAndNameRealSettings() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve("emr-configurations.json").toFile());
        assertThat(root.isArray()).isTrue();
        Map<String, JsonNode> byClass = new LinkedHashMap<>();
        root.forEach(c -> byClass.put(c.get("Classification").asText(), c.get("Properties")));
        assertThat(byClass).containsOnlyKeys("spark-defaults", "core-site");
        byClass.get("spark-defaults").fields().forEachRemaining(e -> assertSparkSetting(e.getKey(), e.getValue().asText()));
        byClass.get("core-site").fields().forEachRemaining(e -> assertHadoopSetting(e.getKey(), e.getValue().asText()));
        assertBakery(byClass.get("spark-defaults").get("spark.executor.cores").asText(),
                byClass.get("spark-defaults").get("spark.executor.memory").asText(),
                byClass.get("spark-defaults").get("spark.executor.memoryOverhead").asText());
    }

    @Test
    void dataprocPropertiesParseAndNameRealSettings() throws IOException {
        // gcloud's PREFIX:KEY=VALUE, one a line (java.util.Properties would split at the colon)
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DIR.resolve("dataproc-cluster.properties"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).as("PREFIX:KEY=VALUE without spaces or commas (gcloud --properties)").matches("[a-z-]+:[^=\\s,]+=[^\\s,]+");
                p.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(p).isNotEmpty();
        for (String name : p.keySet()) {
            String prefix = name.substring(0, name.indexOf(':'));
            String key = name.substring(name.indexOf(':') + 1);
            switch (prefix) {
                case "spark" -> assertSparkSetting(key, p.get(name));
                case "core" -> assertHadoopSetting(key, p.get(name));
                default -> throw new AssertionError("unexpected Dataproc property prefix " + prefix + " in " + name);
            }
        }
        assertBakery(p.get("spark:spark.executor.cores"), p.get("spark:spark.executor.memory"),
                p.get("spark:spark.executor.memoryOverhead"));
    }

    @Test
    void yarnSparkDefaultsParseAndNameRealSettings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> commentedOut = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("yarn-spark-defaults.conf"))) {
            String t = line.strip();
            if (t.startsWith("# spark.")) {
                commentedOut.add(t.substring(2));
            } else if (!t.isEmpty() && !t.startsWith("#")) {
                String[] kv = t.split("\\s+", 2);
                assertThat(kv).as("'%s' is KEY VALUE", line).hasSize(2);
                settings.put(kv[0], kv[1]);
            }
        }
        settings.forEach(this::assertSparkSetting);
        for (String line : commentedOut) {
            String[] kv = line.split("\\s+", 2);
            assertSparkSetting(kv[0], kv[1]);
        }
        assertBakery(settings.get("spark.executor.cores"), settings.get("spark.executor.memory"),
                settings.get("spark.executor.memoryOverhead"));
    }

    /** Many 1-core executors of 4 GB (heap plus overhead). */
    private static void assertBakery(String cores, String memory, String overhead) {
        assertThat(cores).isEqualTo("1");
        assertThat(gb(memory) + gb(overhead)).isEqualTo(4.0);
    }

    private static double gb(String v) {
        double n = Double.parseDouble(v.substring(0, v.length() - 1));
        return switch (Character.toLowerCase(v.charAt(v.length() - 1))) {
            case 'g' -> n;
            case 'm' -> n / 1024;
            default -> throw new AssertionError(v);
        };
    }
}
