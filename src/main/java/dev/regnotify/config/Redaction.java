package dev.regnotify.config;

import java.net.URI;

/**
 * Keeps the secrets a URL may carry out of logs, metrics and messages: its user information ({@code user:password@})
 * goes, and every query value ({@code ?token=...}) is replaced by {@code <redacted>}; the parameter names stay, so
 * that an operator can still tell endpoints apart.
 *
 * @since 0.1
 */
public final class Redaction {

    private static final String REDACTED = "<redacted>";

    private Redaction() {
    }

    /**
     * @param url a URL
     * @return it without user information, and with every query value redacted
     */
    public static String url(URI url) {
        StringBuilder out = new StringBuilder();
        out.append(url.getScheme()).append("://").append(url.getRawAuthority() == null ? "" : hostAndPort(url));
        out.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            out.append('?');
            String[] parameters = url.getRawQuery().split("&", -1);
            for (int i = 0; i < parameters.length; i++) {
                int equals = parameters[i].indexOf('=');
                out.append(i > 0 ? "&" : "").append(equals < 0 ? parameters[i]
                        : parameters[i].substring(0, equals + 1) + REDACTED);
            }
        }
        return out.toString();
    }

    private static String hostAndPort(URI url) {
        String authority = url.getRawAuthority();
        return authority.substring(authority.lastIndexOf('@') + 1);
    }
}
