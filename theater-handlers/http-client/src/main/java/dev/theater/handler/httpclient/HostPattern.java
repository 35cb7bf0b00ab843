package dev.theater.handler.httpclient;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code allowed_hosts}: {@code scheme://host[:port]}. The scheme is {@code http} or {@code https};
 * the host is a name ({@code api.example.com}), a wildcard over names ({@code *.example.com}: any name ending in
 * {@code .example.com}, not {@code example.com} itself), an IPv4 address or a bracketed IPv6 address; the port is a
 * number, {@code *} for any, or absent for the scheme's default (80, 443).
 *
 * @param text    as written
 * @param scheme  {@code http} or {@code https}
 * @param host    lower case; for a wildcard, the suffix after {@code *.}
 * @param wildcard whether the host is {@code *.suffix}
 * @param address the address when the host is an IP literal
 * @param port    the port, or -1 for any
 */
record HostPattern(String text, String scheme, String host, boolean wildcard, Optional<InetAddress> address, int port) {

    private static final Pattern FORM = Pattern.compile(
            "(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<host>\\[[0-9A-Fa-f:.]+]|[^:/\\[\\]?#@]+)(?::(?<port>\\*|[0-9]{1,5}))?/?");
    private static final Pattern NAME = Pattern.compile(
            "(?:\\*\\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** Parses one entry, or says what is wrong with it. */
    static HostPattern parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not scheme://host[:port] (e.g. \"https://api.example.com\","
                    + " \"http://127.0.0.1:*\"); a path, query or user is not part of a pattern");
        }
        String scheme = m.group("scheme").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("\"" + text + "\": the scheme must be http or https, found " + scheme);
        }
        String host = m.group("host").toLowerCase(Locale.ROOT);
        Optional<InetAddress> address = Addresses.literal(host);
        boolean wildcard = host.startsWith("*.");
        if (address.isEmpty() && !NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("\"" + text + "\": '" + host + "' is neither a host name, a *.wildcard over"
                    + " names, an IPv4 address nor a bracketed IPv6 address");
        }
        int port;
        String p = m.group("port");
        if (p == null) {
            port = scheme.equals("https") ? 443 : 80;
        } else if (p.equals("*")) {
            port = -1;
        } else {
            port = Integer.parseInt(p);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("\"" + text + "\": port " + port + " is not within 1..65535");
            }
        }
        return new HostPattern(text, scheme, wildcard ? host.substring(2) : host, wildcard, address, port);
    }

    /** Whether a request to {@code scheme://host:port} (host lower case, an IP literal without brackets) matches. */
    boolean matches(String scheme, String host, int port) {
        if (!this.scheme.equals(scheme) || (this.port != -1 && this.port != port)) {
            return false;
        }
        if (address.isPresent()) {
            return Addresses.literal(host).equals(address);
        }
        if (wildcard) {
            return host.endsWith("." + this.host);
        }
        return host.equals(this.host);
    }

    /** Whether this pattern allows the address {@code a} itself, at this scheme and port (the SSRF rule). */
    boolean allowsAddress(String scheme, InetAddress a, int port) {
        return address.isPresent() && address.get().equals(a) && this.scheme.equals(scheme)
                && (this.port == -1 || this.port == port);
    }

    /** Whether every request this pattern allows is allowed by {@code parent} too (for a child's config). */
    boolean within(HostPattern parent) {
        if (!parent.scheme.equals(scheme) || (parent.port != -1 && parent.port != port)) {
            return false;
        }
        if (parent.address.isPresent() || address.isPresent()) {
            return parent.address.equals(address);
        }
        if (parent.wildcard) {
            return host.endsWith("." + parent.host) || (wildcard && host.equals(parent.host));
        }
        return !wildcard && host.equals(parent.host);
    }
}
