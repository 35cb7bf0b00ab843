package dev.theater.handler.httpclient;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP literals and the address ranges a request may reach only when the address itself is allowed. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile("(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

    private Addresses() {
    }

    /**
     * The address a host names when it is an IP literal (dotted IPv4, or IPv6 with or without brackets), parsed
     * without any lookup; empty for a name.
     */
    static Optional<InetAddress> literal(String host) {
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return Optional.empty();
        }
        try {
            // a literal: getByName parses it and never asks DNS
            return Optional.of(InetAddress.getByName(host.startsWith("[") ? host : host.contains(":") ? "[" + host + "]" : host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * What makes {@code a} an address that an allowed name may not resolve to, or empty for an ordinary public
     * address: loopback, any-local, private (IPv4 site-local, IPv6 unique-local fc00::/7), link-local, multicast,
     * carrier-grade NAT (100.64.0.0/10), 0.0.0.0/8, reserved and broadcast (240.0.0.0/4); an IPv4-mapped or
     * IPv4-compatible IPv6 address and a 6to4 or NAT64 address count as the IPv4 address inside them.
     */
    static Optional<String> special(InetAddress a) {
        if (a instanceof Inet6Address v6 && !a.isLoopbackAddress() && !a.isAnyLocalAddress()) {
            byte[] b = v6.getAddress();
            Optional<InetAddress> inner = embeddedIpv4(b);
            if (inner.isPresent()) {
                return special(inner.get()).map(kind -> kind + " (inside the IPv6 address)");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique-local fc00::/7) address");
            }
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (a.isAnyLocalAddress()) {
            return Optional.of("an any-local address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (a.isSiteLocalAddress()) {
            return Optional.of("a private (site-local) address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            int first = b[0] & 0xff;
            if (first == 0) {
                return Optional.of("a 'this network' (0.0.0.0/8) address");
            }
            if (first == 100 && (b[1] & 0xc0) == 64) {
                return Optional.of("a carrier-grade NAT (100.64.0.0/10) address");
            }
            if (first >= 240) {
                return Optional.of("a reserved or broadcast (240.0.0.0/4) address");
            }
        } else {
            byte[] b = a.getAddress();
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("a private (site-local fec0::/10) address");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible (::a.b.c.d), 6to4 or NAT64 address. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        byte[] v4 = null;
        if (zeros80 && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0 && !allZero(b, 12)))) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) { // 6to4 2002:AABB:CCDD::/48
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        } else if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) { // NAT64 64:ff9b::/96
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean allZero(byte[] b, int from) {
        return allZero(b, from, b.length);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The address as written in a URI host: IPv6 in brackets. */
    static String text(InetAddress a) {
        String s = a.getHostAddress();
        return a instanceof Inet6Address ? "[" + s + "]" : s;
    }
}
