package dev.regnotify.subscriptions;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.GuardConfig;
import dev.regnotify.config.SigningConfig;

/**
 * A webhook endpoint that a registry's user created at runtime: an endpoint's configuration object (the keys of
 * {@code notifications.endpoints[]}) with an owner and its secrets. Immutable; {@link #toString()} shows no secret,
 * no header value and no part of the URL that may hold a token.
 *
 * @param owner who it belongs to (a project, a team: what the application's {@link OwnerPolicy} allows)
 * @param endpointJson the endpoint's configuration object as it was given
 * @param endpoint that object, read
 * @param secrets the current secret first, then a previous one still signing for a rotation's overlap
 * @param created when it was created
 * @since 0.4
 */
public record Subscription(String owner, String endpointJson, EndpointConfig endpoint,
        List<SubscriptionSecret> secrets, Instant created) {

    /** @throws IllegalArgumentException without a secret, or if the current secret expires */
    public Subscription {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(endpointJson, "endpointJson");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(created, "created");
        secrets = List.copyOf(secrets);
        if (secrets.isEmpty() || secrets.get(0).expires() != null) {
            throw new IllegalArgumentException("a subscription needs a current secret first");
        }
    }

    /** @return its name, the endpoint's */
    public String name() {
        return endpoint.name();
    }

    /** @return the secret that signs from now on */
    public SubscriptionSecret secret() {
        return secrets.get(0);
    }

    /**
     * @param now the time
     * @return the endpoint as it is delivered to: behind the guard, signed with every secret that still signs
     */
    public EndpointConfig delivered(GuardConfig guard, Instant now) {
        List<String> signing = secrets.stream().filter(s -> s.signsAt(now)).map(SubscriptionSecret::value).toList();
        return endpoint.toBuilder().guard(guard).signing(new SigningConfig(signing)).build();
    }

    /**
     * @param now the time
     * @return this subscription without the previous secrets that stopped signing by then
     */
    public Subscription withoutExpired(Instant now) {
        return new Subscription(owner, endpointJson, endpoint, secrets.stream().filter(s -> s.signsAt(now)).toList(),
                created);
    }

    /**
     * @param now the time
     * @return the earliest time a previous secret stops signing after {@code now}, or null
     */
    Instant nextExpiry(Instant now) {
        return secrets.stream().map(SubscriptionSecret::expires).filter(t -> t != null && t.isAfter(now))
                .min(Instant::compareTo).orElse(null);
    }

    /**
     * @return the document a store keeps: the endpoint's object with {@code owner}, {@code secrets} and
     *         {@code created}; it holds the secrets, so a store keeps it as it keeps passwords
     */
    public String toJson() {
        return SubscriptionJson.document(this);
    }

    /**
     * @param document what {@link #toJson()} wrote
     * @return the subscription
     * @throws SubscriptionException naming the field at fault if the document is not one
     */
    public static Subscription fromJson(String document) {
        return SubscriptionJson.fromDocument(document);
    }

    /**
     * @return what an API shows: the endpoint's object as given, with the URL's path and query and the header values
     *         redacted, its {@code owner}, {@code secret} as {@code <redacted>}, when a previous secret stops signing
     *         ({@code previoussecretexpires}) and {@code created}; plain maps, lists, strings, numbers and booleans
     */
    public java.util.Map<String, Object> view() {
        return SubscriptionJson.view(this, null);
    }

    @Override
    public String toString() {
        return "Subscription[name=" + name() + ", owner=" + owner + ", url=" + endpoint.redactedUrl() + ", secrets="
                + secrets.size() + " <redacted>, created=" + created + "]";
    }
}
