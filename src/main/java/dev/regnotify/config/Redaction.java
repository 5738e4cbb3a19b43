package dev.regnotify.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the secrets a URL may carry out of logs, metrics, messages and {@code toString}: a URL is shown as its scheme,
 * host and port only. A path other than {@code /} shows as {@code /<redacted>}, a query as {@code ?<redacted>}, and
 * user information ({@code user:password@}) and a fragment not at all. Webhook services put the secret in the path
 * (Slack's {@code /services/T.../B.../...}, Discord's {@code /api/webhooks/<id>/<token>}, webhook.site's
 * {@code /<uuid>}, a first segment already) or in the query ({@code ?token=...}, or a bare {@code ?TOKEN}), so no part
 * of either is shown; an endpoint's name is what tells endpoints apart. The host is shown: it is what an operator
 * needs to find the receiver, and every connection error names it.
 *
 * @since 0.1
 */
public final class Redaction {

    /** What stands for a hidden part. */
    public static final String REDACTED = "<redacted>";

    // scheme://host[:port][/path] in a text that is not one URL, such as Artemis's list (tcp://a:1,tcp://b:2)
    private static final Pattern ADDRESS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#,()]*)(/[^?#,()]*)?");

    private Redaction() {
    }

    /**
     * @param url a URL
     * @return its scheme, host and port, with {@code /<redacted>} for a path other than {@code /} and
     *         {@code ?<redacted>} for a query
     */
    public static String url(URI url) {
        if (url.getHost() == null) {
            return url(url.toString());
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + path(url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + REDACTED);
    }

    /**
     * @param url a URL as written, or several as Artemis writes them ({@code (tcp://a:1,tcp://b:2)?ha=true})
     * @return each address as {@link #url(URI)} shows it, the query as {@code ?<redacted>}; {@code <redacted>} alone
     *         where nothing tells what could be shown: no {@code scheme://}, or an {@code @} in a text that is not
     *         one URL (where its user information ends is not known)
     */
    public static String url(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null) {
                return url(uri);
            }
        } catch (URISyntaxException e) {
            // not one URL: perhaps several, shown below
        }
        int queryOrFragment = firstOf(url, '?', '#');
        String addresses = url.substring(0, queryOrFragment);
        Matcher address = ADDRESS.matcher(addresses);
        StringBuilder out = new StringBuilder();
        boolean found = false;
        while (address.find()) {
            found = true;
            address.appendReplacement(out, Matcher.quoteReplacement(address.group(1) + address.group(2)
                    + path(address.group(3))));
        }
        address.appendTail(out);
        if (!found || url.indexOf('@') >= 0) {
            out.setLength(0);
            out.append(addresses.isEmpty() ? "" : REDACTED);
        }
        if (queryOrFragment < url.length() && url.charAt(queryOrFragment) == '?') {
            out.append('?').append(REDACTED);
        }
        return out.toString();
    }

    private static String path(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return path == null ? "" : path;
        }
        return "/" + REDACTED;
    }

    private static int firstOf(String text, char one, char other) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == one || text.charAt(i) == other) {
                return i;
            }
        }
        return text.length();
    }
}
