package dev.regnotify.config;

/**
 * The shape of the notifications an endpoint receives: its {@code format} key.
 *
 * @since 0.1
 */
public enum Format {
    /** distribution 2.x: {@code application/vnd.docker.distribution.events.v1+json}; the default. */
    V1("v1", "application/vnd.docker.distribution.events.v1+json"),
    /** distribution 3.x, where targets always carry mediaType, digest and size: {@code ...events.v2+json}. */
    V2("v2", "application/vnd.docker.distribution.events.v2+json"),
    /** CloudEvents 1.0, structured mode: one event per request, its {@code data} the distribution event. */
    CLOUDEVENTS("cloudevents", "application/cloudevents+json"),
    /** CloudEvents 1.0, batch mode: a JSON array of events per request. */
    CLOUDEVENTS_BATCH("cloudevents-batch", "application/cloudevents-batch+json"),
    /**
     * CDEvents 0.5.1 in CloudEvents 1.0, structured mode: one event per request, its {@code data} a CDEvent; events
     * without a CDEvents type are not sent.
     *
     * @since 0.4
     */
    CDEVENTS("cdevents", "application/cloudevents+json"),
    /**
     * CDEvents 0.5.1 in CloudEvents 1.0, batch mode: a JSON array of events per request.
     *
     * @since 0.4
     */
    CDEVENTS_BATCH("cdevents-batch", "application/cloudevents-batch+json");

    private final String key;
    private final String contentType;

    Format(String key, String contentType) {
        this.key = key;
        this.contentType = contentType;
    }

    /** @return the value of the {@code format} key, such as {@code v1} or {@code cloudevents-batch} */
    public String key() {
        return key;
    }

    /** @return the content type of the envelopes sent */
    public String contentType() {
        return contentType;
    }
}
