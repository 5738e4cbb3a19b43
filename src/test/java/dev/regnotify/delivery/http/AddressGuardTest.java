package dev.regnotify.delivery.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.regnotify.config.Cidr;

class AddressGuardTest {

    private static final AddressGuard GUARD = AddressGuard.allowing(List.of());

    @Test
    void eachRefusedRangeSaysItsRuleAtBothEnds() throws Exception {
        assertRefused("0.0.0.0", "0.0.0.0 is unspecified (0.0.0.0/8: this host)");
        assertRefused("0.255.255.255", "0.255.255.255 is unspecified (0.0.0.0/8: this host)");
        assertRefused("127.0.0.1", "127.0.0.1 is loopback");
        assertRefused("127.255.255.255", "127.255.255.255 is loopback");
        assertRefused("10.0.0.0", "10.0.0.0 is private (RFC 1918)");
        assertRefused("10.255.255.255", "10.255.255.255 is private (RFC 1918)");
        assertRefused("172.16.0.0", "172.16.0.0 is private (RFC 1918)");
        assertRefused("172.31.255.255", "172.31.255.255 is private (RFC 1918)");
        assertRefused("192.168.0.1", "192.168.0.1 is private (RFC 1918)");
        assertRefused("192.168.255.255", "192.168.255.255 is private (RFC 1918)");
        assertRefused("100.64.0.0", "100.64.0.0 is shared address space (CGNAT, RFC 6598)");
        assertRefused("100.127.255.255", "100.127.255.255 is shared address space (CGNAT, RFC 6598)");
        assertRefused("169.254.0.1", "169.254.0.1 is link-local");
        assertRefused("169.254.169.254", "169.254.169.254 is link-local (cloud metadata)");
        assertRefused("224.0.0.1", "224.0.0.1 is multicast");
        assertRefused("239.255.255.255", "239.255.255.255 is multicast");
        assertRefused("240.0.0.1", "240.0.0.1 is reserved (240.0.0.0/4, broadcast)");
        assertRefused("255.255.255.255", "255.255.255.255 is reserved (240.0.0.0/4, broadcast)");
        assertRefused("::", "0:0:0:0:0:0:0:0 is unspecified");
        assertRefused("::1", "0:0:0:0:0:0:0:1 is loopback");
        assertRefused("fc00::1", "fc00:0:0:0:0:0:0:1 is private (unique local, fc00::/7)");
        assertRefused("fdff:ffff::1", "fdff:ffff:0:0:0:0:0:1 is private (unique local, fc00::/7)");
        assertRefused("fd00:ec2::254", "fd00:ec2:0:0:0:0:0:254 is private (unique local, fc00::/7) (cloud metadata)");
        assertRefused("fec0::1", "fec0:0:0:0:0:0:0:1 is private (site-local, fec0::/10)");
        assertRefused("fe80::1", "fe80:0:0:0:0:0:0:1 is link-local");
        assertRefused("febf:ffff::1", "febf:ffff:0:0:0:0:0:1 is link-local");
        assertRefused("ff02::1", "ff02:0:0:0:0:0:0:1 is multicast");
    }

    @Test
    void theAddressesJustOutsideEachRangeArePublic() throws Exception {
        for (String open : List.of("1.0.0.0", "9.255.255.255", "11.0.0.0", "126.255.255.255", "128.0.0.0",
                "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0", "100.63.255.255", "100.128.0.0",
                "169.253.255.255", "169.255.0.0", "223.255.255.255", "8.8.8.8", "2001:db8::1", "2606:4700::1111",
                "fbff:ffff::1", "fe00::1", "fec0::".replace("fec0", "fe7f"))) {
            assertEquals(Optional.empty(), GUARD.refusal(InetAddress.getByName(open)), open);
        }
    }

