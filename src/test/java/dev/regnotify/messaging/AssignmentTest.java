package dev.regnotify.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The endpoints dealt out among delivering instances from what each announces. */
class AssignmentTest {

    private static final Set<String> THREE = Set.of("audit", "hook", "scans");

    /** @return how many endpoints each member gets, sorted */
    private static List<Integer> loads(Map<String, String> owners, Set<String> members) {
        Map<String, Integer> load = new TreeMap<>();
        members.forEach(member -> load.put(member, 0));
        owners.values().forEach(owner -> load.merge(owner, 1, Integer::sum));
        return load.values().stream().sorted().toList();
    }

    private static Map<String, Set<String>> everyone(Set<String> endpoints, String... members) {
        Map<String, Set<String>> announced = new LinkedHashMap<>();
        for (String member : members) {
            announced.put(member, endpoints);
        }
        return announced;
    }

    @Test
    void threeEndpointsForThreeMembersGoOneEach() {
        Map<String, String> owners = Assignment.of(everyone(THREE, "a", "b", "c"));
        assertEquals(THREE, owners.keySet());
        assertEquals(List.of(1, 1, 1), loads(owners, Set.of("a", "b", "c")));
    }

    @Test
    void threeEndpointsForTwoMembersGoTwoAndOne() {
        Map<String, String> owners = Assignment.of(everyone(THREE, "a", "b"));
        assertEquals(List.of(1, 2), loads(owners, Set.of("a", "b")));
    }

    @Test
    void aMemberAloneGetsEverythingItAnnounces() {
        assertEquals(THREE, Assignment.of(everyone(THREE, "a"), "a"));
        assertEquals(Set.of(), Assignment.of(everyone(THREE, "a"), "b"));
    }

    @Test
    void moreMembersThanEndpointsLeaveSomeStandingBy() {
        Map<String, String> owners = Assignment.of(everyone(THREE, "a", "b", "c", "d"));
        assertEquals(List.of(0, 1, 1, 1), loads(owners, Set.of("a", "b", "c", "d")));
    }

    @Test
    void anEndpointGoesOnlyToAMemberThatAnnouncesIt() {
        Map<String, Set<String>> announced = Map.of("a", Set.of("audit", "hook"), "b", Set.of("scans"));
        Map<String, String> owners = Assignment.of(announced);
        assertEquals(Map.of("audit", "a", "hook", "a", "scans", "b"), owners);
    }

    /** By name alone, "x" could go to b, then "y" too (only b announces it), leaving a idle. */
    @Test
    void endpointsFewMembersAnnounceAreDealtFirst() {
        Map<String, Set<String>> announced = Map.of("a", Set.of("x"), "b", Set.of("x", "y"));
        assertEquals(Map.of("x", "a", "y", "b"), Assignment.of(announced));
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderAnythingWasHeardIn() {
        Random random = new Random(28);
        for (int round = 0; round < 200; round++) {
            Map<String, Set<String>> announced = new HashMap<>();
            int members = 1 + random.nextInt(6);
            for (int m = 0; m < members; m++) {
                Set<String> endpoints = new LinkedHashSet<>();
                IntStream.range(0, 1 + random.nextInt(12)).forEach(e -> endpoints.add("e" + random.nextInt(15)));
                announced.put(UUID.randomUUID().toString(), endpoints);
            }
            Map<String, String> expected = Assignment.of(announced);
            List<String> ids = new ArrayList<>(announced.keySet());
            Collections.shuffle(ids, random);
            Map<String, Set<String>> shuffled = new LinkedHashMap<>();
            for (String id : ids) {
                List<String> endpoints = new ArrayList<>(announced.get(id));
                Collections.shuffle(endpoints, random);
                shuffled.put(id, new LinkedHashSet<>(endpoints));
            }
            assertEquals(expected, Assignment.of(shuffled));
            assertEquals(announced.values().stream().flatMap(Set::stream).collect(Collectors.toSet()),
                    expected.keySet(), "every announced endpoint has an owner");
            expected.forEach((endpoint, owner) -> assertTrue(announced.get(owner).contains(endpoint)));
        }
    }

    /** Members announcing the same endpoints get loads that differ by one at most, whatever their ids. */
    @Test
    void membersAnnouncingTheSameEndpointsAreBalanced() {
        Random random = new Random(4);
        for (int round = 0; round < 200; round++) {
            int members = 1 + random.nextInt(5);
            Set<String> endpoints = IntStream.range(0, random.nextInt(20)).mapToObj(e -> "endpoint-" + e)
                    .collect(Collectors.toSet());
            Map<String, Set<String>> announced = new HashMap<>();
            IntStream.range(0, members).forEach(m -> announced.put(UUID.randomUUID().toString(), endpoints));
            List<Integer> loads = loads(Assignment.of(announced), announced.keySet());
            assertTrue(loads.get(loads.size() - 1) - loads.get(0) <= 1, loads.toString());
        }
    }

    /**
     * Ties are broken by a hash of the endpoint and the member, not by id: over many endpoints dealt to two members
     * that tie each time, each member gets the first pick of about half of the pairs.
     */
    @Test
    void tiesDoNotAllGoToTheLowestId() {
        int firstToLowest = 0;
        for (int e = 0; e < 1000; e++) {
            Map<String, String> owners = Assignment.of(everyone(Set.of("endpoint-" + e), "aaaa", "zzzz"));
            if (owners.get("endpoint-" + e).equals("aaaa")) {
                firstToLowest++;
            }
        }
        assertTrue(firstToLowest > 400 && firstToLowest < 600, firstToLowest + " of 1000 to the lowest id");
    }

    @Test
    void theTieHashIsTheSameInEveryJvm() {
        // pinned: every member must compute the same ties, whatever its JVM
        assertEquals(Assignment.tie("hook", "a"), Assignment.tie("hook", "a"));
        assertEquals(0x7a06f6e7cbba12c2L, Assignment.tie("hook", "00000000-0000-0000-0000-000000000000"));
    }
}
