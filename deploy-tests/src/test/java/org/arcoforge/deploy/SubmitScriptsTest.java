package org.arcoforge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** submit-scripts/: shellcheck, --help, --dry-run commands per platform, and how secrets travel. */
class SubmitScriptsTest {
    static final String SECRET = "s3cr3t-VALUE-91b2";
    static final Path SCRIPTS = Deploy.ROOT.resolve("submit-scripts");

    @TempDir
    Path tmp;
    Path recipe;
    String jar;

    @BeforeEach
    void recipe() throws Exception {
        recipe = tmp.resolve("sst.yaml");
        Files.writeString(recipe, Deploy.oisstRecipe("s3a://archive/oisst/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", 3));
        jar = Deploy.appJar().toString();
    }

    @Test
    void shellcheckFindsNothing() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "-x", "--severity=style"));
        try (var files = Files.list(SCRIPTS)) {
            files.filter(f -> f.toString().endsWith(".sh")).sorted().forEach(f -> cmd.add(f.toString()));
        }
        assertThat(cmd).hasSize(3 + 5);
        Deploy.Result r = Deploy.exec(cmd, Map.of(), 120);
        assertThat(r.exitCode()).as("shellcheck (Debian package; bin/setup --tests installs it):%n%s", r.output()).isZero();
    }

    @Test
    void shellcheckFindsNothingInTheProjectsOtherScripts() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("shellcheck", "-x", "--severity=style"));
        for (String dir : List.of("bin", "bench", ".ci")) {
            try (var files = Files.list(Deploy.ROOT.resolve(dir))) {
                files.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".sh")
                        || !f.getFileName().toString().contains("."))).sorted().forEach(f -> cmd.add(f.toString()));
            }
        }
        assertThat(cmd).anyMatch(f -> f.endsWith("bin/arcoforge")).anyMatch(f -> f.endsWith(".ci/run"));
        Deploy.Result r = Deploy.exec(cmd, Map.of(), 120);
        assertThat(r.exitCode()).as("shellcheck:%n%s", r.output()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"submit-local.sh", "submit-yarn.sh", "submit-emr.sh", "submit-dataproc.sh"})
    void everyScriptHasHelpWithTheSharedOptions(String script) throws Exception {
        Deploy.Result r = Deploy.script(script, Map.of(), "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("--target URI", "--cache URI", "--executors N", "--executor-memory M",
                "--executor-cores C", "--secret-env NAME", "--dry-run", "Example:");
    }

    @Test
    void localDryRunPrintsSparkSubmitWithThreadsAndTheS3aPackage() throws Exception {
        Deploy.Result r = Deploy.script("submit-local.sh", Map.of("SPARK_HOME", "/opt/spark"), recipe.toString(),
                "--target", "s3a://out/sst.zarr", "--executors", "3", "--executor-cores", "2", "--jar", jar,
                "--prune", "2", "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("/opt/spark/bin/spark-submit --master 'local[6]' --driver-memory 2g"
                + " --class org.arcoforge.cli.ArcoForge --packages org.apache.hadoop:hadoop-aws:3.3.4 " + jar
                + " run " + recipe + " --target s3a://out/sst.zarr --prune 2");
    }

    @Test
    void appendDryRunRunsArcoforgeAppend() throws Exception {
        Deploy.Result r = Deploy.script("submit-local.sh", Map.of("SPARK_HOME", "/opt/spark"), recipe.toString(),
                "--target", "/data/sst.zarr", "--jar", jar, "--append", "--allow-gaps", "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().strip()).endsWith(jar + " append " + recipe + " --target /data/sst.zarr --allow-gaps");
        assertThat(Deploy.script("submit-local.sh", Map.of(), recipe.toString(), "--target", "x", "--jar", jar,
                "--append", "--prune", "2", "--dry-run").output()).contains("--append extends a store");
        assertThat(Deploy.script("submit-local.sh", Map.of(), recipe.toString(), "--target", "x", "--jar", jar,
                "--allow-gaps", "--dry-run").output()).contains("--allow-gaps goes with --append");
    }

    @Test
    void yarnDryRunShipsTheRecipeInClusterMode() throws Exception {
        Deploy.Result r = Deploy.script("submit-yarn.sh", Map.of(), recipe.toString(), "--target", "hdfs:///z/sst.zarr",
                "--deploy-mode", "cluster", "--executors", "40", "--queue", "science", "--cache", "hdfs:///cache",
                "--hadoop", "dfs.replication=2", "--jar", jar, "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("spark-submit --master yarn --deploy-mode cluster"
                + " --class org.arcoforge.cli.ArcoForge --num-executors 40 --executor-memory 4g --executor-cores 1"
                + " --driver-memory 2g --queue science --files " + recipe
                + " --packages org.apache.hadoop:hadoop-aws:3.3.4 " + jar
                + " run sst.yaml --target hdfs:///z/sst.zarr --cache hdfs:///cache --hadoop dfs.replication=2");
    }

    @Test
    void emrDryRunUploadsThenAddsASparkStep() throws Exception {
        Deploy.Result r = Deploy.script("submit-emr.sh", Map.of(), recipe.toString(), "--target", "s3://out/sst.zarr",
                "--stage", "s3://bucket/af/", "--cluster-id", "j-ABC", "--executors", "20", "--jar", jar, "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        String jarName = Path.of(jar).getFileName().toString();
        assertThat(r.output().lines()).containsExactly(
                "aws s3 cp " + jar + " s3://bucket/af/" + jarName,
                "aws s3 cp " + recipe + " s3://bucket/af/sst.yaml",
                "aws emr add-steps --cluster-id j-ABC --steps '[{\"Type\":\"Spark\",\"Name\":\"arcoforge sst\","
                        + "\"ActionOnFailure\":\"CONTINUE\",\"Args\":[\"--deploy-mode\",\"cluster\",\"--class\","
                        + "\"org.arcoforge.cli.ArcoForge\",\"--num-executors\",\"20\",\"--executor-memory\",\"4g\","
                        + "\"--executor-cores\",\"1\",\"--driver-memory\",\"2g\",\"--files\",\"s3://bucket/af/sst.yaml\","
                        + "\"s3://bucket/af/" + jarName + "\",\"run\",\"sst.yaml\",\"--target\",\"s3://out/sst.zarr\"]}]'");
    }

    @Test
    void emrCreateClusterUsesTheConfigurationsAndTerminates() throws Exception {
        Deploy.Result r = Deploy.script("submit-emr.sh", Map.of(), recipe.toString(), "--target", "s3://out/sst.zarr",
                "--jar", "s3://bucket/app.jar", "--stage", "s3://bucket/af", "--create-cluster", "--dry-run");
        assertThat(r.exitCode()).as(r.output()).isZero();
        String create = r.output().lines().filter(l -> l.startsWith("aws emr create-cluster")).findFirst().orElseThrow();
        assertThat(create).contains("--release-label emr-7.5.0", "--applications Name=Spark", "--use-default-roles",
                "--configurations file://" + Deploy.ROOT.resolve("emr-dataproc-configs/emr-configurations.json"),
                "--auto-terminate", "TERMINATE_CLUSTER", "\"s3://bucket/app.jar\"");
        assertThat(r.output()).doesNotContain("aws s3 cp s3://");
    }

    @Test
    void dataprocDryRunForClusterAndServerless() throws Exception {
        Deploy.Result c = Deploy.script("submit-dataproc.sh", Map.of(), recipe.toString(), "--target", "gs://out/sst.zarr",
                "--jar", "gs://b/app.jar", "--stage", "gs://b/af", "--region", "europe-west1", "--cluster", "science",
                "--dry-run");
        assertThat(c.exitCode()).as(c.output()).isZero();
        assertThat(c.output().lines()).containsExactly(
                "gcloud storage cp " + recipe + " gs://b/af/sst.yaml",
                "gcloud dataproc jobs submit spark --cluster=science --region=europe-west1"
                        + " --class=org.arcoforge.cli.ArcoForge --jars=gs://b/app.jar --files=gs://b/af/sst.yaml"
                        + " --properties=spark.executor.instances=4,spark.executor.memory=4g,spark.executor.cores=1,"
                        + "spark.driver.memory=2g -- run sst.yaml --target gs://out/sst.zarr");
        Deploy.Result s = Deploy.script("submit-dataproc.sh", Map.of(), recipe.toString(), "--target", "gs://out/sst.zarr",
                "--jar", "gs://b/app.jar", "--stage", "gs://b/af", "--region", "europe-west1", "--serverless",
                "--conf", "spark.jars.excludes=a,b", "--dry-run");
        assertThat(s.exitCode()).as(s.output()).isZero();
        assertThat(s.output()).contains("gcloud dataproc batches submit spark --region=europe-west1 --version=2.2",
                "'--properties=^#^spark.executor.instances=4#spark.executor.memory=4g#spark.executor.cores=4#"
                        + "spark.driver.memory=2g#spark.jars.excludes=a,b'", "using 4");
    }

    @Test
    void yarnPassesSecretsThroughAPrivatePropertiesFileNeverTheCommandLine() throws Exception {
        Path capture = tmp.resolve("capture");
        Path fake = tmp.resolve("fake-spark-submit");
        // records its arguments and the properties file it was given, as spark-submit would read it
        Files.writeString(fake, """
                #!/usr/bin/env bash
                printf '%%s\\n' "$@" > %1$s.args
                while [[ $# -gt 0 ]]; do
                  if [[ "$1" == --properties-file ]]; then cp "$2" %1$s.props; stat -c %%a "$2" > %1$s.mode; echo "$2" > %1$s.path; fi
                  shift
                done
                """.formatted(capture));
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path conf = Files.createDirectories(tmp.resolve("conf"));
        Files.writeString(conf.resolve("spark-defaults.conf"), "spark.yarn.queue science\n");

        Deploy.Result r = Deploy.script("submit-yarn.sh", Map.of("SPARK_SUBMIT", fake.toString(),
                        "SPARK_CONF_DIR", conf.toString(), "HADOOP_CONF_DIR", conf.toString(), "AWS_SECRET_ACCESS_KEY", SECRET),
                recipe.toString(), "--target", "s3a://out/sst.zarr", "--secret-env", "AWS_SECRET_ACCESS_KEY", "--jar", jar);

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain(SECRET);
        assertThat(Files.readString(Path.of(capture + ".args"))).doesNotContain(SECRET).contains("--properties-file");
        assertThat(Files.readString(Path.of(capture + ".props"))).contains("spark.yarn.queue science",
                "spark.executorEnv.AWS_SECRET_ACCESS_KEY=" + SECRET, "spark.yarn.appMasterEnv.AWS_SECRET_ACCESS_KEY=" + SECRET);
        assertThat(Files.readString(Path.of(capture + ".mode")).strip()).isEqualTo("600");
        assertThat(Path.of(Files.readString(Path.of(capture + ".path")).strip())).as("removed after the submit").doesNotExist();

        Deploy.Result dry = Deploy.script("submit-yarn.sh", Map.of("AWS_SECRET_ACCESS_KEY", SECRET), recipe.toString(),
                "--target", "s3a://out/sst.zarr", "--secret-env", "AWS_SECRET_ACCESS_KEY", "--jar", jar, "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.output()).doesNotContain(SECRET).contains("AWS_SECRET_ACCESS_KEY", "--properties-file");
    }

    @Test
    void secretsAreRefusedOnTheCommandLineAndOnManagedServices() throws Exception {
        Deploy.Result conf = Deploy.script("submit-local.sh", Map.of(), recipe.toString(), "--target", "/tmp/x.zarr",
                "--conf", "spark.hadoop.fs.s3a.secret.key=" + SECRET, "--jar", jar, "--dry-run");
        assertThat(conf.exitCode()).isEqualTo(2);
        assertThat(conf.output()).contains("looks like a secret", "--secret-env").doesNotContain(SECRET);

        Deploy.Result emr = Deploy.script("submit-emr.sh", Map.of("TOKEN", SECRET), recipe.toString(), "--target",
                "s3://o/x.zarr", "--cluster-id", "j-1", "--secret-env", "TOKEN", "--jar", jar, "--dry-run");
        assertThat(emr.exitCode()).isEqualTo(2);
        assertThat(emr.output()).contains("instance profile role").doesNotContain(SECRET);

        Deploy.Result gcp = Deploy.script("submit-dataproc.sh", Map.of("TOKEN", SECRET), recipe.toString(), "--target",
                "gs://o/x.zarr", "--cluster", "c", "--region", "r", "--secret-env", "TOKEN", "--jar", jar, "--dry-run");
        assertThat(gcp.exitCode()).isEqualTo(2);
        assertThat(gcp.output()).contains("service account").doesNotContain(SECRET);

        Deploy.Result unset = Deploy.script("submit-yarn.sh", Map.of("HADOOP_CONF_DIR", "/etc/hadoop"),
                recipe.toString(), "--target", "hdfs:///x.zarr", "--secret-env", "ARCOFORGE_NOT_SET_ANYWHERE", "--jar", jar);
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.output()).contains("ARCOFORGE_NOT_SET_ANYWHERE", "is not set");
    }

    @Test
    void badArgumentsAreExplained() throws Exception {
        assertThat(Deploy.script("submit-yarn.sh", Map.of(), recipe.toString(), "--dry-run").output()).contains("--target");
        assertThat(Deploy.script("submit-yarn.sh", Map.of(), tmp.resolve("none.yaml").toString(), "--target", "x",
                "--dry-run").output()).contains("does not exist");
        assertThat(Deploy.script("submit-local.sh", Map.of(), recipe.toString(), "--target", "x", "--executors", "many",
                "--dry-run").output()).contains("--executors must be a positive number");
        assertThat(Deploy.script("submit-emr.sh", Map.of(), recipe.toString(), "--target", "s3://x", "--jar", jar,
                "--dry-run").output()).contains("--cluster-id", "--create-cluster");
        assertThat(Deploy.script("submit-emr.sh", Map.of(), recipe.toString(), "--target", "s3://x", "--jar", jar,
                "--cluster-id", "j-1", "--dry-run").output()).contains("give --stage s3://");
        assertThat(Deploy.script("submit-yarn.sh", Map.of(), recipe.toString(), "--target", "x", "--bogus",
                "--dry-run").output()).contains("unknown option --bogus");
    }
}
