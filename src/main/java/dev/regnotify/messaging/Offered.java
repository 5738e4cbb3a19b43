package dev.regnotify.messaging;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints this delivering instance offers to deliver, each with its queue, as its {@link Membership} announces
 * them: queues come and go from their endpoints' threads, the member's thread reads them.
 */
final class Offered {

    private final Map<String, BrokerQueue> queues = new ConcurrentHashMap<>();

    /** An endpoint this instance delivers, announced while its queue {@linkplain BrokerQueue#able() can be read}. */
    void offer(String endpoint, BrokerQueue queue) {
        queues.put(endpoint, queue);
    }

    /** The endpoint is no longer delivered here: its queue closed its consumer for good (a later one stays). */
    void withdraw(String endpoint, BrokerQueue queue) {
        queues.remove(endpoint, queue);
    }

    /** @return the endpoints whose queues can be read, in order: what this instance announces it delivers */
    Set<String> able() {
        Set<String> able = new TreeSet<>();
        queues.forEach((endpoint, queue) -> {
            if (queue.able()) {
                able.add(endpoint);
            }
        });
        return able;
    }

    /** @return the endpoints on whose queue this instance holds a consumer, in order */
    Set<String> holding() {
        Set<String> holding = new TreeSet<>();
        queues.forEach((endpoint, queue) -> {
            if (queue.consuming()) {
                holding.add(endpoint);
            }
        });
        return holding;
    }
}
