package dev.regnotify.console;

import dev.regnotify.config.ConsoleConfig;

/**
 * Who asks the console's API, as the HTTP server in front of it knows them: by a bearer token on the JDK's server
 * ({@link ConsoleAccess}), by the container's authentication in a Jakarta EE server. {@link ConsoleApi} asks once per
 * request, after the query is found free of tokens and before anything else.
 *
 * @since 0.4
 */
@FunctionalInterface
public interface ConsoleCaller {

    /**
     * @return the caller's role
     * @throws ConsoleException a 401 {@code unauthorized} when the caller is not known, a 403 when the caller is known
     *         and may not use the console at all; its message says what would let them in, and never quotes a secret
     */
    ConsoleConfig.Role role();
}
