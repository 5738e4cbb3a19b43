package dev.regnotify.registry;

/** Quotes a refused value for an error message, so that empty, blank and overlong values stay readable. */
final class Quote {

    private static final int MAX = 300;

    private Quote() {
    }

    static String of(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > MAX ? value.substring(0, MAX) + "...(" + value.length() + " chars)" : value;
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
