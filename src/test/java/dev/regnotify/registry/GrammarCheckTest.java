package dev.regnotify.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Repository names and tags are checked by hand, for speed: on a million random strings over the characters that
 * matter, the checks accept exactly what distribution's regular expressions accept.
 */
class GrammarCheckTest {

    private static final String ALPHABET = "az09._-_-.AZ/é ";
    private static final Pattern COMPONENT = Pattern.compile(RepositoryName.COMPONENT);
    private static final Pattern TAG = Pattern.compile(Tag.GRAMMAR);

    @Test
    void repositoryNamesAreAcceptedExactlyAsByTheRegularExpression() {
        Random random = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 1_000_000; i++) {
            String name = random(random, 1 + random.nextInt(i % 1000 == 0 ? 300 : 10));
            boolean expected = name.length() <= RepositoryName.MAX_LENGTH && allComponentsMatch(name);
            assertEquals(expected, accepts(() -> RepositoryName.of(name)), name);
            accepted += expected ? 1 : 0;
        }
        assertTrue(accepted > 10_000, "enough valid names were tried: " + accepted);
    }

    @Test
    void tagsAreAcceptedExactlyAsByTheRegularExpression() {
        Random random = new Random(12);
        int accepted = 0;
        for (int i = 0; i < 1_000_000; i++) {
            String tag = random(random, 1 + random.nextInt(i % 1000 == 0 ? 140 : 10));
            boolean expected = TAG.matcher(tag).matches();
            assertEquals(expected, accepts(() -> Tag.of(tag)), tag);
            accepted += expected ? 1 : 0;
        }
        assertTrue(accepted > 10_000, "enough valid tags were tried: " + accepted);
    }

    /** Every string up to 6 characters over the characters that decide, and the lengths at each limit. */
    @Test
    void shortStringsAndTheLengthLimitsAreJudgedAsByTheRegularExpressions() {
        List<String> strings = new ArrayList<>(List.of(""));
        for (int from = 0, length = 1; length <= 6; length++) {
            int to = strings.size();
            for (int i = from; i < to; i++) {
                for (char c : "a0._-/A\u007f".toCharArray()) {
                    strings.add(strings.get(i) + c);
                }
            }
            from = to;
        }
        for (int length : new int[] {127, 128, 129, 254, 255, 256}) {
            strings.add("a".repeat(length));
            strings.add("a".repeat(length - 2) + "/b");
            strings.add("_" + "-".repeat(length - 2) + "a");
        }
        for (String text : strings) {
            boolean name = !text.isEmpty() && text.length() <= RepositoryName.MAX_LENGTH && allComponentsMatch(text);
            assertEquals(name, accepts(() -> RepositoryName.of(text)), text);
            assertEquals(TAG.matcher(text).matches(), accepts(() -> Tag.of(text)), text);
        }
    }

    private static boolean allComponentsMatch(String name) {
        for (String component : name.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                return false;
            }
        }
        return true;
    }

    private static String random(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // mostly letters and digits, so that valid strings come up often
            text.append(random.nextInt(3) > 0 ? "abz019"
                    .charAt(random.nextInt(6)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static boolean accepts(Runnable make) {
        try {
            make.run();
            return true;
        } catch (RegistryException e) {
            return false;
        }
    }
}
