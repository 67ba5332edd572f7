package org.arcoforge.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;

/**
 * An input on an FTP server (Apache Commons Net): passive mode, binary type, SIZE/MDTM for length
 * and date, REST + RETR for byte ranges and resumed downloads. One control connection, reopened
 * after any failure; calls are serialized.
 */
public final class FtpByteSource implements RemoteSource {
    private static final int COPY_BUFFER = 1 << 16;

    private final URI uri;
    private final String path;
    private final SourceAccess access;
    private final String location;
    private final String hostKey;
    private final AtomicLong requests = new AtomicLong();
    private FTPClient client;
    private long length = -1;
    private Instant lastModified;
    private boolean statted;

    public FtpByteSource(URI uri, SourceAccess access) {
        this.uri = uri;
        this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/"
                : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        this.access = access;
        this.location = ByteSources.display(uri);
        this.hostKey = HostLimits.hostKey(uri);
    }

    private FTPClient connected() throws IOException {
        if (client != null && client.isConnected()) {
            return client;
        }
        FTPClient c = new FTPClient();
        int timeoutMs = access.timeoutSeconds() * 1000;
        c.setConnectTimeout(timeoutMs);
        c.setDefaultTimeout(timeoutMs);
        c.setDataTimeout(Duration.ofMillis(timeoutMs));
        try {
            try {
                c.connect(uri.getHost(), uri.getPort() < 0 ? FTP.DEFAULT_PORT : uri.getPort());
            } catch (java.net.ConnectException e) {
                throw new java.net.ConnectException("connection refused by " + RetryEvents.hostPort(uri));
            }
            c.setSoTimeout(timeoutMs);
            if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
                throw new SourceStatusException("FTP server refused the connection: " + reply(c), 500, null);
            }
            String[] userInfo = userInfo();
            if (!c.login(userInfo[0], userInfo[1])) {
                String r = reply(c);
                quietly(c);
                // Not retried: the same login would be refused again.
                throw new InputException(location, "FTP login refused for user " + userInfo[0] + " (" + r
                        + "): check source.credentials and the variables they name");
            }
            c.enterLocalPassiveMode();
            if (!c.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw new IOException("FTP TYPE I refused: " + reply(c));
            }
        } catch (IOException | RuntimeException e) {
            quietly(c);
            throw e;
        }
        client = c;
        return c;
    }

    private String[] userInfo() {
        if (access.username() != null) {
            return new String[] {access.username(), access.password()};
        }
        String ui = uri.getUserInfo();
        if (ui != null && !ui.isEmpty()) {
            int colon = ui.indexOf(':');
            return colon < 0 ? new String[] {ui, ""} : new String[] {ui.substring(0, colon), ui.substring(colon + 1)};
        }
        return new String[] {"anonymous", "arcoforge@"};
    }

    private String reply(FTPClient c) {
        String s = c.getReplyString();
        return access.scrub(s == null ? "no reply" : s.trim());
    }

    private void dropConnection() {
        if (client != null) {
            quietly(client);
            client = null;
        }
    }

    private static void quietly(FTPClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect();
            }
        } catch (IOException ignored) {
            // already failing
        }
    }

    /** One FTP operation under the host limit; a failure drops the control connection. */
    private <T> T op(Retry.Attempt<T> body) throws IOException {
        return Retry.run(access.retries(), RetryEvents.hostPort(uri), attempt -> {
            synchronized (this) {
                try (HostLimits.Permit p = HostLimits.acquire(hostKey, access.maxConnectionsPerHost())) {
                    requests.incrementAndGet();
                    return body.run(attempt);
                } catch (IOException | RuntimeException e) {
                    dropConnection();
                    throw e;
                }
            }
        });
    }

    private synchronized void stat() throws IOException {
        if (statted) {
            return;
        }
        op(attempt -> {
            FTPClient c = connected();
            String size = c.getSize(path);
            if (size == null) {
                int code = c.getReplyCode();
                if (code == 550) {
                    throw new SourceNotFoundException(location, "not found (FTP " + reply(c) + ")", null);
                }
                throw new SourceStatusException("FTP SIZE failed: " + reply(c), code, null);
            }
            length = Long.parseLong(size.trim());
            try {
                lastModified = c.mdtmInstant(path);
            } catch (IOException | RuntimeException e) {
                lastModified = null; // MDTM is optional
            }
            return null;
        });
        statted = true;
    }

    @Override
    public synchronized long length() throws IOException {
        stat();
        return length;
    }

    @Override
    public synchronized Instant lastModified() throws IOException {
        stat();
        return lastModified;
    }

    private InputStream retrieve(FTPClient c, long offset) throws IOException {
        c.setRestartOffset(offset);
        InputStream in = c.retrieveFileStream(path);
        if (in == null) {
            int code = c.getReplyCode();
            if (code == 550) {
                throw new SourceNotFoundException(location, "not found (FTP " + reply(c) + ")", null);
            }
            throw new SourceStatusException("FTP RETR failed: " + reply(c), code >= 400 && code < 500 ? 503 : code, null);
        }
        return in;
    }

    @Override
    public synchronized int read(long pos, byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long size = length();
        if (pos >= size) {
            return -1;
        }
        int want = (int) Math.min(len, size - pos);
        return op(attempt -> {
            FTPClient c = connected();
            InputStream in = retrieve(c, pos);
            int n = in.readNBytes(buf, off, want);
            if (n < want) {
                throw new EOFException("FTP data connection closed after " + n + " of " + want + " bytes");
            }
            if (pos + n < size) {
                // Stop the transfer: servers differ in the replies that follow, so none is relied on.
                c.abort();
                in.close();
                try {
                    c.completePendingCommand();
                } catch (IOException e) {
                    dropConnection();
                }
            } else {
                in.close();
                if (!c.completePendingCommand()) {
                    dropConnection();
                }
            }
            return n;
        });
    }

    @Override
    public synchronized void copyTo(long offset, OutputStream out) throws IOException {
        long size = length();
        try (HostLimits.Permit p = HostLimits.acquire(hostKey, access.maxConnectionsPerHost())) {
            requests.incrementAndGet();
            FTPClient c = connected();
            long done = 0;
            try (InputStream in = retrieve(c, offset)) {
                byte[] buffer = new byte[COPY_BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    done += n;
                }
            }
            if (!c.completePendingCommand()) {
                throw new SourceStatusException("FTP transfer not completed: " + reply(c), 503, null);
            }
            if (offset + done < size) {
                throw new EOFException("FTP data connection closed after " + (offset + done) + " of " + size + " bytes");
            }
        } catch (IOException | RuntimeException e) {
            dropConnection();
            throw e;
        }
    }

    @Override
    public long requests() { return requests.get(); }

    @Override
    public int retries() { return access.retries(); }

    @Override
    public String location() { return location; }

    @Override
    public synchronized void close() {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.logout();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
            dropConnection();
        }
    }
}
