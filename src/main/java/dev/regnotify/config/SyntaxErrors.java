package dev.regnotify.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;

/**
 * A JSON syntax error in words an operator reads at once: where (line and column) and what was found instead of
 * what, rather than the parser's token names ({@code Invalid token=CURLYCLOSE at (line no=1, column no=87 ...)}).
 */
final class SyntaxErrors {

    // Parsson's message, the JSON-P implementation Yasson and the servers ship
    private static final Pattern TOKENS = Pattern.compile("Invalid token=(\\w+).*Expected tokens are: \\[([\\w, ]*)]");
    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("CURLYOPEN", "'{'"),
            Map.entry("CURLYCLOSE", "'}'"), Map.entry("SQUAREOPEN", "'['"), Map.entry("SQUARECLOSE", "']'"),
            Map.entry("COLON", "':'"), Map.entry("COMMA", "','"), Map.entry("STRING", "a string"),
            Map.entry("NUMBER", "a number"), Map.entry("TRUE", "true"), Map.entry("FALSE", "false"),
            Map.entry("NULL", "null"), Map.entry("EOF", "the end of the text"));

    // what may start a value: when all of them would do, "a value" says it
    private static final List<String> VALUE = List.of("CURLYOPEN", "SQUAREOPEN", "STRING", "NUMBER", "TRUE", "FALSE",
            "NULL");

    private SyntaxErrors() {
    }

    static String describe(JsonParsingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": ";
        Matcher tokens = TOKENS.matcher(String.valueOf(e.getMessage()));
        if (!tokens.find()) {
            return where + e.getMessage();
        }
        List<String> expectedTokens = Pattern.compile(",\\s*").splitAsStream(tokens.group(2))
                .filter(t -> !t.isBlank()).toList();
        String expected = expectedTokens.containsAll(VALUE) ? "a value"
                : expectedTokens.stream().map(SyntaxErrors::word).collect(Collectors.joining(" or "));
        return where + "found " + word(tokens.group(1)) + (expected.isEmpty() ? "" : " where " + expected
                + " was expected");
    }

    private static String word(String token) {
        return WORDS.getOrDefault(token, token.toLowerCase(java.util.Locale.ROOT));
    }
}
