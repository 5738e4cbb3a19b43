package dev.regnotify.config;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;

/**
 * What a JSON-P reader lets through or fails on badly, checked before it builds the document: a key given twice in one
 * object (the reader keeps the last one silently: a second {@code url} would win unseen), and nesting deeper than
 * {@link #MAX_DEPTH} (readers recurse while building: Parsson stops at 1,000 levels with a bare
 * {@code RuntimeException}, others overflow the stack). It reads the text as a stream of events and keeps one frame
 * per open object or array, so that it never recurses itself.
 */
final class StrictJson {

    /** The deepest nesting a configuration may have; its own keys need 6 levels. */
    static final int MAX_DEPTH = 64;

    private StrictJson() {
    }

    /**
     * @throws ConfigException naming the key given twice, or where the nesting goes too deep
     * @throws jakarta.json.stream.JsonParsingException if the text is not JSON
     */
    static void check(String json) {
        Deque<Frame> open = new ArrayDeque<>();
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        if (open.size() == MAX_DEPTH) {
                            throw tooDeep(parser.getLocation());
                        }
                        open.push(new Frame(open.isEmpty() ? "" : open.peek().child(),
                                event == JsonParser.Event.START_ARRAY));
                    }
                    case END_OBJECT, END_ARRAY -> {
                        open.pop();
                        if (!open.isEmpty()) {
                            open.peek().valueEnded();
                        }
                    }
                    case KEY_NAME -> open.peek().key(parser.getString(), parser.getLocation());
                    default -> {
                        if (!open.isEmpty()) {
                            open.peek().valueEnded();
                        }
                    }
                }
            }
        }
    }

    /** @param where {@code line L, column C: }, of the bracket that opens the level too many */
    static ConfigException tooDeep(String where) {
        return new ConfigException("", where + "the configuration nests deeper than " + MAX_DEPTH + " levels (its "
                + "own keys need 6)");
    }

    private static ConfigException tooDeep(JsonLocation at) {
        // the parser stands just after that bracket
        return tooDeep("line " + at.getLineNumber() + ", column " + Math.max(1, at.getColumnNumber() - 1) + ": ");
    }

    /** An open object (its keys so far) or array (its next index), and its key path. */
    private static final class Frame {

        private final String path;
        private final boolean array;
        private final Set<String> keys = new HashSet<>();
        private String key;
        private int index;

        Frame(String path, boolean array) {
            this.path = path;
            this.array = array;
        }

        /** @return the key path of the value being read in this object or array */
        String child() {
            return array ? path + "[" + index + "]" : path.isEmpty() ? key : path + "." + key;
        }

        void key(String name, JsonLocation at) {
            key = name;
            if (!keys.add(name)) {
                throw new ConfigException(child(), "is given twice in the same object (again at line "
                        + at.getLineNumber() + "); JSON readers would keep the last one silently, so neither is "
                        + "taken: remove one");
            }
        }

        void valueEnded() {
            if (array) {
                index++;
            }
        }
    }
}
