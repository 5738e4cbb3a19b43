package dev.regnotify.registry;

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

    /** The grammar of a path component, as error messages quote it. */
    static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";

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
            if (!isComponent(value, start, end)) {
                throw new InvalidNameException(value, "path component " + Quote.of(value.substring(start, end))
                        + " must match " + COMPONENT);
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
    }

    /**
     * {@link #COMPONENT} checked by hand: runs of lower-case letters and digits, separated by one {@code .}, one or
     * two {@code _}, or any number of {@code -}. Every event read back from a journal or a broker is checked, and the
     * regular expression was a tenth of a delivering instance's CPU.
     */
    private static boolean isComponent(String value, int from, int to) {
        if (from == to || !isAlphanumeric(value.charAt(from))) {
            return false;
        }
        int i = from;
        while (i < to) {
            char c = value.charAt(i);
            if (isAlphanumeric(c)) {
                i++;
                continue;
            }
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i += i + 1 < to && value.charAt(i + 1) == '_' ? 2 : 1;
            } else if (c == '-') {
                while (i < to && value.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
            if (i == to || !isAlphanumeric(value.charAt(i))) {
                return false; // a separator ends the component, or is followed by another
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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
