package dev.regnotify.webhooks;

/**
 * A request's webhook signature is missing, stale, or does not match: the request is not genuine.
 *
 * @since 0.1
 */
public class WebhookVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
