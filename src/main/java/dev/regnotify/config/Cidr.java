package dev.regnotify.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A network written in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); an address alone is a network of one.
 * Only addresses are read, never names: parsing one never looks anything up.
 *
 * @param text the network as written
 * @param prefix its first address, 4 or 16 bytes (an IPv4-mapped IPv6 network is read as its IPv4 network)
 * @param bits how many leading bits of an address must equal the prefix's
 * @since 0.4
 */
public record Cidr(String text, byte[] prefix, int bits) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Copies the prefix; bits must fit it. */
    public Cidr {
        prefix = prefix.clone();
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("\"" + text + "\" is not a network: a prefix length of " + bits
                    + " does not fit an address of " + prefix.length * 8 + " bits");
        }
    }

    /**
     * @param text {@code address/bits} or an address
     * @return the network
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a network: expected an address and a prefix "
                    + "length, such as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a network: " + address
                    + " is not an address", e);
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not a network: the prefix length is not a "
                        + "number", e);
            }
            // ::ffff:10.0.0.0/104 is read as IPv4 by the JDK: its length counts from the IPv4 part
            if (bytes.length == 4 && address.contains(":")) {
                bits -= 96;
            }
        }
        return new Cidr(text, bytes, bits);
    }

    /**
     * @param address 4 or 16 bytes
     * @return whether the address is in this network (an address of the other family never is)
     */
    public boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (prefix[whole] & mask);
    }

    /** @return a copy of the network's first address */
    @Override
    public byte[] prefix() {
        return prefix.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.bits == bits && Arrays.equals(cidr.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + bits;
    }

    @Override
    public String toString() {
        return text;
    }
}
