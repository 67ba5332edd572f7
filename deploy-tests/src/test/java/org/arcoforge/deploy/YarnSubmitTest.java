package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.arcoforge.sample.SampleArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar submitted to YARN in cluster mode by submit-scripts/submit-yarn.sh: a
 * MiniDFSCluster holds inputs and output, a MiniYARNCluster runs the driver and executors as real
 * containers (separate JVMs) on the Spark runtime assembled from Maven artifacts.
 */
class YarnSubmitTest {
    @TempDir
    Path tmp;

    @Test
    void submitYarnWritesTheStoreOnHdfs() throws Exception {
        Path jar = Deploy.appJar();
        List<Path> files = SampleArchives.oisstDaily(tmp.resolve("oisst"), LocalDate.of(1981, 9, 1), 4, 20, 40);

        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
        try (MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build()) {
            dfs.waitActive();
            FileSystem fs = dfs.getFileSystem();
            String hdfs = fs.getUri().toString();
            for (Path f : files) {
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(f.toUri()),
                        new org.apache.hadoop.fs.Path("/archive/" + f.getFileName()));
            }

            YarnConfiguration yconf = new YarnConfiguration(dfs.getConfiguration(0));
            yconf.setInt(YarnConfiguration.NM_PMEM_MB, 6144);
            yconf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
            yconf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
            yconf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
            yconf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 99.9f);
            yconf.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
            yconf.set("yarn.scheduler.capacity.root.queues", "default");
            yconf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
            yconf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
            yconf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 1.0f);
            try (MiniYARNCluster yarn = new MiniYARNCluster("arcoforge", 1, 1, 1)) {
                yarn.init(yconf);
                yarn.start();
                Configuration live = yarn.getConfig();
                long deadline = System.currentTimeMillis() + 30_000;
                while (live.get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                // the client's HADOOP_CONF_DIR: where HDFS and the ResourceManager are (the live
                // configuration also names test-only classes, which a real cluster would not have)
                Configuration client = new Configuration(false);
                client.set("fs.defaultFS", hdfs);
                live.getPropsWithPrefix("yarn.resourcemanager.").forEach((k, v) -> client.set("yarn.resourcemanager." + k, v));
                Path hadoopConf = Files.createDirectories(tmp.resolve("hadoop-conf"));
                try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("yarn-site.xml"))) {
                    client.writeXml(out);
                }
                // the cluster's Spark: the Maven-resolved runtime, present on the node (local:)
                Map<String, String> defaults = new LinkedHashMap<>();
                defaults.put("spark.yarn.jars", Deploy.sparkRuntime().stream().map(j -> "local:" + j)
                        .collect(Collectors.joining(",")));
                defaults.put("spark.ui.enabled", "false");
                defaults.put("spark.yarn.submit.waitAppCompletion", "true");
                // every Spark endpoint on the loopback interface
                defaults.put("spark.yarn.appMasterEnv.SPARK_LOCAL_IP", "127.0.0.1");
                defaults.put("spark.executorEnv.SPARK_LOCAL_IP", "127.0.0.1");
                Path sparkHome = Deploy.sparkHome(tmp.resolve("spark"), defaults);

                Path recipe = tmp.resolve("oisst-hdfs.yaml");
                Files.writeString(recipe, Deploy.oisstRecipe(hdfs + "/archive/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 4));
                String target = hdfs + "/zarr/oisst.zarr";

                Deploy.Result r = Deploy.script("submit-yarn.sh",
                        Map.of("SPARK_HOME", sparkHome.toString(), "HADOOP_CONF_DIR", hadoopConf.toString(), "SPARK_LOCAL_IP", "127.0.0.1",
                                "ARCOFORGE_TEST_TOKEN", "not-a-real-token-7f3a"),
                        recipe.toString(), "--target", target, "--deploy-mode", "cluster",
                        "--executors", "2", "--executor-memory", "512m", "--driver-memory", "512m",
                        "--java-home", System.getProperty("java.home"), "--secret-env", "ARCOFORGE_TEST_TOKEN",
                        "--jar", jar.toString());

                assertThat(r.exitCode()).as(r.output()).isZero();
                assertThat(r.output()).contains("final status: SUCCEEDED").doesNotContain("not-a-real-token-7f3a");
                assertThat(fs.exists(new org.apache.hadoop.fs.Path("/zarr/oisst.zarr/.zmetadata"))).isTrue();
                Path local = tmp.resolve("from-hdfs.zarr");
                fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path("/zarr/oisst.zarr"),
                        new org.apache.hadoop.fs.Path(local.toUri()), true);
                Deploy.assertIdenticalToSources(local, files, Map.of("sst", List.of(2, 1, 20, 40)), tmp);
            }
        }
    }
}
