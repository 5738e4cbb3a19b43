package dev.regnotify.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which delivering instance consumes which endpoint, decided from the endpoints each live instance announces: every
 * member that computes it from the same announcements gets the same answer, whatever order it heard them in. Each
 * endpoint goes to the member, among those announcing it, with the fewest endpoints given so far; ties go by a hash
 * of the endpoint and the member, so that they do not all fall to the same member.
 *
 * <p>Endpoints are dealt in order of how many members announce them, fewest first, then by name: an endpoint that
 * one member alone can deliver is given before those others could take, so that it does not find that member loaded
 * already (with members {@code a: [x]} and {@code b: [x, y]}, by name alone {@code x} could go to {@code b} and then
 * {@code y} too, leaving {@code a} idle).
 */
final class Assignment {

    private Assignment() {
    }

    /**
     * @param announced per member id, the endpoints it delivers
     * @return per endpoint announced by any member, the id of the member that consumes it
     */
    static Map<String, String> of(Map<String, ? extends Set<String>> announced) {
        Map<String, List<String>> candidates = new TreeMap<>();
        new TreeMap<>(announced).forEach((member, endpoints) -> endpoints.forEach(endpoint -> candidates
                .computeIfAbsent(endpoint, e -> new ArrayList<>()).add(member)));
        List<String> order = new ArrayList<>(candidates.keySet());
        order.sort(Comparator.comparingInt((String endpoint) -> candidates.get(endpoint).size())
                .thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> load = new HashMap<>();
        Map<String, String> owners = new TreeMap<>();
        for (String endpoint : order) {
            String owner = null;
            for (String member : candidates.get(endpoint)) {
                if (owner == null || before(endpoint, member, owner, load)) {
                    owner = member;
                }
            }
            owners.put(endpoint, owner);
            load.merge(owner, 1, Integer::sum);
        }
        return owners;
    }

    /**
     * @param announced per member id, the endpoints it delivers
     * @param member a member's id
     * @return the endpoints that member consumes
     */
    static Set<String> of(Map<String, ? extends Set<String>> announced, String member) {
        Set<String> mine = new TreeSet<>();
        of(announced).forEach((endpoint, owner) -> {
            if (owner.equals(member)) {
                mine.add(endpoint);
            }
        });
        return mine;
    }

    /** @return whether the endpoint goes to {@code member} rather than to {@code best} */
    private static boolean before(String endpoint, String member, String best, Map<String, Integer> load) {
        int byLoad = Integer.compare(load.getOrDefault(member, 0), load.getOrDefault(best, 0));
        if (byLoad != 0) {
            return byLoad < 0;
        }
        int byHash = Long.compareUnsigned(tie(endpoint, member), tie(endpoint, best));
        return byHash != 0 ? byHash < 0 : member.compareTo(best) < 0;
    }

    /**
     * A hash that every JVM computes alike (unlike {@link Object#hashCode} of most types, which the assignment must
     * not depend on): FNV-1a over both names' UTF-8, then mixed (MurmurHash3's finalizer) so that ids differing in
     * their last characters spread over the whole range.
     */
    static long tie(String endpoint, String member) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (endpoint + '\0' + member).getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }
}
