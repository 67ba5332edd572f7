package org.arcoforge.testinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP/1.1 server (JDK com.sun.net.httpserver) in the test JVM serving the files of a
 * directory, with HEAD, Range, redirects, authentication rules and injected faults. It counts
 * requests per path and method and the most requests it served at once.
 */
public final class TestHttpServer implements AutoCloseable {
    /** A fault for the next GET of a path. */
    public sealed interface Fault {
    }

    /** Answer with this status (and Retry-After seconds when not null), no body. */
    public record Status(int code, Integer retryAfterSeconds) implements Fault {
    }

    /** Send the headers and part of the body, then drop the connection (the handler fails). */
    public record ResetMidBody(double fraction) implements Fault {
    }

    /** Send a correct Content-Length but only part of the body, then close the exchange. */
    public record TruncatedBody(double fraction) implements Fault {
    }

    /** Send the headers and part of the body, then nothing for this long, then the rest. */
    public record StallMidBody(double fraction, long millis) implements Fault {
    }

    /** Send the body in pieces of this many bytes, one every this many milliseconds. */
    public record Trickle(int bytes, long everyMillis) implements Fault {
    }

    /** Wait this long before answering (then answer normally). */
    public record Slow(long millis) implements Fault {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final Path root;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<String> requestLog = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong bodyBytes = new AtomicLong();
    private volatile long delayMillis;
    private volatile String basicUser;
    private volatile String basicPassword;
    private volatile String bearerToken;
    private volatile Map<String, String> requiredQuery = Map.of();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();

    public TestHttpServer(Path root) throws IOException {
        this(root, 0);
    }

    public TestHttpServer(Path root, int port) throws IOException {
        this.root = root;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** URL of a file under the root. */
    public String url(String relative) {
        return base() + "/" + relative;
    }

    public void fault(String path, Fault... f) {
        faults.computeIfAbsent(normalize(path), k -> new ConcurrentLinkedQueue<>()).addAll(List.of(f));
    }

    public void requireBasic(String user, String password) {
        basicUser = user;
        basicPassword = password;
    }

    public void requireBearer(String token) {
        bearerToken = token;
    }

    public void requireQuery(Map<String, String> params) {
        requiredQuery = Map.copyOf(params);
    }

    /** Every request waits this long before its answer, so that concurrency can be observed. */
    public void delayEveryRequest(long millis) {
        delayMillis = millis;
    }

    public void redirect(String from, String to) {
        redirects.put(normalize(from), to);
    }

    public int count(String method, String path) {
        AtomicInteger c = counts.get(method + " " + normalize(path));
        return c == null ? 0 : c.get();
    }

    public int count(String method) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(method + " "))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** "METHOD path?query [Range: ...] [headers of interest]", in arrival order. */
    public List<String> requestLog() {
        synchronized (requestLog) {
            return List.copyOf(requestLog);
        }
    }

    public int maxConcurrentRequests() { return maxInFlight.get(); }

    public long bodyBytesSent() { return bodyBytes.get(); }

    public void resetCounters() {
        counts.clear();
        requestLog.clear();
        maxInFlight.set(0);
        bodyBytes.set(0);
    }

    private static String normalize(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private final ThreadLocal<boolean[]> counted = ThreadLocal.withInitial(() -> new boolean[1]);

    // A request counts as in flight from its arrival until its status line is sent: the client may
    // start its next request as soon as it has the answer, before this thread is done.
    private void handle(HttpExchange ex) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        counted.get()[0] = true;
        try {
            serve(ex);
        } finally {
            leave();
        }
    }

    private void leave() {
        if (counted.get()[0]) {
            counted.get()[0] = false;
            inFlight.decrementAndGet();
        }
    }

    private void send(HttpExchange ex, int status, long length) throws IOException {
        leave();
        ex.sendResponseHeaders(status, length);
    }

