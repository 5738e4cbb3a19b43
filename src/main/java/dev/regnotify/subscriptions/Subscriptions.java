package dev.regnotify.subscriptions;

import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.SubscriptionsConfig;
import dev.regnotify.delivery.DeliveryListener;
import dev.regnotify.delivery.events.EndpointDisabled;

/**
 * Webhooks that a registry's users own, created, changed and deleted at runtime: each is an endpoint like the
 * configured ones, with an owner and a secret of its own. A change is checked first (each refusal a
 * {@link SubscriptionException} naming the field, and nothing kept), then kept in the {@link SubscriptionStore}, then
 * applied to the running endpoints before the method returns.
 *
 * <pre>{@code
 * IssuedSecret issued = subscriptions.create("""
 *         {"name": "team-a-ci", "owner": "team-a", "url": "https://ci.example.com/hook",
 *          "filter": {"repositories": ["team-a/**"], "actions": ["push"]}}""");
 * String secret = issued.secret(); // shown this once
 * }</pre>
 *
 * <p>Changes hold this object's lock; reads ({@link #get}, {@link #list}) do not. Started in two steps: built from
 * its store (so that the endpoints kept from an earlier run start with the configured ones), then
 * {@link #attach attached} to where endpoints run.
 *
 * @since 0.4
 */
