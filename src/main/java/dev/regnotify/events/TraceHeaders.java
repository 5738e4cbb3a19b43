package dev.regnotify.events;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of the W3C {@code traceparent} and {@code tracestate} headers (Trace Context, level 1): what is wrong
 * with a value, in words, or null when nothing is.
 */
final class TraceHeaders {

    static final int TRACEPARENT_LENGTH = 55;
    static final String TRACEPARENT_FORM = "version-traceid-parentid-flags (00-, 32 and 16 lowercase hex digits "
            + "not all zeros, 2 hex digits of flags)";

    private static final int MAX_MEMBERS = 32;
    private static final Pattern MEMBER = Pattern.compile("([a-z][a-z0-9_\\-*/]{0,255}"
            + "|[a-z0-9][a-z0-9_\\-*/]{0,240}@[a-z][a-z0-9_\\-*/]{0,13})"
            + "=([\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e])");

    private TraceHeaders() {
    }

    /**
     * A later version than {@code 00} is read by its first four fields, as the specification says: it may be longer,
     * with a dash after them.
     *
     * @return what is wrong with the traceparent, or null
     */
    static String traceparentProblem(String value) {
        if (value.length() < TRACEPARENT_LENGTH) {
            return "it has " + value.length() + " characters, not " + TRACEPARENT_LENGTH;
        }
        if (!hex(value, 0, 2) || value.startsWith("ff")) {
            return "its version is not two lowercase hex digits other than ff";
        }
        if (value.startsWith("00") ? value.length() != TRACEPARENT_LENGTH
                : (value.length() > TRACEPARENT_LENGTH && value.charAt(TRACEPARENT_LENGTH) != '-')) {
            return "it has " + value.length() + " characters, not " + TRACEPARENT_LENGTH;
        }
        if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return "its fields are not separated by dashes";
        }
        if (!hex(value, 3, 35) || zeros(value, 3, 35)) {
            return "its trace id is not 32 lowercase hex digits, not all zeros";
        }
        if (!hex(value, 36, 52) || zeros(value, 36, 52)) {
            return "its parent id is not 16 lowercase hex digits, not all zeros";
        }
        if (!hex(value, 53, 55)) {
            return "its flags are not two lowercase hex digits";
        }
        return null;
    }

    /** @return what is wrong with the tracestate, or null (an empty one is fine) */
    static String tracestateProblem(String value) {
        if (value.isEmpty()) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        int members = 0;
        for (String part : value.split(",", -1)) {
            String member = part.strip();
            if (member.isEmpty()) {
                continue;
            }
            Matcher matcher = MEMBER.matcher(member);
            if (!matcher.matches()) {
                return "\"" + member + "\" is not key=value (lowercase key, printable value without , or =)";
            }
            if (!keys.add(matcher.group(1))) {
                return "the key " + matcher.group(1) + " comes twice";
            }
            if (++members > MAX_MEMBERS) {
                return "it has more than " + MAX_MEMBERS + " members";
            }
        }
        return null;
    }

    private static boolean hex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
