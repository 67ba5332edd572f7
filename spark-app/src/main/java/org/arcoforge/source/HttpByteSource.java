package org.arcoforge.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An input on an HTTP(S) server, read with range requests through the JDK HTTP client (redirects
 * followed, the recipe's headers and credentials sent, query-string secrets appended at request
 * time only). Thread-safe.
 */
public final class HttpByteSource implements RemoteSource {
    private static final Map<Integer, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Pattern CONTENT_RANGE_TOTAL = Pattern.compile("bytes [^/]*/(\\d+)");
    private static final int COPY_BUFFER = 1 << 16;

    private final URI uri;
    private final SourceAccess access;
    private final String location;
    private final String hostKey;
    private final String hostPort;
    private final AtomicLong requests = new AtomicLong();
    private volatile long length = -1;
    private volatile Instant lastModified;

    public HttpByteSource(URI uri, SourceAccess access) {
        this.uri = ByteSources.withoutUserInfo(uri);
        this.access = access;
        this.location = ByteSources.display(uri);
        this.hostKey = HostLimits.hostKey(uri);
        this.hostPort = RetryEvents.hostPort(uri);
    }

    private HttpClient client() {
        // One client (connection pool) per timeout per JVM.
        return CLIENTS.computeIfAbsent(access.timeoutSeconds(), t -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(t))
                .build());
    }

    private HttpRequest.Builder request(String range) {
        HttpRequest.Builder b = HttpRequest.newBuilder(access.withQuerySecrets(uri))
                .timeout(Duration.ofSeconds(access.timeoutSeconds()));
        access.headers().forEach(b::header);
        String auth = access.authorization();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return b;
    }

    /** Bodies whose reads fail after timeout_seconds without data (the JDK client has no read timeout). */
    private HttpResponse.BodyHandler<InputStream> body() {
        return TimedBody.handler(access.timeoutSeconds(), location);
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler) throws IOException {
        requests.incrementAndGet();
        try {
            return client().send(req, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted: " + location);
        } catch (java.net.ConnectException e) {
            // The JDK says "ConnectException: null".
            throw new java.net.ConnectException(unresolved(e) ? "unknown host " + uri.getHost()
                    : "connection refused by " + hostPort);
        } catch (IOException e) {
            // The JDK's messages may carry the request URI, query secrets included.
            IOException clean = new IOException(access.scrub(e.getClass().getSimpleName() + ": " + e.getMessage()));
            if (e instanceof java.net.http.HttpTimeoutException) {
                clean = new java.net.http.HttpTimeoutException("timed out after " + access.timeoutSeconds() + " s");
            }
            throw clean;
        }
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** Throws for an error status: not found, refused (no retry), or a status worth retrying. */
    private void check(HttpResponse<?> r) throws IOException {
        int s = r.statusCode();
        if (s < 400) {
            return;
        }
        if (r.body() instanceof InputStream in) {
            in.close();
        }
        String what = "HTTP " + s + reason(s);
        if (s == 404 || s == 410) {
            throw new SourceNotFoundException(location, "not found (" + what + ")", null);
        }
        if (s == 401 || s == 403) {
            throw new InputException(location, "access refused (" + what + "): check source.credentials"
                    + " and the variables they name");
        }
        throw new SourceStatusException(what, s, Retry.parseRetryAfter(r.headers().firstValue("Retry-After").orElse(null)));
    }

    static String reason(int s) {
        return switch (s) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 410 -> " Gone";
            case 416 -> " Range Not Satisfiable";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    @Override
    public long length() throws IOException {
        if (length < 0) {
            stat();
        }
        return length;
    }

    @Override
    public Instant lastModified() throws IOException {
        length();
        return lastModified;
    }

    /** HEAD for the length; servers that refuse HEAD or omit the length get a one-byte range GET. */
    private void stat() throws IOException {
        Retry.run(access.retries(), hostPort, attempt -> {
            try (HostLimits.Permit p = HostLimits.acquire(hostKey, access.maxConnectionsPerHost())) {
                HttpResponse<Void> r = send(request(null).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 405 && r.statusCode() != 501 && r.statusCode() != 403) {
                    check(r);
                    long n = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                    if (n >= 0) {
                        lastModified = parseDate(r.headers());
                        length = n;
                        return null;
                    }
                }
                HttpResponse<InputStream> g = send(request("bytes=0-0").GET().build(), body());
                check(g);
                try (InputStream in = g.body()) {
                    long n = totalLength(g);
                    if (n < 0) {
                        throw new IOException("the server gives no length (no Content-Length, no Content-Range)");
                    }
                    lastModified = parseDate(g.headers());
                    length = n;
                }
                return null;
            }
        });
    }

    private static long totalLength(HttpResponse<?> r) {
        if (r.statusCode() == 206) {
            Matcher m = CONTENT_RANGE_TOTAL.matcher(r.headers().firstValue("Content-Range").orElse(""));
            return m.matches() ? Long.parseLong(m.group(1)) : -1;
        }
        return r.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    private static Instant parseDate(HttpHeaders h) {
        try {
            return h.firstValue("Last-Modified")
                    .map(v -> ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public int read(long pos, byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long size = length();
        if (pos >= size) {
            return -1;
        }
        int want = (int) Math.min(len, size - pos);
        return Retry.run(access.retries(), hostPort, attempt -> {
            try (HostLimits.Permit p = HostLimits.acquire(hostKey, access.maxConnectionsPerHost())) {
                HttpResponse<InputStream> r = send(request("bytes=" + pos + "-" + (pos + want - 1)).GET().build(),
                        body());
                check(r);
                try (InputStream in = r.body()) {
                    if (r.statusCode() == 200) {
                        in.skipNBytes(pos); // the server ignored Range: skip to the wanted bytes
                    } else if (r.statusCode() != 206) {
                        throw new IOException("unexpected HTTP " + r.statusCode() + " to a range request");
                    }
                    int n = in.readNBytes(buf, off, want);
                    if (n < want) {
                        throw new EOFException("connection closed after " + n + " of " + want + " bytes");
                    }
                    return n;
                }
            }
        });
    }

    @Override
    public void copyTo(long offset, OutputStream out) throws IOException {
        try (HostLimits.Permit p = HostLimits.acquire(hostKey, access.maxConnectionsPerHost())) {
            HttpRequest.Builder b = request(offset > 0 ? "bytes=" + offset + "-" : null);
            HttpResponse<InputStream> r = send(b.GET().build(), body());
            check(r);
            long expected = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            long done = 0;
            try (InputStream in = r.body()) {
                if (offset > 0 && r.statusCode() == 200) {
                    in.skipNBytes(offset);
                    expected = expected < 0 ? -1 : expected - offset;
                }
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    done += n;
                }
            } catch (IOException e) {
                String what = e instanceof java.net.SocketTimeoutException ? "stalled" : "connection closed";
                throw new IOException(what + " after " + done + " of " + (expected < 0 ? "?" : expected)
                        + " bytes (" + access.scrub(String.valueOf(e.getMessage())) + ")");
            }
            if (expected >= 0 && done < expected) {
                throw new EOFException("connection closed after " + done + " of " + expected + " bytes");
            }
        }
    }

    @Override
    public long requests() { return requests.get(); }

    @Override
    public int retries() { return access.retries(); }

    @Override
    public String location() { return location; }

    @Override
    public void close() {
        // Connections belong to the shared client's pool.
    }
}
