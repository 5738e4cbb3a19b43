package dev.regnotify.delivery;

import java.net.URI;
import java.net.URISyntaxException;

/** Keeps secrets out of logs and metrics. */
final class Redaction {

    private Redaction() {
    }

    /** @return the URL without user information (a password may be in it) */
    static String url(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(),
                    url.getFragment()).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }
}
