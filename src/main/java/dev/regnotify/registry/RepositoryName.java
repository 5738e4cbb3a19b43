package dev.regnotify.registry;

import java.util.regex.Pattern;

/**
 * A repository name, such as {@code library/ubuntu}: path components of
 * {@code [a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*} joined by {@code /}, at most 255 characters (distribution's
 * grammar).
 *
 * @param value the name as written
 * @since 0.1
 */
public record RepositoryName(String value) implements Comparable<RepositoryName> {

    /** The longest name accepted, in characters. */
    public static final int MAX_LENGTH = 255;

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*");

    /**
     * @param value the name
     * @throws InvalidNameException if the name is empty, too long, or a component breaks the grammar
     */
    public RepositoryName {
        if (value == null || value.isEmpty()) {
            throw new InvalidNameException(value, "expected path components of lower-case letters and digits "
                    + "joined by '/'");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidNameException(value, "expected at most " + MAX_LENGTH + " characters, got "
                    + value.length());
        }
        int start = 0;
        while (true) {
            int slash = value.indexOf('/', start);
            int end = slash < 0 ? value.length() : slash;
            String component = value.substring(start, end);
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidNameException(value, "path component " + Quote.of(component) + " must match "
                        + COMPONENT.pattern());
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
    }

    /**
     * @param value the name
     * @return the validated name
     * @throws InvalidNameException if the name breaks the grammar
     */
    public static RepositoryName of(String value) {
        return new RepositoryName(value);
    }

    @Override
    public int compareTo(RepositoryName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
