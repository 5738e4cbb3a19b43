package dev.regnotify.events;

/**
 * What happened, in distribution's words.
 *
 * @since 0.1
 */
public enum Action {
    /** Content was pushed (a manifest or a blob). */
    PUSH("push"),
    /** Content was pulled. */
    PULL("pull"),
    /** A blob was linked from another repository. */
    MOUNT("mount"),
    /** A manifest, blob, tag or repository was deleted. */
    DELETE("delete");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /** @return the action as the wire format writes it: {@code push}, {@code pull}, {@code mount}, {@code delete} */
    public String wireName() {
        return wireName;
    }
}
