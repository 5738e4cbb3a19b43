package dev.regnotify.messaging;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The other delivering instances a member has heard, with the endpoints each announced and those it holds a consumer
 * on, until each leaves or is not heard for the expiry. Times are {@link System#nanoTime()} values handed in, so that a test needs no clock. Owned by
 * the member's thread.
 */
final class Peers {

    private record Peer(Set<String> endpoints, Set<String> holding, long heard) {
    }

    private final long expiryNanos;
    private final Map<String, Peer> peers = new HashMap<>();

    /** @param expiryNanos how long a peer not heard stays in the view */
    Peers(long expiryNanos) {
        this.expiryNanos = expiryNanos;
    }

    /** @return whether the member is in the view */
    boolean knows(String member) {
        return peers.containsKey(member);
    }

    /**
     * @param beat what a peer said
     * @param now when it was heard
     * @return whether the view changed: a member came, left, or announces other endpoints or holdings
     */
    boolean heard(Heartbeat beat, long now) {
        if (beat.leaving()) {
            return peers.remove(beat.member()) != null;
        }
        Peer before = peers.put(beat.member(), new Peer(beat.endpoints(), beat.holding(), now));
        return before == null || !before.endpoints().equals(beat.endpoints())
                || !before.holding().equals(beat.holding());
    }

    /** @return whether a peer was dropped for not having been heard within the expiry */
    boolean expire(long now) {
        return peers.values().removeIf(peer -> now - peer.heard() >= expiryNanos);
    }

    /** @return per peer id, the endpoints it announced */
    Map<String, Set<String>> announced() {
        Map<String, Set<String>> announced = new HashMap<>();
        peers.forEach((member, peer) -> announced.put(member, peer.endpoints()));
        return announced;
    }

    /** @return the endpoints on which some peer holds a consumer */
    Set<String> holding() {
        Set<String> holding = new HashSet<>();
        peers.values().forEach(peer -> holding.addAll(peer.holding()));
        return holding;
    }

    int size() {
        return peers.size();
    }
}