    @Test
    void anIpv4AddressInsideIpv6IsJudgedAsIpv4() throws Exception {
        // the JDK reads a mapped address as IPv4 when parsing, but a resolver may hand back an Inet6Address
        Inet6Address mapped = Inet6Address.getByAddress(null, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
                (byte) 0xff, 127, 0, 0, 1}, -1);
        assertEquals(Optional.of("0:0:0:0:0:ffff:7f00:1 is an IPv4 address inside IPv6 that is loopback"),
                GUARD.refusal(mapped));
        assertRefused("::ffff:127.0.0.1", "127.0.0.1 is loopback");
        assertRefused("::ffff:169.254.169.254", "169.254.169.254 is link-local (cloud metadata)");
        assertRefused("::10.0.0.1", "0:0:0:0:0:0:a00:1 is an IPv4 address inside IPv6 that is private (RFC 1918)");
        assertRefused("64:ff9b::192.168.1.1",
                "64:ff9b:0:0:0:0:c0a8:101 is an IPv4 address inside IPv6 that is private (RFC 1918)");
        assertEquals(Optional.empty(), GUARD.refusal(InetAddress.getByName("64:ff9b::8.8.8.8")));
        assertEquals(Optional.empty(), GUARD.refusal(InetAddress.getByName("::ffff:8.8.8.8")));
    }

    @Test
    void anAllowedNetworkIsReachedAndOnlyIt() throws Exception {
        AddressGuard tests = AddressGuard.allowing(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.1.2.0/24")));
        assertEquals(Optional.empty(), tests.refusal(InetAddress.getByName("127.0.0.1")));
        assertEquals(Optional.empty(), tests.refusal(InetAddress.getByName("::ffff:127.0.0.2")));
        assertEquals(Optional.empty(), tests.refusal(InetAddress.getByName("10.1.2.255")));
        assertEquals(Optional.of("10.1.3.0 is private (RFC 1918)"), tests.refusal(InetAddress.getByName("10.1.3.0")));
        assertEquals(Optional.of("0:0:0:0:0:0:0:1 is loopback"), tests.refusal(InetAddress.getByName("::1")));
        assertEquals(Optional.empty(), AddressGuard.NONE.refusal(InetAddress.getByName("169.254.169.254")));
        assertFalse(AddressGuard.NONE.guards());
        assertTrue(tests.guards());
    }

    @Test
    void networksAreReadWithoutLookingAnythingUp() {
        Cidr odd = Cidr.parse("172.16.0.0/12");
        assertTrue(odd.contains(new byte[] {(byte) 172, 31, 0, 1}));
        assertFalse(odd.contains(new byte[] {(byte) 172, 32, 0, 1}));
        assertTrue(Cidr.parse("::ffff:10.0.0.0/104").contains(new byte[] {10, 9, 9, 9}));
        assertTrue(Cidr.parse("1.2.3.4").contains(new byte[] {1, 2, 3, 4}));
        assertFalse(Cidr.parse("1.2.3.4").contains(new byte[] {1, 2, 3, 5}));
        assertEquals("\"localhost/8\" is not a network: expected an address and a prefix length, such as 10.0.0.0/8 "
                + "or fd00::/8", assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/8"))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33")).getMessage()
                .contains("does not fit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/x")).getMessage()
                .contains("not a number"));
    }

    @Test
    void aUrlIsCheckedAtCreationByEveryAddressItsNameHas() throws Exception {
        URI url = URI.create("https://hooks.example.test/events");
        GUARD.checkUrl(url, host -> new InetAddress[] {InetAddress.getByName("93.184.216.34")});
        AddressGuard.RefusedAddressException refused = assertThrows(AddressGuard.RefusedAddressException.class,
                () -> GUARD.checkUrl(url, host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                        InetAddress.getByName("169.254.169.254")}));
        assertEquals("169.254.169.254 is link-local (cloud metadata)", refused.getMessage());
        assertThrows(AddressGuard.RefusedAddressException.class,
                () -> GUARD.checkUrl(URI.create("http://[::1]:8080/"), InetAddress::getAllByName));
        assertThrows(UnknownHostException.class, () -> GUARD.checkUrl(url, host -> {
            throw new UnknownHostException(host);
        }));
    }

    private static void assertRefused(String address, String says) throws Exception {
        AddressGuard.RefusedAddressException refused = assertThrows(AddressGuard.RefusedAddressException.class,
                () -> GUARD.check(InetAddress.getByName(address)), address);
        assertEquals(says, refused.getMessage());
    }
}
