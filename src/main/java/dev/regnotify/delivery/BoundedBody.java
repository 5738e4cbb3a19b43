package dev.regnotify.delivery;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads a response body to a small bound and discards the rest while still consuming it, so that the connection
 * stays reusable and a receiver cannot make us buffer megabytes of error page.
 */
final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {

    static final int LIMIT = 4096;

    private final byte[] kept = new byte[LIMIT];
    private int size;

    static HttpResponse.BodyHandler<String> handler() {
        return info -> {
            BoundedBody body = new BoundedBody();
            return HttpResponse.BodySubscribers.fromSubscriber(body, BoundedBody::text);
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), LIMIT - size);
            buffer.get(kept, size, take);
            size += take;
        }
    }

    @Override
    public void onError(Throwable failure) {
        // the response future fails with it
    }

    @Override
    public void onComplete() {
        // text() reads what was kept
    }

    private String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }
}
