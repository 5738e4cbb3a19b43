package dev.regnotify.registry;

import java.util.Objects;
import java.util.Set;

/**
 * What a manifest that refers to another says about it (OCI image spec 1.1's {@code subject}, as cosign's and Notary's
 * signatures, SBOMs and attestations use it): the manifest it refers to, its own artifact type, and the signature it
 * carries when it is a signature whose value is in the manifest itself.
 *
 * @param subject the manifest this one refers to
 * @param artifactType the manifest's {@code artifactType}, or for an image manifest without one its config's media
 *                     type (the rule of the registry's referrers API); empty for an index without one
 * @param signature for cosign's signature type, the signature its layer's annotation
 *                  {@code dev.cosignproject.cosign/signature} holds; empty otherwise (Notary keeps its signature
 *                  envelope in a layer blob, which the manifest only references)
 * @since 0.4
 */
public record Referrer(Descriptor subject, String artifactType, String signature) {

    /** The artifact type of cosign's signatures in the OCI 1.1 layout. */
    public static final String COSIGN_SIGNATURE = "application/vnd.dev.cosign.artifact.sig.v1+json";
    /** The artifact type of Notary Project signatures. */
    public static final String NOTARY_SIGNATURE = "application/vnd.cncf.notary.signature";
    /** The layer annotation that holds a cosign signature, base64. */
    public static final String COSIGN_SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    /** The signature types known. */
    public static final Set<String> SIGNATURE_TYPES = Set.of(COSIGN_SIGNATURE, NOTARY_SIGNATURE);

    /** The subject is required; the artifact type and the signature may be empty, never null. */
    public Referrer {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(artifactType, "artifactType");
        Objects.requireNonNull(signature, "signature");
    }

    /** @return whether the manifest is a signature of a known type (its value may still be elsewhere) */
    public boolean isSignature() {
        return SIGNATURE_TYPES.contains(artifactType);
    }
}
