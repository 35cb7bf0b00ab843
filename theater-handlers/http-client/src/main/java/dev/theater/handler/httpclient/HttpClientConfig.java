package dev.theater.handler.httpclient;

import dev.theater.api.handler.HandlerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The http-client handler's configuration, deny by default: no {@code allowed_hosts}, no request. Any other key is
 * an error naming it and the manifest line.
 *
 * @param allowedHosts     the patterns a request's scheme, host and port must match (each redirect hop too)
 * @param allowedMethods   upper case
 * @param timeoutMs        connect plus the whole response (every redirect hop included)
 * @param maxResponseBytes the largest response body; a bigger one is an {@code err}
 * @param maxRedirects     redirects followed per request; 0 returns a redirect response as it is
 * @param redactHeaders    lower case header names whose values the chain records as their SHA-256
 * @param caFile           a PEM file of CA certificates trusted besides the system's, relative to the manifest folder
 */
record HttpClientConfig(List<HostPattern> allowedHosts, Set<String> allowedMethods, long timeoutMs, long maxResponseBytes,
                        int maxRedirects, Set<String> redactHeaders, Optional<String> caFile) {

    static final String ALLOWED_HOSTS = "allowed_hosts";
    static final String ALLOWED_METHODS = "allowed_methods";
    static final String TIMEOUT_MS = "timeout_ms";
    static final String MAX_RESPONSE_BYTES = "max_response_bytes";
    static final String MAX_REDIRECTS = "max_redirects";
    static final String REDACT_HEADERS = "redact_headers";
    static final String CA_FILE = "ca_file";

    static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final List<String> DEFAULT_REDACT = List.of("authorization", "cookie", "proxy-authorization", "set-cookie");
    static final long DEFAULT_TIMEOUT_MS = 30_000;
    static final long MOST_TIMEOUT_MS = 3_600_000;          // an hour: past it a call would outlive any deadline
    static final long DEFAULT_MAX_RESPONSE_BYTES = 10L << 20; // 10 MiB
    static final long MOST_RESPONSE_BYTES = 1L << 30;         // a Java array and a guest's memory hold 1 GiB
    static final int DEFAULT_MAX_REDIRECTS = 5;
    static final int MOST_REDIRECTS = 20;

    /** An HTTP token (RFC 9110 5.6.2), which a method and a header name are. */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    static HttpClientConfig from(HandlerConfig config) {
        config.allowOnly(Set.of(ALLOWED_HOSTS, ALLOWED_METHODS, TIMEOUT_MS, MAX_RESPONSE_BYTES, MAX_REDIRECTS,
                REDACT_HEADERS, CA_FILE));
        List<HostPattern> hosts = new ArrayList<>();
        for (String text : strings(config, ALLOWED_HOSTS, List.of())) {
            try {
                hosts.add(HostPattern.parse(text));
            } catch (IllegalArgumentException e) {
                throw config.error(ALLOWED_HOSTS, "has an entry " + e.getMessage());
            }
        }
        Set<String> methods = new LinkedHashSet<>();
        for (String m : strings(config, ALLOWED_METHODS, DEFAULT_METHODS)) {
            if (!TOKEN.matcher(m).matches()) {
                throw config.error(ALLOWED_METHODS, "has \"" + m + "\", which is not an HTTP method name");
            }
            methods.add(m.toUpperCase(Locale.ROOT));
        }
        Set<String> redact = new LinkedHashSet<>();
        for (String h : strings(config, REDACT_HEADERS, DEFAULT_REDACT)) {
            if (!TOKEN.matcher(h).matches()) {
                throw config.error(REDACT_HEADERS, "has \"" + h + "\", which is not an HTTP header name");
            }
            redact.add(h.toLowerCase(Locale.ROOT));
        }
        Optional<String> caFile = config.string(CA_FILE);
        if (caFile.isPresent() && caFile.get().isBlank()) {
            throw config.error(CA_FILE, "must name a PEM file, found an empty string");
        }
        return new HttpClientConfig(List.copyOf(hosts), Set.copyOf(methods),
                range(config, TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 1, MOST_TIMEOUT_MS),
                range(config, MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES, 0, MOST_RESPONSE_BYTES),
                (int) range(config, MAX_REDIRECTS, DEFAULT_MAX_REDIRECTS, 0, MOST_REDIRECTS),
                Set.copyOf(redact), caFile);
    }

    /** The CA file's path, resolved against the manifest folder. */
    Optional<Path> caPath(Path manifestDirectory) {
        return caFile.map(f -> manifestDirectory.resolve(f).toAbsolutePath().normalize());
    }

    private static long range(HandlerConfig config, String key, long defaultValue, long least, long most) {
        long value = config.integer(key).orElse(defaultValue);
        if (value < least || value > most) {
            throw config.error(key, "must be within " + least + ".." + most + ", found " + value);
        }
        return value;
    }

    private static List<String> strings(HandlerConfig config, String key, List<String> defaultValue) {
        Object value = config.values().get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof List<?> list)) {
            throw config.error(key, "must be a list of strings, e.g. [\"https://api.example.com\"], found "
                    + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + " " + value);
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw config.error(key, "must be a list of strings, found the element " + o);
            }
            out.add(s);
        }
        return out;
    }

    /** Whether {@code scheme://host:port} matches an entry of {@code allowed_hosts}. */
    boolean hostAllowed(String scheme, String host, int port) {
        return allowedHosts.stream().anyMatch(p -> p.matches(scheme, host, port));
    }
}
