package dev.regnotify.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "library/ubuntu", "a.b/c_d/e__f/g-h/i---j", "0/1/2"})
    void repositoryNameAcceptsDistributionGrammar(String name) {
        assertEquals(name, RepositoryName.of(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Library/ubuntu", "a//b", "/a", "a/", "a-", "-a", "a..b", "a___b", "a b", "a/_x"})
    void repositoryNameRefusesOtherNamesAndQuotesThem(String name) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> RepositoryName.of(name));
        assertTrue(e.getMessage().startsWith("invalid repository name \"" + name + "\": "), e.getMessage());
        assertEquals(ErrorCode.NAME_INVALID, e.code());
    }

    @Test
    void repositoryNameRefusesMoreThan255Characters() {
        String name = "a/".repeat(127) + "ab";
        assertEquals(256, name.length());
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> RepositoryName.of(name));
        assertTrue(e.getMessage().contains("at most 255 characters, got 256"), e.getMessage());
        assertEquals(255, RepositoryName.of(name.substring(1).replaceFirst("^/", "b")).value().length());
    }

    @Test
    void repositoryNameNamesTheBadComponent() {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> RepositoryName.of("ok/Bad/ok"));
        assertTrue(e.getMessage().contains("path component \"Bad\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.2.3", "_x", "A-b_c.d", "0"})
    void tagAcceptsGrammar(String tag) {
        assertEquals(tag, Tag.of(tag).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-x", "a/b", "a:b", "with space"})
    void tagRefusesOthers(String tag) {
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> Tag.of(tag));
        assertTrue(e.getMessage().startsWith("invalid tag \"" + tag + "\""), e.getMessage());
    }

    @Test
    void tagRefusesMoreThan128Characters() {
        assertEquals(128, Tag.of("a".repeat(128)).value().length());
        assertThrows(InvalidTagException.class, () -> Tag.of("a".repeat(129)));
    }

    @Test
    void digestIsComputedFromBytesAndParsedBack() {
        Digest empty = Digest.of(new byte[0]);
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.toString());
        assertEquals(empty, Digest.parse(empty.toString()));
        assertEquals("sha512", Digest.parse("sha512:" + "ab".repeat(64)).algorithm());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha256", "sha256:", "sha256:abc", "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:zz0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha512:" + "ab"})
    void digestRefusesMalformedValuesAndQuotesThem(String value) {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.parse(value));
        assertTrue(e.getMessage().startsWith("invalid digest \"" + value + "\": "), e.getMessage());
        assertEquals(ErrorCode.DIGEST_INVALID, e.code());
    }

    @Test
    void descriptorRefusesNegativeSizeAndBadMediaType() {
        Digest digest = Digest.of(new byte[0]);
        InvalidSizeException size = assertThrows(InvalidSizeException.class,
                () -> new Descriptor("application/octet-stream", -1, digest));
        assertEquals("invalid size \"-1\": expected zero or more bytes", size.getMessage());
        InvalidMediaTypeException type = assertThrows(InvalidMediaTypeException.class,
                () -> new Descriptor("octet-stream", 0, digest));
        assertTrue(type.getMessage().startsWith("invalid media type \"octet-stream\": expected type/subtype"));
        assertThrows(InvalidMediaTypeException.class, () -> new Descriptor("", 0, digest));
        assertEquals("text/plain; charset=utf-8", new Descriptor("text/plain; charset=utf-8", 0, digest).mediaType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "application/vnd.oci.image.manifest.v1+json", "a/b",
        "text/plain; charset=utf-8", "text/plain;charset=utf-8", "application/vnd.docker.image.rootfs.diff.tar.gzip",
        "x-a!#$&^_.+-/y0"})
    void mediaTypesOfRfc6838Pass(String mediaType) {
        assertEquals(mediaType, MediaTypes.require(mediaType));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "a/", "/b", "ab", "a/b/c", "-a/b", "a/-b", "a b/c", "a/b c", "é/b",
        "a/b\n"})
    void otherMediaTypesAreRefused(String mediaType) {
        assertThrows(InvalidMediaTypeException.class, () -> MediaTypes.require(mediaType.replace("\\n", "\n")));
    }

    @Test
    void mediaTypeNamesAreAtMost127Characters() {
        assertEquals(255, MediaTypes.require("a".repeat(127) + "/" + "b".repeat(127)).length());
        assertThrows(InvalidMediaTypeException.class, () -> MediaTypes.require("a".repeat(128) + "/b"));
    }

    @Test
    void overlongValuesAreShortenedInMessages() {
        String huge = "x".repeat(10_000);
        InvalidTagException e = assertThrows(InvalidTagException.class, () -> Tag.of(huge));
        assertTrue(e.getMessage().length() < 500, "message length " + e.getMessage().length());
        assertTrue(e.getMessage().contains("(10000 chars)"), e.getMessage());
    }
}
