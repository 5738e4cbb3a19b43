package dev.regnotify.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A pattern over repository names or tags: {@code *} matches within one path segment ({@code team/*} matches
 * {@code team/app}, not {@code team/app/web}), {@code **} as a whole segment matches any depth ({@code team/**}
 * matches {@code team/app/web}; {@code **}{@code /app} matches {@code app} and {@code a/b/app}). Every other character
 * matches itself.
 *
 * @since 0.4
 */
public final class Glob {

    private static final Pattern REPOSITORY_CHARS = Pattern.compile("[a-z0-9._/*-]+");
    private static final Pattern TAG_CHARS = Pattern.compile("[A-Za-z0-9._*-]+");

    private final String text;
    private final Pattern pattern;
    private final boolean literal;

    private Glob(String text, Pattern pattern) {
        this.text = text;
        this.pattern = pattern;
        this.literal = text.indexOf('*') < 0;
    }

    /**
     * @param text a glob over repository names
     * @return the compiled glob
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Glob repository(String text) {
        check(text, REPOSITORY_CHARS, "lower-case letters, digits, '.', '_', '-', '/' and '*'");
        StringBuilder regex = new StringBuilder();
        String[] segments = text.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("\"" + text + "\" is not a glob: it has an empty path segment");
            }
            if ("**".equals(segment)) {
                // "a/**" needs something below a; "**/b" and "a/**/b" also match zero segments
                regex.append(last ? ".+" : "(?:[^/]+/)*");
                continue;
            }
            if (segment.contains("**")) {
                throw new IllegalArgumentException("\"" + text + "\" is not a glob: '**' must be a whole path segment");
            }
            regex.append(segmentRegex(segment));
            if (!last) {
                regex.append('/');
            }
        }
        return new Glob(text, Pattern.compile(regex.toString()));
    }

    /**
     * @param text a glob over tags ({@code v*}, {@code *-rc*})
     * @return the compiled glob
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Glob tag(String text) {
        check(text, TAG_CHARS, "letters, digits, '.', '_', '-' and '*'");
        return new Glob(text, Pattern.compile(segmentRegex(text)));
    }

    private static void check(String text, Pattern allowed, String expected) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an empty glob matches nothing: expected a pattern such as team/*");
        }
        if (!allowed.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a glob: expected " + expected);
        }
    }

    private static String segmentRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        String[] literals = segment.split("\\*", -1);
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append("[^/]*");
            }
            if (!literals[i].isEmpty()) {
                regex.append(Pattern.quote(literals[i]));
            }
        }
        return regex.toString();
    }

    /**
     * @param value a repository name or tag
     * @return whether the glob matches all of it
     */
    public boolean matches(String value) {
        return literal ? text.equals(value) : pattern.matcher(value).matches();
    }

    /**
     * @return the one value it matches, if it has no {@code *}: an index can then find it by that value
     */
    public Optional<String> literal() {
        return literal ? Optional.of(text) : Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
