package dev.regnotify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Who may use the console's HTTP API and page ({@code notifications.console}): bearer tokens, each with a role. The
 * tokens are secrets: they never appear in {@link #toString()}, logs or errors, which name a token by its position.
 *
 * @param tokens the accepted tokens; empty: nobody is let in
 * @since 0.3
 */
public record ConsoleConfig(List<Token> tokens) {

    /** No token: the console refuses every request. */
    public static final ConsoleConfig NONE = new ConsoleConfig(List.of());

    /** The shortest token accepted, in characters: a guessable one would open the dead letters to anyone. */
    public static final int MIN_TOKEN_LENGTH = 16;
    /** The longest token accepted, in characters. */
    public static final int MAX_TOKEN_LENGTH = 512;

    private static final String NOT_SHOWN = " (the value is not shown: it is a secret)";

    /** What a token's holder may do. */
    public enum Role {
        /** Reads: every {@code GET}. */
        VIEWER,
        /** Reads and acts: replay, purge, enable, disable. */
        OPERATOR;

        /** @return its name in the configuration: {@code viewer}, {@code operator} */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A token and its role.
     *
     * @param value the token, as a client sends it after {@code Authorization: Bearer}
     * @param role what its holder may do
     */
    public record Token(String value, Role role) {

        /**
         * Checks the token's form.
         *
         * @throws IllegalArgumentException if it is shorter than {@value #MIN_TOKEN_LENGTH} or longer than
         *         {@value #MAX_TOKEN_LENGTH} characters, or holds a character outside visible ASCII; the value is not
         *         shown
         */
        public Token {
            Objects.requireNonNull(value, "value: the token");
            Objects.requireNonNull(role, "role");
            if (value.length() < MIN_TOKEN_LENGTH || value.length() > MAX_TOKEN_LENGTH) {
                throw new IllegalArgumentException("a token of " + value.length() + " characters, where "
                        + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH + " are needed" + NOT_SHOWN);
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                // what fits in a header value after "Bearer " unchanged (RFC 6750's b64token is narrower still)
                if (c <= ' ' || c > '~') {
                    throw new IllegalArgumentException("a token with a space, a control or a non-ASCII character "
                            + "at index " + i + ", where only visible ASCII is sent in a header" + NOT_SHOWN);
                }
            }
        }

        @Override
        public String toString() {
            return "Token[" + role.key() + ", " + Redaction.REDACTED + "]";
        }
    }

    /**
     * Copies the tokens.
     *
     * @throws IllegalArgumentException if a token is given twice (naming both positions, not the value)
     */
    public ConsoleConfig {
        tokens = List.copyOf(tokens);
        List<String> seen = new ArrayList<>();
        for (Token token : tokens) {
            int earlier = seen.indexOf(token.value());
            if (earlier >= 0) {
                throw new IllegalArgumentException("token " + seen.size() + " is token " + earlier + " again"
                        + NOT_SHOWN);
            }
            seen.add(token.value());
        }
    }

    /**
     * @param token a token for an operator
     * @return a configuration with that one token
     */
    public static ConsoleConfig operator(String token) {
        return new ConsoleConfig(List.of(new Token(token, Role.OPERATOR)));
    }

    /**
     * @param token a token to add
     * @return this configuration with the token added last
     */
    public ConsoleConfig with(Token token) {
        List<Token> more = new ArrayList<>(tokens);
        more.add(token);
        return new ConsoleConfig(more);
    }

    @Override
    public String toString() {
        return "ConsoleConfig[" + tokens.stream().map(Token::toString).toList() + "]";
    }
}
