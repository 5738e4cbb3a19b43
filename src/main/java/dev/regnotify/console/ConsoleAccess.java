package dev.regnotify.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import dev.regnotify.config.ConsoleConfig;

/**
 * Who may use the console: the bearer tokens of {@code notifications.console} and their roles. A presented token is
 * compared with every configured one in constant time ({@link MessageDigest#isEqual} over SHA-256 digests, so that
 * neither a token's content nor its length shows in the time taken), and never logged or shown.
 *
 * @since 0.3
 */
public final class ConsoleAccess {

    private static final String BEARER = "Bearer ";

    private final List<Granted> granted;

    private record Granted(byte[] digest, ConsoleConfig.Role role) {
    }

    private ConsoleAccess(ConsoleConfig config) {
        this.granted = config.tokens().stream().map(t -> new Granted(digest(t.value()), t.role())).toList();
    }

    /**
     * @param config the tokens and their roles, or null for none
     * @return the access they give
     */
    public static ConsoleAccess of(ConsoleConfig config) {
        return new ConsoleAccess(config == null ? ConsoleConfig.NONE : config);
    }

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @return the role of the bearer token in it, or empty when there is none or it is not one of ours
     */
    public Optional<ConsoleConfig.Role> roleOf(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).trim());
        ConsoleConfig.Role found = null;
        // every token is compared, the match or not: when the loop ends does not tell which one matched
        for (Granted grant : granted) {
            if (MessageDigest.isEqual(presented, grant.digest()) && found == null) {
                found = grant.role();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ConsoleAccess[" + granted.size() + " tokens, <redacted>]";
    }
}
