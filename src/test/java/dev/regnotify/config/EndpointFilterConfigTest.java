package dev.regnotify.config;

import static dev.regnotify.config.ConfigParserTest.assertError;
import static dev.regnotify.config.ConfigParserTest.endpoints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * An endpoint's {@code filter}, {@code guard}, {@code tls} and {@code ratelimit} blocks: read, defaulted, errors by key
 * path.
 */
class EndpointFilterConfigTest {

    @Test
    void readsTheFilterBesideIgnore() {
        EndpointConfig endpoint = RegnotifyConfig.parse(endpoints("""
                {"name": "a", "url": "http://x/", "filter": {"repositories": ["team/*", "shared/**"],
                 "tags": ["v*"], "actions": ["push"], "mediatypes": ["application/vnd.oci.image.manifest.v1+json"],
                 "kinds": ["manifest", "tag"]}, "ignore": {"actions": ["pull"]}}""")).endpoints().get(0);
        assertEquals(new FilterConfig(List.of(Glob.repository("team/*"), Glob.repository("shared/**")),
                List.of(Glob.tag("v*")), Set.of("push"), Set.of("application/vnd.oci.image.manifest.v1+json"),
                Set.of("manifest", "tag")), endpoint.filter());
        assertEquals(Set.of("pull"), endpoint.ignore().actions());
        assertEquals(FilterConfig.ALL, RegnotifyConfig.parse(endpoints("{\"name\":\"b\",\"url\":\"http://x/\"}"))
                .endpoints().get(0).filter());
    }

    @Test
    void filterErrorsNameTheirKeyPath() {
        assertError("notifications.endpoints[0].filter.repositories[1]: \"team**\" is not a glob: '**' must be a "
                + "whole path segment", endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"filter\":"
                + "{\"repositories\":[\"ok/*\",\"team**\"]}}"));
        assertError("notifications.endpoints[0].filter.tags[0]: \"v1/*\" is not a glob",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"filter\":{\"tags\":[\"v1/*\"]}}"));
        assertError("notifications.endpoints[0].filter.kinds[0]: \"image\" is not a kind (expected one of "
                + "[manifest, blob, tag, repository])",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"filter\":{\"kinds\":[\"image\"]}}"));
        assertError("notifications.endpoints[0].filter.actions[0]: \"pul\" is not an action",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"filter\":{\"actions\":[\"pul\"]}}"));
        assertError("notifications.endpoints[0].filter.repository: unknown key",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"filter\":{\"repository\":[\"a\"]}}"));
        assertError("notifications.endpoints[0].filter.tags: expected an array, got the string \"v*\"",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"filter\":{\"tags\":\"v*\"}}"));
    }

    @Test
    void aGuardBlockTurnsTheAddressGuardOnWithItsAllowedNetworks() {
        EndpointConfig guarded = RegnotifyConfig.parse(endpoints("""
                {"name": "a", "url": "http://x/", "guard": {"allownetworks": ["127.0.0.0/8", "fd00::/8"]}}"""))
                .endpoints().get(0);
        assertEquals(GuardConfig.allowing(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("fd00::/8"))),
                guarded.transport().guard());
        List<EndpointConfig> others = RegnotifyConfig.parse(endpoints("""
                {"name": "b", "url": "http://x/", "guard": {}}, {"name": "c", "url": "http://x/"}""")).endpoints();
        assertEquals(GuardConfig.allowing(List.of()), others.get(0).transport().guard());
        assertEquals(GuardConfig.OFF, others.get(1).transport().guard());
        assertError("notifications.endpoints[0].guard.allownetworks[0]: \"localhost\" is not a network",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"guard\":{\"allownetworks\":[\"localhost\"]}}"));
        assertError("notifications.endpoints[0].guard.allow: unknown key",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"guard\":{\"allow\":[]}}"));
    }

    @Test
    void aTlsBlockNamesTheFilesOfItsTrustAndClientCertificateAndNeedsBothOfAPair() {
        EndpointConfig mutual = RegnotifyConfig.parse(endpoints("""
                {"name": "a", "url": "https://x/", "tls": {"ca": "/etc/ca.pem", "certificate": "c.pem",
                 "key": "c.key"}}""")).endpoints().get(0);
        assertEquals(new TlsConfig(Path.of("/etc/ca.pem"), Path.of("c.pem"), Path.of("c.key")),
                mutual.transport().tls());
        assertTrue(mutual.toString().contains("tls=TlsConfig[ca=/etc/ca.pem"), mutual.toString());
        assertEquals(TlsConfig.DEFAULT, RegnotifyConfig.parse(endpoints("""
                {"name": "b", "url": "https://x/"}""")).endpoints().get(0).transport().tls());
        assertError("notifications.endpoints[0].tls.certificate: is required with tls.key",
                endpoints("{\"name\":\"a\",\"url\":\"https://x/\",\"tls\":{\"key\":\"c.key\"}}"));
        assertError("notifications.endpoints[0].tls.key: is required with tls.certificate",
                endpoints("{\"name\":\"a\",\"url\":\"https://x/\",\"tls\":{\"certificate\":\"c.pem\"}}"));
        assertError("notifications.endpoints[0].tls.ca: is empty",
                endpoints("{\"name\":\"a\",\"url\":\"https://x/\",\"tls\":{\"ca\":\" \"}}"));
        assertError("notifications.endpoints[0].tls.cert: unknown key",
                endpoints("{\"name\":\"a\",\"url\":\"https://x/\",\"tls\":{\"cert\":\"c.pem\"}}"));
    }

    @Test
    void readsTheRateLimitWithABurstOfOneSecondUnlessGiven() {
        List<EndpointConfig> endpoints = RegnotifyConfig.parse(endpoints("""
                {"name": "a", "url": "http://x/", "ratelimit": {"eventspersecond": 100, "burst": 10}},
                {"name": "b", "url": "http://x/", "ratelimit": {"eventspersecond": 50}},
                {"name": "c", "url": "http://x/"}""")).endpoints();
        assertEquals(new RateLimitConfig(100, 10), endpoints.get(0).rateLimit());
        assertEquals(new RateLimitConfig(50, 50), endpoints.get(1).rateLimit());
        assertEquals(RateLimitConfig.NONE, endpoints.get(2).rateLimit());
        assertError("notifications.endpoints[0].ratelimit.eventspersecond: is required",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"ratelimit\":{\"burst\":5}}"));
        assertError("notifications.endpoints[0].ratelimit.eventspersecond: 0 is out of range (expected 1 to 1000000)",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"ratelimit\":{\"eventspersecond\":0}}"));
        assertError("notifications.endpoints[0].ratelimit.burst: expected a whole number, got the string \"10\"",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"ratelimit\":{\"eventspersecond\":5,"
                        + "\"burst\":\"10\"}}"));
        assertError("notifications.endpoints[0].ratelimit.rate: unknown key",
                endpoints("{\"name\":\"a\",\"url\":\"http://x/\",\"ratelimit\":{\"rate\":5}}"));
    }
}
