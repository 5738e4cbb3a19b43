package dev.regnotify.delivery.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

import dev.regnotify.config.Cidr;

/**
 * Keeps webhooks off the networks a registry's users must not reach through it (server-side request forgery): an
 * address is refused when it is loopback, private (RFC 1918, {@code fc00::/7}, the deprecated site-local
 * {@code fec0::/10}), link-local ({@code 169.254.0.0/16} with the cloud metadata address, {@code fe80::/10}), shared
 * (CGNAT, {@code 100.64.0.0/10}), multicast, reserved ({@code 240.0.0.0/4}, broadcast) or unspecified
 * ({@code 0.0.0.0/8}, {@code ::}), unless a network it is in is allowed. An IPv4 address written inside an IPv6 one
 * (mapped {@code ::ffff:127.0.0.1}, compatible {@code ::127.0.0.1}, NAT64 {@code 64:ff9b::127.0.0.1}) is judged as the
 * IPv4 address it reaches.
 *
 * <p>A URL is checked when it is given ({@link #checkUrl(URI)}) and every address again just before a connection
 * is made to it ({@link #check(InetAddress)}): a name that resolved to a public address at first may resolve to
 * {@code 127.0.0.1} later (DNS rebinding). Immutable; safe to share.
 *
 * @since 0.4
 */
public final class AddressGuard {

    /** Allows every address: static endpoints unless configured. */
    public static final AddressGuard NONE = new AddressGuard(null);

    private static final byte[] METADATA_V4 = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};
    private static final Cidr METADATA_V6 = Cidr.parse("fd00:ec2::254/128");
    private static final List<Rule> RULES = List.of(
            new Rule("0.0.0.0/8", "unspecified (0.0.0.0/8: this host)"),
            new Rule("127.0.0.0/8", "loopback"),
            new Rule("10.0.0.0/8", "private (RFC 1918)"),
            new Rule("172.16.0.0/12", "private (RFC 1918)"),
            new Rule("192.168.0.0/16", "private (RFC 1918)"),
            new Rule("100.64.0.0/10", "shared address space (CGNAT, RFC 6598)"),
            new Rule("169.254.0.0/16", "link-local"),
            new Rule("224.0.0.0/4", "multicast"),
            new Rule("240.0.0.0/4", "reserved (240.0.0.0/4, broadcast)"),
            new Rule("::/128", "unspecified"),
            new Rule("::1/128", "loopback"),
            new Rule("fc00::/7", "private (unique local, fc00::/7)"),
            new Rule("fec0::/10", "private (site-local, fec0::/10)"),
            new Rule("fe80::/10", "link-local"),
            new Rule("ff00::/8", "multicast"));
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

    private final List<Cidr> allowed;

    private record Rule(Cidr network, String says) {
        Rule(String network, String says) {
            this(Cidr.parse(network), says);
        }
    }

    /**
     * An address the guard refused: an attempt's failure, which names the address and the rule.
     *
     * @since 0.4
     */
    public static final class RefusedAddressException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedAddressException(String message) {
            super(message);
        }
    }

    private AddressGuard(List<Cidr> allowed) {
        this.allowed = allowed == null ? null : List.copyOf(allowed);
    }

    /**
     * @param allowedNetworks networks that may be reached although a rule refuses them (a test's 127.0.0.0/8, an
     *                        internal receiver's 10.1.2.0/24)
     * @return a guard
     */
    public static AddressGuard allowing(List<Cidr> allowedNetworks) {
        return new AddressGuard(allowedNetworks);
    }

    /** @return whether this guard refuses anything */
    public boolean guards() {
        return allowed != null;
    }

    /**
     * @param address an address about to be connected to
     * @return why it is refused ({@code "169.254.169.254 is link-local (cloud metadata)"}), or empty when allowed
     */
    public Optional<String> refusal(InetAddress address) {
        if (allowed == null) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (allowed.stream().anyMatch(network -> network.contains(bytes))) {
            return Optional.empty();
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null && allowed.stream().anyMatch(network -> network.contains(embedded))) {
            return Optional.empty();
        }
        String shown = address.getHostAddress();
        Optional<String> rule = rule(bytes);
        if (rule.isEmpty() && embedded != null) {
            rule = rule(embedded).map(says -> "an IPv4 address inside IPv6 that is " + says);
        }
        return rule.map(says -> shown + " is " + says);
    }

    private static Optional<String> rule(byte[] bytes) {
        for (Rule rule : RULES) {
            if (rule.network().contains(bytes)) {
                boolean metadata = java.util.Arrays.equals(bytes, METADATA_V4) || METADATA_V6.contains(bytes);
                return Optional.of(rule.says() + (metadata ? " (cloud metadata)" : ""));
            }
        }
        return Optional.empty();
    }

    /** @return the IPv4 address an IPv6 one stands for (mapped, compatible, NAT64), or null */
    private static byte[] embeddedIpv4(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        boolean mapped = isZero(bytes, 0, 10) && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = COMPATIBLE.contains(bytes) && !isZero(bytes, 12, 16) && !isLoopback6(bytes);
        if (!mapped && !compatible && !NAT64.contains(bytes)) {
            return null;
        }
        return java.util.Arrays.copyOfRange(bytes, 12, 16);
    }

    private static boolean isLoopback6(byte[] bytes) {
        return isZero(bytes, 0, 15) && bytes[15] == 1;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param address an address about to be connected to
     * @throws RefusedAddressException naming the address and the rule that refuses it
     */
    public void check(InetAddress address) throws RefusedAddressException {
        Optional<String> refusal = refusal(address);
        if (refusal.isPresent()) {
            throw new RefusedAddressException(refusal.get());
        }
    }

    /**
     * Checks a URL when it is given (a subscription created): its host is looked up, and every address must be
     * allowed (a name may answer with any of them).
     *
     * @param url the URL a webhook would be POSTed to
     * @throws RefusedAddressException naming the first address refused and the rule
     * @throws UnknownHostException when the host has no address
     */
    public void checkUrl(URI url) throws IOException {
        checkUrl(url, InetAddress::getAllByName);
    }

    void checkUrl(URI url, HostLookup.Resolver resolver) throws IOException {
        String host = url.getHost();
        if (host == null) {
            throw new UnknownHostException("the URL has no host");
        }
        host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        for (InetAddress address : resolver.resolve(host)) {
            check(address);
        }
    }
}
