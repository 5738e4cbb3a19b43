package dev.regnotify.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.regnotify.testing.Images;

/** What a manifest says about the manifest it refers to: OCI 1.1's subject, artifact type, a cosign signature. */
class ManifestReferrerTest {

    private static final Descriptor IMAGE = Images.describe(MediaTypes.OCI_MANIFEST, Images.bytes("the image"));
    private static final Descriptor EMPTY = Images.describe("application/vnd.oci.empty.v1+json", Images.bytes("{}"));
    private static final Descriptor PAYLOAD = Images.describe("application/vnd.dev.cosign.simplesigning.v1+json",
            Images.bytes("{\"critical\":{}}"));

    @Test
    void aCosignSignatureCarriesItsSubjectAndTheSignatureOfItsLayer() {
        Manifest signature = Images.referrer(IMAGE, Referrer.COSIGN_SIGNATURE, EMPTY, PAYLOAD,
                "{\"dev.cosignproject.cosign/signature\":\"MEUCIQDsig==\"}");
        Referrer referrer = signature.referrer().orElseThrow();
        assertEquals(IMAGE, referrer.subject());
        assertEquals(Referrer.COSIGN_SIGNATURE, referrer.artifactType());
        assertEquals("MEUCIQDsig==", referrer.signature());
        assertTrue(referrer.isSignature());
    }

    @Test
    void aNotarySignatureWithoutArtifactTypeIsTypedByItsConfigAndKeepsItsEnvelopeInABlob() {
        Descriptor config = Images.describe(Referrer.NOTARY_SIGNATURE, Images.bytes("{}"));
        Descriptor envelope = Images.describe("application/jose+json", Images.bytes("{\"payload\":\"...\"}"));
        Referrer referrer = Images.referrer(IMAGE, null, config, envelope, null).referrer().orElseThrow();
        assertEquals(Referrer.NOTARY_SIGNATURE, referrer.artifactType(), "the referrers API's rule");
        assertTrue(referrer.isSignature());
        assertEquals("", referrer.signature(), "the signature is in the envelope blob, not in the manifest");
    }

    @Test
    void aCosignTypedManifestWithoutTheAnnotationHasNoSignature() {
        Referrer referrer = Images.referrer(IMAGE, Referrer.COSIGN_SIGNATURE, EMPTY, PAYLOAD, "{\"other\":\"x\"}")
                .referrer().orElseThrow();
        assertEquals("", referrer.signature());
    }

    @Test
    void anSbomReferrerIsNoSignature() {
        Referrer referrer = Images.referrer(IMAGE, "application/spdx+json", EMPTY, PAYLOAD, null).referrer()
                .orElseThrow();
        assertFalse(referrer.isSignature());
        assertEquals("application/spdx+json", referrer.artifactType());
    }

    @Test
    void aManifestWithoutSubjectRefersToNone() {
        assertEquals(Optional.empty(), Images.ociManifest(EMPTY, PAYLOAD).referrer());
    }

    @Test
    void aSubjectThatIsNoDescriptorIsRefusedByName() {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                + Images.descriptorJson(EMPTY) + ",\"layers\":[],\"subject\":{\"mediaType\":\""
                + MediaTypes.OCI_MANIFEST + "\",\"size\":\"12\",\"digest\":\"" + IMAGE.digest() + "\"}}";
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> Manifest.of(MediaTypes.OCI_MANIFEST, Images.bytes(json)));
        assertTrue(e.getMessage().contains("field subject.size must be an integer"), e.getMessage());
        String notAString = json.replace("\"layers\":[]", "\"artifactType\":7,\"layers\":[]")
                .replace("\"size\":\"12\"", "\"size\":12");
        e = assertThrows(InvalidManifestException.class,
                () -> Manifest.of(MediaTypes.OCI_MANIFEST, Images.bytes(notAString)));
        assertTrue(e.getMessage().contains("field artifactType must be a string"), e.getMessage());
    }
}