public final class Subscriptions implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.subscriptions");

    private final SubscriptionStore store;
    private final SubscriptionsConfig settings;
    private final SubscriptionRules rules;
    private final SubscriptionListener listener;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Subscription> running = new ConcurrentHashMap<>();
    private SubscriptionEndpoints endpoints;
    private SecretExpiry expiry;
    private boolean closed; // guarded by this

    /**
     * Reads the subscriptions the store keeps.
     *
     * @param store where subscriptions are kept
     * @param settings the guard's networks and the most subscriptions ({@code notifications.subscriptions})
     * @param owners which owners are allowed
     * @param urls how a URL is checked when it is given
     * @param listener told of subscriptions created, deleted and disabled
     * @param clock the time, for creation times and secrets' overlaps
     * @throws SubscriptionStoreException if the store cannot be read
     */
    public Subscriptions(SubscriptionStore store, SubscriptionsConfig settings, OwnerPolicy owners, UrlCheck urls,
            SubscriptionListener listener, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.rules = new SubscriptionRules(owners, urls);
        this.listener = listener;
        this.clock = clock;
        Instant now = clock.instant();
        for (Subscription kept : store.load()) {
            running.put(kept.name(), kept.withoutExpired(now));
        }
    }

    /**
     * @param store where subscriptions are kept
     * @param settings the guard's networks and the most subscriptions
     * @param listener told of subscriptions created, deleted and disabled
     * @return subscriptions owned by any non-blank owner, their URLs looked up with the system's resolver
     */
    public static Subscriptions of(SubscriptionStore store, SubscriptionsConfig settings,
            SubscriptionListener listener) {
        return new Subscriptions(store, settings, OwnerPolicy.ANY_NON_BLANK, UrlCheck.guarded(settings.guard()),
                listener, Clock.systemUTC());
    }

    /** @return the endpoints of the subscriptions kept, to start beside the configured ones */
    public List<EndpointConfig> endpointsAtStart() {
        Instant now = clock.instant();
        return sorted(null).stream().map(s -> s.delivered(settings.guard(), now)).toList();
    }

    /**
     * @return a listener for the endpoints' delivery events that tells this one's listener when a subscription's
     *         endpoint is disabled ({@link SubscriptionDisabled})
     */
    public DeliveryListener deliveryListener() {
        return event -> {
            if (event instanceof EndpointDisabled disabled) {
                Subscription subscription = running.get(disabled.endpoint());
                if (subscription != null) {
                    tell(new SubscriptionDisabled(subscription.name(), subscription.owner(), disabled.reason(),
                            disabled.time()));
                }
            }
        };
    }

    /**
     * Starts taking changes, and lets previous secrets stop signing once their overlap ends.
     *
     * @param where where the subscriptions' endpoints run (the endpoints kept were started there already)
     * @param threads where the one thread that ends overlaps (and reloads a shared store) comes from, once a
     *                rotation or a reload needs it
     */
    public synchronized void attach(SubscriptionEndpoints where, ThreadFactory threads) {
        this.endpoints = where;
        this.expiry = new SecretExpiry(threads, this::expireSecrets);
        if (running.values().stream().anyMatch(s -> s.secrets().size() > 1)) {
            expiry.expiring();
        }
    }

    /**
     * Creates a subscription and starts its endpoint: it gets the events produced from now on.
     *
     * @param json an endpoint's configuration object with {@code owner}, and {@code secret} if the caller chooses it
     * @return the subscription and its secret (generated unless given), which nothing shows again
     * @throws SubscriptionException naming the field at fault; nothing was kept
     */
    public IssuedSecret create(String json) {
        Subscription created;
        String secret;
        synchronized (this) {
            requireAttached();
            SubscriptionJson.Draft draft = SubscriptionJson.request(json, null);
            rules.check(draft);
            String name = draft.endpoint().name();
            if (running.containsKey(name) || endpoints.configured(name)) {
                throw new SubscriptionException(SubscriptionException.Kind.DUPLICATE, "name", "\"" + name
                        + "\" is the name of " + (running.containsKey(name) ? "a subscription" : "a configured "
                        + "endpoint") + " already");
            }
            if (running.size() >= settings.max()) {
                throw new SubscriptionException(SubscriptionException.Kind.TOO_MANY, "notifications.subscriptions.max",
                        "there are " + running.size() + " subscriptions, the most this registry allows");
            }
            secret = draft.secret() != null ? draft.secret() : SubscriptionSecret.generate(random);
            Instant now = clock.instant();
            created = new Subscription(draft.owner(), draft.endpointJson(), draft.endpoint(),
                    List.of(new SubscriptionSecret(secret, null)), now);
            AppliedChange.keep(() -> store.put(created));
            AppliedChange.apply(created, () -> endpoints.start(created.delivered(settings.guard(), now)),
                    () -> store.remove(created.name()));
            running.put(created.name(), created);
        }
        LOG.log(Level.INFO, "RN-701 subscription {0} of {1} created: {2}", created.name(), created.owner(),
                created.endpoint().redactedUrl());
        tell(new SubscriptionCreated(created.name(), created.owner(), created.endpoint().redactedUrl(),
                created.created()));
        return new IssuedSecret(created, secret);
    }

    /**
     * Replaces a subscription's endpoint configuration and owner; its secrets stay. Its endpoint restarts with it,
     * from where it stopped.
     *
     * @param name the subscription's name
     * @param json its new endpoint object with {@code owner} (a {@code name} in it must be this one)
     * @return the subscription as it is now
     * @throws SubscriptionException naming the field at fault, or {@code unknown-subscription}; nothing was changed
     */
    public synchronized Subscription update(String name, String json) {
        requireAttached();
        Subscription old = existing(name);
        SubscriptionJson.Draft draft = SubscriptionJson.request(json, name);
        if (draft.secret() != null) {
            throw new SubscriptionException(SubscriptionException.Kind.INVALID, "secret", "is not changed by an "
                    + "update: rotate it (POST /console/api/subscriptions/" + name + "/rotate)");
        }
        rules.check(draft);
        Subscription updated = new Subscription(draft.owner(), draft.endpointJson(), draft.endpoint(), old.secrets(),
                old.created());
        replace(old, updated);
        LOG.log(Level.INFO, "RN-703 subscription {0} of {1} updated: {2}", name, updated.owner(),
                updated.endpoint().redactedUrl());
        return updated;
    }

    /**
     * Deletes a subscription: its endpoint stops at once, and what it had queued, its position in the journal and its
     * dead letters are deleted.
     *
     * @param name the subscription's name
     * @return the subscription deleted
     * @throws SubscriptionException {@code unknown-subscription}, or if the store could not keep the deletion
     */
    public Subscription delete(String name) {
        Subscription deleted;
        synchronized (this) {
            requireAttached();
            deleted = existing(name);
            AppliedChange.keep(() -> store.remove(name));
            running.remove(name);
            try {
                endpoints.stop(name);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RN-708 subscription " + name + " is deleted, but what its endpoint kept "
                        + "could not all be removed", e);
            }
        }
        LOG.log(Level.INFO, "RN-702 subscription {0} of {1} deleted", name, deleted.owner());
        tell(new SubscriptionDeleted(name, deleted.owner(), clock.instant()));
        return deleted;
    }

    /**
     * Gives a subscription a new secret; the previous one goes on signing beside it for the overlap, so that its
     * receiver can move to the new one without refusing a webhook.
     *
     * @param name the subscription's name
     * @param overlap how long the previous secret still signs (zero: not at all)
     * @return the subscription and its new secret, which nothing shows again
     * @throws SubscriptionException naming {@code overlap} if negative, or {@code unknown-subscription}
     */
    public synchronized IssuedSecret rotate(String name, Duration overlap) {
        requireAttached();
        if (overlap.isNegative()) {
            throw new SubscriptionException(SubscriptionException.Kind.INVALID, "overlap", "must not be negative");
        }
        Subscription old = existing(name);
        Instant now = clock.instant();
        String secret = SubscriptionSecret.generate(random);
        List<SubscriptionSecret> secrets = new ArrayList<>();
        secrets.add(new SubscriptionSecret(secret, null));
        for (SubscriptionSecret previous : old.secrets()) {
            SubscriptionSecret ending = previous.expires() == null ? new SubscriptionSecret(previous.value(),
                    now.plus(overlap)) : previous;
            if (ending.signsAt(now)) {
                secrets.add(ending);
            }
        }
        Subscription rotated = new Subscription(old.owner(), old.endpointJson(), old.endpoint(), secrets,
                old.created());
        replace(old, rotated);
        if (rotated.secrets().size() > 1) {
            expiry.expiring();
        }
        LOG.log(Level.INFO, "RN-704 subscription {0}: secret rotated, the previous one signs until {1}", name,
                now.plus(overlap));
        return new IssuedSecret(rotated, secret);
    }

    /**
     * @param name a subscription's name
     * @return the subscription, if there is one of that name
     */
    public Optional<Subscription> get(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /**
     * @param owner an owner, or null for every subscription
     * @return the owner's subscriptions, oldest first
     */
    public List<Subscription> list(String owner) {
        return sorted(owner);
    }

    /** Lets previous secrets whose overlap ended stop signing: their endpoints restart with the others only. */
    synchronized void expireSecrets() {
        if (closed) {
            return; // a pass that waited for the lock while the close had it
        }
        Instant now = clock.instant();
        for (Subscription subscription : List.copyOf(running.values())) {
            if (subscription.secrets().stream().anyMatch(s -> !s.signsAt(now))) {
                replace(subscription, subscription.withoutExpired(now));
                LOG.log(Level.INFO, "RN-705 subscription {0}: the previous secret stopped signing",
                        subscription.name());
            }
        }
    }

    /**
     * Reads the store again every {@code interval} and applies what other instances sharing it changed (subscriptions
     * created, changed or deleted there): for a store shared by several registry instances, such as a database.
     *
     * @param interval how often; a change made elsewhere applies here within about that long
     */
    public synchronized void reloadEvery(Duration interval) {
        requireAttached();
        expiry.reloading(interval, this::reload);
    }

    /**
     * Applies what the store holds: starts the subscriptions this instance does not run, stops those it no longer
     * holds, restarts those that changed. Observers are told nothing: the instance that made a change told its own.
     */
    public synchronized void reload() {
        requireAttached();
        if (closed) {
            return; // a pass that waited for the lock while the close had it
        }
        Instant now = clock.instant();
        Map<String, Subscription> kept = new java.util.LinkedHashMap<>();
        store.load().forEach(s -> kept.put(s.name(), s));
        for (Subscription gone : List.copyOf(running.values())) {
            if (!kept.containsKey(gone.name())) {
                running.remove(gone.name());
                endpoints.stop(gone.name());
                LOG.log(Level.INFO, "RN-710 subscription {0} deleted by another instance", gone.name());
            }
        }
        for (Subscription next : kept.values()) {
            // one that cannot run here (a name an endpoint configured on this instance has) holds back no other;
            // it is tried again at the next reload
            try {
                apply(running.get(next.name()), next, now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RN-711 subscription " + next.name() + ", changed by another instance, cannot "
                        + "run here; tried again at the next reload", e);
            }
        }
    }

    private void apply(Subscription old, Subscription next, Instant now) {
        if (old == null) {
            endpoints.start(next.delivered(settings.guard(), now));
            LOG.log(Level.INFO, "RN-710 subscription {0} created by another instance", next.name());
        } else if (!old.toJson().equals(next.toJson())) {
            endpoints.restart(next.delivered(settings.guard(), now));
            LOG.log(Level.INFO, "RN-710 subscription {0} changed by another instance", next.name());
        }
        running.put(next.name(), next);
        if (next.secrets().size() > 1) {
            expiry.expiring();
        }
    }

    /**
     * Stops ending overlaps and reloading; the endpoints are closed with the others. A pass of the overlaps' thread
     * that waits for this lock meanwhile is not waited for: it finds the subscriptions closed and changes nothing.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (expiry != null) {
            expiry.close();
        }
    }

    private void replace(Subscription old, Subscription next) {
        Instant now = clock.instant();
        AppliedChange.keep(() -> store.put(next));
        AppliedChange.apply(next, () -> endpoints.restart(next.delivered(settings.guard(), now)), () -> {
            store.put(old);
            endpoints.restart(old.delivered(settings.guard(), now));
        });
        running.put(next.name(), next);
    }

    private List<Subscription> sorted(String owner) {
        return running.values().stream().filter(s -> owner == null || s.owner().equals(owner))
                .sorted(Comparator.comparing(Subscription::created).thenComparing(Subscription::name)).toList();
    }

    private Subscription existing(String name) {
        Subscription found = running.get(name);
        if (found == null) {
            throw new SubscriptionException(SubscriptionException.Kind.UNKNOWN, "name", "no subscription is named \""
                    + (name.length() <= 100 ? name : name.substring(0, 100) + "...") + "\"");
        }
        return found;
    }

    private void requireAttached() {
        if (endpoints == null) {
            throw new IllegalStateException("the subscriptions are not attached to running endpoints yet");
        }
    }


    private void tell(SubscriptionEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "RN-707 a listener of " + event.getClass().getSimpleName() + " of subscription "
                    + event.name() + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "Subscriptions[" + running.size() + " in " + store + "]";
    }
}
