package org.arcoforge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.arcoforge.sample.SampleArchives;
import org.arcoforge.testinfra.MiniHdfs;
import org.arcoforge.testinfra.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line with targets and sources on real servers started here: s3a:// on s3proxy (a
 * separate process) and hdfs:// on MiniDFSCluster. Every store is checked with xarray against
 * open_mfdataset over the local copies of the inputs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreEndToEndTest {
    private static final int DAYS = 8;
    private static final Map<String, List<Integer>> CHUNKS = Map.of("sst", List.of(4, 1, 16, 60), "time", List.of(DAYS));

    @TempDir
    static Path tmp;
    S3ProxyServer s3;
    MiniHdfs hdfs;
    List<Path> oisst;

    @BeforeAll
    void start() throws Exception {
        s3 = S3ProxyServer.start(tmp.resolve("s3"));
        hdfs = MiniHdfs.start(tmp.resolve("hdfs"));
        oisst = SampleArchives.oisstDaily(tmp.resolve("oisst"), LocalDate.of(1981, 9, 1), DAYS, 30, 60);
    }

    @AfterAll
    void stop() throws Exception {
        if (hdfs != null) {
            hdfs.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private Path recipe(String name, String dir) throws Exception {
        return RunRecipe.writeRecipe(tmp, name + ".yaml", RunRecipe.oisstRecipe(dir + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc",
                DAYS, "{time: 4, lat: 16}", ""));
    }

    private static RunRecipe run(Path recipe, String target, List<String> extra) {
        return RunRecipe.run(Map.of(), recipe, target, extra);
    }

    private void assertNoSecretIn(RunRecipe r, Path store) throws Exception {
        String secret = s3.secretKey();
        assertThat(r.out()).doesNotContain(secret);
        assertThat(r.err()).doesNotContain(secret);
        try (Stream<Path> files = Files.walk(store)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret);
            }
        }
    }

    @Test
    void localFilesIntoAnS3aTarget() throws Exception {
        String bucket = s3.createBucket("target");
        Path recipe = recipe("to-s3a", tmp.resolve("oisst").toString());
        String target = "s3a://" + bucket + "/zarr/oisst.zarr";
        s3.resetCounts();
        RunRecipe r = run(recipe, target, s3.hadoopArgs());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Zarr store: " + target);
        Path store = s3.objectPath(bucket, "zarr/oisst.zarr");
        assertThat(store.resolve(".zmetadata")).exists();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst), "time", CHUNKS, List.of(), tmp);
        assertNoSecretIn(r, store);
        // Chunks are only PUT: finalize lists each variable instead of probing every chunk, and
        // no chunk is written through a temporary object and a copy.
        List<String[]> requests = s3.requestLog();
        String prefix = "/" + bucket + "/zarr/oisst.zarr/";
        List<String[]> chunkRequests = requests.stream().filter(q -> q[1].startsWith(prefix)
                && q[1].substring(prefix.length()).matches("[a-z]+/[0-9.]+")).toList();
        assertThat(chunkRequests).extracting(q -> q[0]).containsOnly("PUT");
        assertThat(chunkRequests).extracting(q -> q[1]).doesNotHaveDuplicates()
                .contains(prefix + "sst/0.0.0.0", prefix + "sst/1.0.1.0", prefix + "time/0");
        // store tasks take array metadata from the plan; only finalize reads it back
        assertThat(s3.requests("GET", prefix + "sst/.zarray")).isEqualTo(1);
        // the run's lease was taken (and refreshed) on s3a too, and removed at the end
        assertThat(s3.requests("PUT", prefix + ".arcoforge-lease")).isPositive();
        assertThat(store.resolve(".arcoforge-lease")).doesNotExist();

        // the prepare stage's checks work on s3a: a different recipe is refused, --overwrite replaces
        RunRecipe refused = run(recipe, target, concat(s3.hadoopArgs(), "--prune", "3"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("different recipe").contains(target);
        assertNoSecretIn(refused, store);
        RunRecipe replaced = run(recipe, target, concat(s3.hadoopArgs(), "--prune", "3", "--overwrite"));
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst.subList(0, 3)), "time",
                Map.of("sst", List.of(3, 1, 16, 60)), List.of(), tmp);
    }

    @Test
    void shardedZarrV3IntoAnS3aTarget() throws Exception {
        String bucket = s3.createBucket("v3");
        Path recipe = RunRecipe.writeRecipe(tmp, "v3-s3a.yaml", RunRecipe.oisstRecipe(tmp.resolve("oisst")
                + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 2, lat: 16}", "zarr_format: 3\nshards: {time: 4}\n"));
        String target = "s3a://" + bucket + "/zarr/v3.zarr";
        s3.resetCounts();
        RunRecipe r = run(recipe, target, s3.hadoopArgs());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path store = s3.objectPath(bucket, "zarr/v3.zarr");
        ZarritaCheck.assertSameAsSources(store, oisst, "time", List.of("time"));
        // one PUT per shard, never a copy: 8 days in shards of 4, lat whole (32 rounded up from 30)
        String prefix = "/" + bucket + "/zarr/v3.zarr/";
        List<String[]> shardRequests = s3.requestLog().stream().filter(q -> q[1].startsWith(prefix + "sst/c/")).toList();
        assertThat(shardRequests).extracting(q -> q[0]).containsOnly("PUT");
        assertThat(shardRequests).extracting(q -> q[1]).containsExactlyInAnyOrder(prefix + "sst/c/0/0/0/0",
                prefix + "sst/c/1/0/0/0");
        RunRecipe replaced = run(recipe, target, concat(s3.hadoopArgs(), "--prune", "3", "--overwrite"));
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        ZarritaCheck.assertSameAsSources(store, oisst.subList(0, 3), "time", List.of("time"));
        assertThat(store.resolve("sst/c/1")).as("the replaced store's second shard").doesNotExist();
        assertNoSecretIn(replaced, store);
    }

    @Test
    void wrongS3aSecretFailsWithoutPrintingIt() throws Exception {
        String bucket = s3.createBucket("denied");
        Path recipe = recipe("denied", tmp.resolve("oisst").toString());
        List<String> args = new ArrayList<>();
        String wrong = "WRONG-" + s3.secretKey();
        for (String a : s3.hadoopArgs()) {
            args.add(a.startsWith("fs.s3a.secret.key=") ? "fs.s3a.secret.key=" + wrong : a);
        }
        RunRecipe r = run(recipe, "s3a://" + bucket + "/x.zarr", args);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("cannot reach target s3a://" + bucket + "/x.zarr").contains("fs.s3a.secret.key")
                .doesNotContain(wrong);
    }

    @Test
    void localFilesIntoAnHdfsTarget() throws Exception {
        Path recipe = recipe("to-hdfs", tmp.resolve("oisst").toString());
        String target = hdfs.uri() + "/stores/oisst.zarr";
        RunRecipe r = run(recipe, target, List.of());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path local = tmp.resolve("from-hdfs.zarr");
        hdfs.copyToLocal("/stores/oisst.zarr", local);
        try (Stream<Path> files = Files.walk(local)) {
            assertThat(files.map(Path::toString)).noneMatch(f -> f.endsWith(".crc"));
        }
        XarrayCheck.assertIdentical(local, RunRecipe.rows(oisst), "time", CHUNKS, List.of(), tmp);

        RunRecipe refused = run(recipe, target, List.of("--prune", "2"));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("different recipe");

        // no lease or temporary file is left; a lease held by a run elsewhere stops the next run
        try (Stream<Path> files = Files.walk(local)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.startsWith(".arcoforge") && !n.equals(".arcoforge-inputs.json"));
        }
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        try (var out = hdfs.fileSystem().create(new org.apache.hadoop.fs.Path(target + "/.arcoforge-lease"))) {
            out.write(("{\"host\": \"node-7\", \"pid\": 4242, \"started\": \"" + now + "\", \"refreshed\": \""
                    + now + "\", \"refresh_seconds\": 30, \"recipe\": \"x\", \"token\": \"t\"}").getBytes());
        }
        RunRecipe held = run(recipe, target, List.of());
        assertThat(held.exitCode()).isNotZero();
        assertThat(held.err()).contains("target " + target + " is in use by another run: host node-7, process 4242");
    }

    @Test
    void shardedZarrV3IntoAnHdfsTargetIsTheLocalTargetsStore() throws Exception {
        Path recipe = RunRecipe.writeRecipe(tmp, "v3-hdfs.yaml", RunRecipe.oisstRecipe(tmp.resolve("oisst")
                + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 2, lat: 16}", "zarr_format: 3\nshards: {time: 4}\n"));
        String target = hdfs.uri() + "/stores/v3.zarr";
        RunRecipe r = run(recipe, target, List.of());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path copy = tmp.resolve("v3-hdfs-target-copy.zarr");
        hdfs.copyToLocal("/stores/v3.zarr", copy);
        ZarritaCheck.assertSameAsSources(copy, oisst, "time", List.of("time"));
        assertThat(copy.resolve("sst/c/1/0/0/0")).isRegularFile();
        Path local = tmp.resolve("v3-local.zarr");
        RunRecipe l = run(recipe, local.toString(), List.of());
        assertThat(l.exitCode()).as(l.err()).isZero();
        // the same recipe writes the same bytes whatever the filesystem (the input record names no target)
        assertThat(RunRecipe.digests(copy)).isEqualTo(RunRecipe.digests(local));
    }

    @Test
    void shardedZarrV3FromS3aAndHdfsInputsHoldsTheSameBytesAsFromLocalFiles() throws Exception {
        String bucket = s3.createBucket("v3-inputs");
        s3.upload(tmp.resolve("oisst"), bucket, "oisst");
        hdfs.copyFromLocal(tmp.resolve("oisst"), "/archive/v3-inputs");
        Map<String, Map<String, String>> stores = new java.util.LinkedHashMap<>();
        for (String dir : List.of(tmp.resolve("oisst").toString(), "s3a://" + bucket + "/oisst",
                hdfs.uri() + "/archive/v3-inputs")) {
            String name = "v3-from-" + (dir.startsWith("s3a:") ? "s3a" : dir.startsWith("hdfs:") ? "hdfs" : "local");
            Path recipe = RunRecipe.writeRecipe(tmp, name + ".yaml", RunRecipe.oisstRecipe(dir
                    + "/oisst-avhrr-v02r01.{time:yyyyMMdd}.nc", DAYS, "{time: 2, lat: 16}", "zarr_format: 3\nshards: {time: 4}\n"));
            Path store = tmp.resolve(name + ".zarr");
            RunRecipe r = run(recipe, store.toString(), s3.hadoopArgs());
            assertThat(r.exitCode()).as(r.err()).isZero();
            Map<String, String> digests = new java.util.TreeMap<>(RunRecipe.digests(store));
            // the record of the inputs names them where they were read, and the recipe's fingerprint
            // (root attribute) covers its template: all else is the same bytes
            digests.keySet().removeIf(k -> k.startsWith(".arcoforge"));
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(store.resolve("zarr.json").toFile());
            assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) root.get("attributes"))
                    .remove("arcoforge_recipe_sha256")).isNotNull();
            digests.put("zarr.json", root.toString());
            stores.put(dir, digests);
            if (stores.size() == 2) {
                ZarritaCheck.assertSameAsSources(store, oisst, "time", List.of("time"));
            }
        }
        assertThat(stores.values()).hasSize(3).allSatisfy(d -> assertThat(d).containsKey("sst/c/1/0/0/0")
                .isEqualTo(stores.values().iterator().next()));
    }

    @Test
    void s3aInputsIntoALocalTargetWithFewGetsPerFile() throws Exception {
        String bucket = s3.createBucket("inputs");
        s3.upload(tmp.resolve("oisst"), bucket, "oisst");
        Path recipe = recipe("from-s3a", "s3a://" + bucket + "/oisst");
        Path store = tmp.resolve("from-s3a.zarr");
        s3.resetCounts();
        RunRecipe r = run(recipe, store.toString(), s3.hadoopArgs());
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst), "time", CHUNKS, List.of(), tmp);
        assertNoSecretIn(r, store);
        for (Path f : oisst) {
            String object = "/" + bucket + "/oisst/" + f.getFileName();
            // Each task that opens a file asks for its length (HEAD) and then, as the file fits in
            // one read block, reads it with a single GET; one more HEAD is the driver's check of the
            // input's identity (size, date, ETag) for the progress log's metadata (InputIdentity).
            int heads = s3.requests("HEAD", object);
            assertThat(heads).as("HEADs of %s", object).isBetween(3, 7);
            assertThat(s3.requests("GET", object)).as("GETs of %s", object).isEqualTo(heads - 1);
        }
    }

    @Test
    void checkAndPlanTakeSparkHadoopSettingsAsRunDoes() throws Exception {
        // spark-submit hands spark.hadoop.* settings (--conf, spark-defaults.conf) over as system properties
        s3.hadoopProperties().forEach((k, v) -> System.setProperty("spark.hadoop." + k, v));
        try {
            // a bucket each: Hadoop caches a FileSystem per bucket with the settings it was first made with
            for (String command : List.of("check", "plan")) {
                String bucket = s3.createBucket(command);
                s3.upload(tmp.resolve("oisst"), bucket, "oisst");
                Path recipe = recipe(command + "-s3a", "s3a://" + bucket + "/oisst");
                RunRecipe r = RunRecipe.cli(command, recipe.toString());
                assertThat(r.exitCode()).as("%s: %s", command, r.err()).isZero();
                assertThat(r.out()).contains(command.equals("check") ? DAYS + " found" : "metadata of " + DAYS + " inputs");
            }
        } finally {
            s3.hadoopProperties().keySet().forEach(k -> System.clearProperty("spark.hadoop." + k));
        }
    }

    @Test
    void hdfsInputsIntoALocalTarget() throws Exception {
        hdfs.copyFromLocal(tmp.resolve("oisst"), "/archive/oisst");
        Path recipe = recipe("from-hdfs", hdfs.uri() + "/archive/oisst");
        Path store = tmp.resolve("from-hdfs-inputs.zarr");
        RunRecipe r = run(recipe, store.toString(), List.of());
        assertThat(r.exitCode()).as(r.err()).isZero();
        XarrayCheck.assertIdentical(store, RunRecipe.rows(oisst), "time", CHUNKS, List.of(), tmp);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }
}
