package dev.regnotify.registry;

/**
 * A tag, such as {@code v1.2}: {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}.
 *
 * @param value the tag as written
 * @since 0.1
 */
public record Tag(String value) implements Comparable<Tag> {

    /** The grammar, as error messages quote it. */
    static final String GRAMMAR = "[A-Za-z0-9_][A-Za-z0-9._-]{0,127}";
    private static final int MAX_LENGTH = 128;

    /**
     * @param value the tag
     * @throws InvalidTagException if the tag breaks the grammar
     */
    public Tag {
        if (!isTag(value)) {
            throw new InvalidTagException(value, "expected " + GRAMMAR);
        }
    }

    /** {@link #GRAMMAR} checked by hand: every event read back from a journal or a broker is checked. */
    private static boolean isTag(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || value.charAt(0) == '.'
                || value.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
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