    private void serve(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        counts.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
        requestLog.add(method + " " + ex.getRequestURI() + (range == null ? "" : " Range: " + range)
                + " User-Agent: " + ex.getRequestHeaders().getFirst("User-Agent"));
        if (path.equals("/_stats")) {
            statsPage(ex);
            return;
        }
        sleep(delayMillis);
        String to = redirects.get(path);
        if (to != null) {
            ex.getResponseHeaders().add("Location", to);
            empty(ex, 302);
            return;
        }
        if (!authorized(ex)) {
            empty(ex, 401);
            return;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            empty(ex, 404);
            return;
        }
        Fault fault = null;
        if (method.equals("GET")) {
            ConcurrentLinkedQueue<Fault> q = faults.get(path);
            fault = q == null ? null : q.poll();
        }
        if (fault instanceof Slow s) {
            sleep(s.millis());
            fault = null;
        }
        if (fault instanceof Status st) {
            if (st.retryAfterSeconds() != null) {
                ex.getResponseHeaders().add("Retry-After", String.valueOf(st.retryAfterSeconds()));
            }
            empty(ex, st.code());
            return;
        }
        byte[] data = Files.readAllBytes(file);
        long start = 0;
        long end = data.length - 1;
        int status = 200;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (m.matches()) {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? data.length - 1 : Math.min(Long.parseLong(m.group(2)), data.length - 1);
                if (start >= data.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + data.length);
                    empty(ex, 416);
                    return;
                }
                status = 206;
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + data.length);
            }
        }
        int n = (int) (end - start + 1);
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        ex.getResponseHeaders().add("Last-Modified", "Tue, 01 Sep 1981 12:00:00 GMT");
        if (method.equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", String.valueOf(n));
            send(ex, status, -1);
            ex.close();
            return;
        }
        send(ex, status, n);
        OutputStream out = ex.getResponseBody();
        if (fault instanceof ResetMidBody r) {
            int part = (int) (n * r.fraction());
            out.write(data, (int) start, part);
            out.flush();
            bodyBytes.addAndGet(part);
            throw new IOException("test fault: connection dropped after " + part + " of " + n + " bytes");
        }
        if (fault instanceof TruncatedBody t) {
            int part = (int) (n * t.fraction());
            out.write(data, (int) start, part);
            bodyBytes.addAndGet(part);
            try {
                ex.close();
            } catch (RuntimeException ignored) {
                // the server complains that fewer bytes than announced were written: that is the fault
            }
            return;
        }
        if (fault instanceof StallMidBody st) {
            int part = (int) (n * st.fraction());
            out.write(data, (int) start, part);
            out.flush();
            bodyBytes.addAndGet(part);
            sleep(st.millis());
            // The client may have given up and closed the connection: then this write fails.
            out.write(data, (int) start + part, n - part);
            bodyBytes.addAndGet(n - part);
            out.close();
            return;
        }
        if (fault instanceof Trickle t) {
            for (int at = 0; at < n; at += t.bytes()) {
                if (at > 0) {
                    sleep(t.everyMillis());
                }
                int k = Math.min(t.bytes(), n - at);
                out.write(data, (int) start + at, k);
                out.flush();
                bodyBytes.addAndGet(k);
            }
            out.close();
            return;
        }
        out.write(data, (int) start, n);
        bodyBytes.addAndGet(n);
        out.close();
    }

    /** "METHOD path count" lines, then "max_concurrent N" and "body_bytes N": for bench/cache.sh. */
    private void statsPage(HttpExchange ex) throws IOException {
        StringBuilder b = new StringBuilder();
        new java.util.TreeMap<>(counts).forEach((k, v) -> {
            if (!k.endsWith(" /_stats")) {
                b.append(k).append(' ').append(v.get()).append('\n');
            }
        });
        b.append("max_concurrent ").append(maxInFlight.get()).append('\n');
        b.append("body_bytes ").append(bodyBytes.get()).append('\n');
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        send(ex, 200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** Serves DIR on 127.0.0.1:PORT (0: any) until killed, printing the base URL: for the benchmark. */
    public static void main(String[] args) throws Exception {
        TestHttpServer s = new TestHttpServer(Path.of(args[0]).toAbsolutePath(), args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println(s.base());
        System.out.flush();
        Thread.currentThread().join();
    }

    private boolean authorized(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (basicUser != null && !("Basic " + Base64.getEncoder().encodeToString(
                (basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8))).equals(auth)) {
            return false;
        }
        if (bearerToken != null && !("Bearer " + bearerToken).equals(auth)) {
            return false;
        }
        String query = ex.getRequestURI().getRawQuery();
        for (Map.Entry<String, String> e : requiredQuery.entrySet()) {
            if (query == null || !List.of(query.split("&")).contains(e.getKey() + "="
                    + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))) {
                return false;
            }
        }
        return true;
    }

    private void empty(HttpExchange ex, int status) throws IOException {
        send(ex, status, -1);
        ex.close();
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
