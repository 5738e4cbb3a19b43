package dev.regnotify.registry;

import java.util.regex.Pattern;

/**
 * A tag, such as {@code v1.2}: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}.
 *
 * @param value the tag as written
 * @since 0.1
 */
public record Tag(String value) implements Comparable<Tag> {

    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    /**
     * @param value the tag
     * @throws InvalidTagException if the tag breaks the grammar
     */
    public Tag {
        if (value == null || !GRAMMAR.matcher(value).matches()) {
            throw new InvalidTagException(value, "expected " + GRAMMAR.pattern());
        }
    }

    /**
     * @param value the tag
     * @return the validated tag
     * @throws InvalidTagException if the tag breaks the grammar
     */
    public static Tag of(String value) {
        return new Tag(value);
    }

    @Override
    public int compareTo(Tag other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
