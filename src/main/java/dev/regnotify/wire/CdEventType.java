package dev.regnotify.wire;

import dev.regnotify.events.ManifestDeleted;
import dev.regnotify.events.ManifestPulled;
import dev.regnotify.events.ManifestPushed;
import dev.regnotify.events.RegistryEvent;
import dev.regnotify.registry.Digest;
import dev.regnotify.registry.Referrer;

/**
 * The CDEvents 0.5.1 artifact event a registry event is, if any: decided from the event alone, so that every endpoint
 * and every replay decides the same.
 */
enum CdEventType {

    /** A manifest pushed with a tag, that is not a signature with its value at hand. */
    PUBLISHED("dev.cdevents.artifact.published.0.3.0"),
    /** A manifest pulled, by tag or by digest. */
    DOWNLOADED("dev.cdevents.artifact.downloaded.0.2.0"),
    /** A manifest deleted. */
    DELETED("dev.cdevents.artifact.deleted.0.2.0"),
    /** A signature of a known type pushed, whose value its manifest carries: the subject is the artifact it signs. */
    SIGNED("dev.cdevents.artifact.signed.0.3.0");

    private final String id;

    CdEventType(String id) {
        this.id = id;
    }

    /** @return the CDEvents (and CloudEvents) {@code type} */
    String id() {
        return id;
    }

    /**
     * @param event a registry event
     * @return its CDEvents type, or null if it has none (blob, tag and repository events; a manifest pushed by digest
     *         that is not a signature with its value at hand)
     */
    static CdEventType of(RegistryEvent event) {
        if (event instanceof ManifestPushed pushed) {
            if (signature(pushed) != null) {
                return SIGNED;
            }
            return pushed.tag() != null ? PUBLISHED : null;
        }
        if (event instanceof ManifestPulled) {
            return DOWNLOADED;
        }
        return event instanceof ManifestDeleted ? DELETED : null;
    }

    /**
     * @param event an event of this type
     * @return the digest of the artifact its subject names: the manifest's, or for a signature the signed manifest's
     */
    Digest artifact(RegistryEvent event) {
        if (this == SIGNED) {
            return ((ManifestPushed) event).referrer().subject().digest();
        }
        if (event instanceof ManifestPushed pushed) {
            return pushed.digest();
        }
        return event instanceof ManifestPulled pulled ? pulled.digest() : ((ManifestDeleted) event).digest();
    }

    /** @return the signature's referrer if the push is a known signature whose value is at hand, else null */
    static Referrer signature(ManifestPushed pushed) {
        Referrer referrer = pushed.referrer();
        return referrer != null && referrer.isSignature() && !referrer.signature().isEmpty() ? referrer : null;
    }
}
