package org.arcoforge.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as an InputStream whose reads fail with a {@link SocketTimeoutException}
 * when the server sends nothing for the timeout. The JDK client's own body stream has no read
 * timeout: a server that stalls mid-body would block the reader forever. The timer measures
 * silence only, so a slow body that keeps arriving is never cut.
 */
final class TimedBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();

    // Holds at most one batch ahead of the reader: the next is requested only when one is taken.
    private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final int timeoutSeconds;
    private final String location;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> batch = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;

    private TimedBody(int timeoutSeconds, String location) {
        this.timeoutSeconds = timeoutSeconds;
        this.location = location;
    }

    /** A handler whose bodies time out after {@code timeoutSeconds} without data from {@code location}. */
    static HttpResponse.BodyHandler<InputStream> handler(int timeoutSeconds, String location) {
        return info -> new TimedBody(timeoutSeconds, location);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrivals.add(item);
    }

    @Override
    public void onError(Throwable t) {
        arrivals.add(t);
    }

    @Override
    public void onComplete() {
        arrivals.add(END);
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    /** False at the end of the body; waits at most the timeout for the next bytes. */
    @SuppressWarnings("unchecked")
    private boolean fill() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (batch.hasNext()) {
                current = batch.next();
                continue;
            }
            if (ended) {
                return false;
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            Object next;
            try {
                next = arrivals.poll(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while reading " + location);
            }
            if (next == null) {
                close(); // cancels the exchange: the stalled connection is dropped, not pooled
                throw new SocketTimeoutException("no data for " + timeoutSeconds + " s from " + location);
            }
            if (next == END) {
                ended = true;
                return false;
            }
            if (next instanceof Throwable t) {
                ended = true;
                throw t instanceof IOException io ? io : new IOException(t.toString(), t);
            }
            batch = ((List<ByteBuffer>) next).iterator();
            subscription.request(1);
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
    }
}
