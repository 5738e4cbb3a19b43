package dev.regnotify.delivery.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The addresses of a receiver's host, looked up within the attempt's deadline. The system's resolver blocks and cannot
 * be interrupted (a DNS server that does not answer holds it for the resolver's timeouts and retries: seconds, up to
 * a minute), so a lookup runs on a thread of its own, which the attempt waits for until its deadline or until it is
 * cancelled. An attempt that needs the host while a lookup is under way waits for that one: a hung resolver holds one
 * thread per receiver, never one per attempt. The thread ends after a few idle seconds. An address written in the URL
 * is not looked up, and needs no thread.
 */
final class HostLookup implements AutoCloseable {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final String host;
    private final Resolver resolver;
    private final boolean address;
    private final ThreadPoolExecutor thread;
    private CompletableFuture<InetAddress[]> underWay;

    /** Looks up the addresses of a host name: the system's resolver, or a test's. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Looking the host up took longer than the attempt may. */
    static final class LookupTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        LookupTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * @param host the host of the receiver's URL, without brackets
     * @param resolver what looks names up
     * @param receiver the receiver as {@code host:port}, to name the thread
     */
    HostLookup(String host, Resolver resolver, String receiver) {
        this.host = host;
        this.resolver = resolver;
        this.address = host.contains(":") || IPV4.matcher(host).matches();
        this.thread = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread lookup = new Thread(task, "regnotify-lookup " + receiver);
            lookup.setDaemon(true);
            return lookup;
        });
        thread.allowCoreThreadTimeOut(true);
    }

    /**
     * @param attempt where the wait is registered, so that cancelling the attempt ends it
     * @param deadlineNanos {@code System.nanoTime()} by which the addresses are needed
     * @return the host's addresses
     * @throws LookupTimeoutException when the lookup did not end by the deadline
     * @throws UnknownHostException when the host has no address
     * @throws InterruptedIOException when the attempt was cancelled
     */
    InetAddress[] addresses(HttpAttempt attempt, long deadlineNanos) throws IOException {
        if (address) {
            return resolver.resolve(host);
        }
        CompletableFuture<InetAddress[]> answer = underWay().copy();
        attempt.holding(() -> answer.completeExceptionally(new InterruptedIOException("the attempt was cancelled")));
        try {
            return answer.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new LookupTimeoutException("looking up " + host + " timed out");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up " + host);
        }
    }

    private synchronized CompletableFuture<InetAddress[]> underWay() {
        if (underWay == null || underWay.isDone()) {
            CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
            try {
                thread.execute(() -> {
                    try {
                        lookup.complete(resolver.resolve(host));
                    } catch (UnknownHostException | RuntimeException e) {
                        lookup.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                lookup.completeExceptionally(new InterruptedIOException("the connections are closed"));
            }
            underWay = lookup;
        }
        return underWay;
    }

    /** @return the failure of a lookup, as this attempt's own (the lookup's may be shared with other attempts) */
    private IOException failure(Throwable cause) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof UnknownHostException) {
            UnknownHostException unknown = new UnknownHostException(failure.getMessage());
            unknown.initCause(failure);
            return unknown;
        }
        if (failure instanceof InterruptedIOException cancelled) {
            return cancelled;
        }
        return new IOException("looking up " + host + " failed", failure);
    }

    /** Ends the lookup thread; a lookup under way runs to its end, and nobody waits for it. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
