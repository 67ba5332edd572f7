package org.arcoforge.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * s3proxy (an S3 API server over a local directory) as a separate {@code java} process on
 * loopback: its Jetty and Jackson clash with Spark's in one JVM. Objects are plain files under
 * {@link #objectPath}, so independent readers (xarray) can open a store written over S3.
 *
 * <p>s3proxy logs every request at debug level; {@link #requests} counts them from that log, so
 * request counts come from the server side, whichever process made them.
 *
 * <pre>
 * try (S3ProxyServer s3 = S3ProxyServer.start(tmp)) {
 *     String bucket = s3.createBucket("data");
 *     run(..., "--target", "s3a://" + bucket + "/out.zarr", s3.hadoopArgs()...);
 * }
 * </pre>
 */
public final class S3ProxyServer implements AutoCloseable {
    /** Where maven-dependency-plugin puts the self-contained s3proxy jar (spark-app/pom.xml). */
    public static final Path JAR = Path.of("target/s3proxy/s3proxy.jar");
    private static final Pattern REQUEST = Pattern.compile("request: .*\\{([A-Z]+)@\\S+ (https?://[^/\\s]+)?(/\\S*) HTTP/");

    private final Process process;
    private final Path baseDir;
    private final Path log;
    private final int port;
    private final String accessKey;
    private final String secretKey;
    private long countFrom;

    private S3ProxyServer(Process process, Path baseDir, Path log, int port, String accessKey, String secretKey) {
        this.process = process;
        this.baseDir = baseDir;
        this.log = log;
        this.port = port;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Starts s3proxy with its buckets under {@code dir/buckets} and waits until it answers. */
    public static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, JAR);
    }

    public static S3ProxyServer start(Path dir, Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run mvn test-compile (it copies s3proxy there)");
        }
        Path base = Files.createDirectories(dir.resolve("buckets"));
        String access = "arco-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "SECRET-" + UUID.randomUUID();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path props = dir.resolve("s3proxy-" + port + ".properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + access,
                    "s3proxy.credential=" + secret,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + base.toAbsolutePath(), ""));
            Path log = dir.resolve("s3proxy-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar.toAbsolutePath().toString(), "--properties", props.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("LOG_LEVEL", "debug");
            pb.environment().put("JETTY_LOG_LEVEL", "warn");
            Process p = pb.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (answers(port)) {
                    return new S3ProxyServer(p, base, log, port, access, secret);
                }
                Thread.sleep(100);
            }
            p.destroyForcibly().waitFor();
            last = new IOException("s3proxy did not start on port " + port + "; its log " + log + ":\n"
                    + tail(log));
        }
        throw last;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The secret key, for asserting that it never leaks into output or stores. */
    public String secretKey() {
        return secretKey;
    }

    /**
     * Creates a bucket with a name unique to this server (Hadoop caches one FileSystem per bucket
     * and JVM, so names must not repeat across servers) and returns that name.
     */
    public String createBucket(String prefix) throws IOException {
        String name = prefix + "-" + port + "-" + UUID.randomUUID().toString().substring(0, 6);
        Files.createDirectories(baseDir.resolve(name));
        return name;
    }

    /**
     * Uploads a local file or folder under {@code s3a://bucket/key} through s3a (files put straight
     * into the backend's folder lack the ETag s3a requires), with a FileSystem of its own: Hadoop's
     * cached one for the bucket, and the settings it holds, are left to the code under test.
     */
    public void upload(Path local, String bucket, String key) throws IOException {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        hadoopProperties().forEach(conf::set);
        org.apache.hadoop.fs.Path dst = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + key);
        try (org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.newInstance(dst.toUri(), conf)) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri()), dst);
        }
    }

    /** The local file holding an object (filesystem backend). */
    public Path objectPath(String bucket, String key) {
        return baseDir.resolve(bucket).resolve(key);
    }

    /** The s3a settings that reach this server. */
    public Map<String, String> hadoopProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fs.s3a.endpoint", endpoint());
        m.put("fs.s3a.endpoint.region", "us-east-1");
        m.put("fs.s3a.path.style.access", "true");
        m.put("fs.s3a.connection.ssl.enabled", "false");
        m.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        m.put("fs.s3a.access.key", accessKey);
        m.put("fs.s3a.secret.key", secretKey);
        // fail fast instead of retrying for minutes when the server is gone
        m.put("fs.s3a.attempts.maximum", "2");
        m.put("fs.s3a.retry.limit", "2");
        return m;
    }

    /** {@link #hadoopProperties()} as command-line arguments: "--hadoop", "k=v", ... */
    public List<String> hadoopArgs() {
        List<String> args = new ArrayList<>();
        hadoopProperties().forEach((k, v) -> {
            args.add("--hadoop");
            args.add(k + "=" + v);
        });
        return args;
    }

    /** Forget the requests counted so far. */
    public synchronized void resetCounts() {
        try {
            countFrom = Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests since the last reset with this HTTP method whose path starts with {@code pathPrefix} ("/bucket/key"). */
    public synchronized int requests(String method, String pathPrefix) {
        int n = 0;
        for (String[] r : requestLog()) {
            if (r[0].equals(method) && r[1].startsWith(pathPrefix)) {
                n++;
            }
        }
        return n;
    }

    /** Requests since the last reset as {method, path} pairs, in order. */
    public synchronized List<String[]> requestLog() {
        List<String[]> out = new ArrayList<>();
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(countFrom, all.length);
            String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
            Matcher m = REQUEST.matcher(text);
            while (m.find()) {
                out.add(new String[] {m.group(1), m.group(3)});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
