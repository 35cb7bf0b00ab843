package dev.theater.handler.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The config keys and their errors, the host patterns, the address ranges of the SSRF rule (with a resolver that
 * answers private addresses for public-looking names, which no loopback test can produce), and {@code widens}.
 */
class HttpClientConfigTest {

    private static HandlerConfig config(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new HandlerConfig("http-client", values, "actor.toml:7");
    }

    @Test
    void defaultsDenyEveryHost() {
        HttpClientConfig c = HttpClientConfig.from(config());
        assertThat(c.allowedHosts()).isEmpty();
        assertThat(c.allowedMethods()).containsExactlyInAnyOrder("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(c.timeoutMs()).isEqualTo(30_000);
        assertThat(c.maxResponseBytes()).isEqualTo(10L << 20);
        assertThat(c.maxRedirects()).isEqualTo(5);
        assertThat(c.redactHeaders()).containsExactlyInAnyOrder("authorization", "cookie", "proxy-authorization", "set-cookie");
        assertThat(c.hostAllowed("https", "example.com", 443)).isFalse();
    }

    @Test
    void badKeysAndValuesNameTheKeyAndTheLine() {
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_host", List.of("http://x"))))
                .isInstanceOf(HandlerException.class).hasMessageContaining("actor.toml:7: handler 'http-client': config key"
                        + " 'allowed_host' is not a known key");
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_hosts", "https://x.com")))
                .hasMessageContaining("config key 'allowed_hosts' must be a list of strings");
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_hosts", List.of("https://x.com/path"))))
                .hasMessageContaining("config key 'allowed_hosts' has an entry \"https://x.com/path\" is not scheme://host[:port]");
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_hosts", List.of("ftp://x.com"))))
                .hasMessageContaining("the scheme must be http or https");
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_hosts", List.of("http://x.com:70000"))))
                .hasMessageContaining("port 70000 is not within 1..65535");
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_hosts", List.of("http://a*b.com"))))
                .hasMessageContaining("is neither a host name");
        assertThatThrownBy(() -> HttpClientConfig.from(config("allowed_methods", List.of("GET X"))))
                .hasMessageContaining("config key 'allowed_methods' has \"GET X\", which is not an HTTP method name");
        assertThatThrownBy(() -> HttpClientConfig.from(config("timeout_ms", 0L)))
                .hasMessageContaining("config key 'timeout_ms' must be within 1..3600000, found 0");
        assertThatThrownBy(() -> HttpClientConfig.from(config("max_response_bytes", 1L << 31)))
                .hasMessageContaining("config key 'max_response_bytes' must be within 0..1073741824");
        assertThatThrownBy(() -> HttpClientConfig.from(config("max_redirects", 21L)))
                .hasMessageContaining("config key 'max_redirects' must be within 0..20");
        assertThatThrownBy(() -> HttpClientConfig.from(config("redact_headers", List.of("x y"))))
                .hasMessageContaining("config key 'redact_headers' has \"x y\", which is not an HTTP header name");
        assertThatThrownBy(() -> HttpClientConfig.from(config("ca_file", 3L)))
                .hasMessageContaining("config key 'ca_file' must be a string");
    }

    @Test
    void patternsMatchSchemeHostAndPort() {
        HttpClientConfig c = HttpClientConfig.from(config("allowed_hosts", List.of("https://api.example.com",
                "http://*.internal.test:8080", "http://127.0.0.1:*", "https://[::1]:8443", "HTTPS://Upper.Example.COM")));
        assertThat(c.hostAllowed("https", "api.example.com", 443)).isTrue();
        assertThat(c.hostAllowed("https", "api.example.com", 8443)).isFalse();
        assertThat(c.hostAllowed("http", "api.example.com", 80)).isFalse();
        assertThat(c.hostAllowed("https", "evil-api.example.com", 443)).isFalse();
        assertThat(c.hostAllowed("https", "api.example.com.evil.test", 443)).isFalse();
        assertThat(c.hostAllowed("http", "a.internal.test", 8080)).isTrue();
        assertThat(c.hostAllowed("http", "a.b.internal.test", 8080)).isTrue();
        assertThat(c.hostAllowed("http", "internal.test", 8080)).isFalse(); // *. needs a label before the suffix
        assertThat(c.hostAllowed("http", "xinternal.test", 8080)).isFalse();
        assertThat(c.hostAllowed("http", "127.0.0.1", 1)).isTrue();
        assertThat(c.hostAllowed("https", "::1", 8443)).isTrue();
        assertThat(c.hostAllowed("https", "0:0:0:0:0:0:0:1", 8443)).isTrue(); // the same address written out
        assertThat(c.hostAllowed("https", "upper.example.com", 443)).isTrue();
    }

    @Test
    void theSpecialAddressRanges() throws Exception {
        for (String special : List.of("127.0.0.1", "127.9.9.9", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "224.0.0.1",
                "ff02::1", "100.64.0.1", "0.1.2.3", "240.0.0.1", "255.255.255.255", "::ffff:10.0.0.1",
                "::ffff:169.254.169.254", "::127.0.0.1", "2002:a00:1::", "64:ff9b::a00:1", "fec0::1")) {
            assertThat(Addresses.special(InetAddress.getByName(special))).as(special).isPresent();
        }
        for (String ordinary : List.of("8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
                "::ffff:8.8.8.8", "2002:808:808::")) {
            assertThat(Addresses.special(InetAddress.getByName(ordinary))).as(ordinary).isEmpty();
        }
        assertThat(Addresses.special(InetAddress.getByName("::ffff:127.0.0.1"))).contains("a loopback address");
        assertThat(Addresses.special(InetAddress.getByName("fd00::1"))).contains("a private (unique-local fc00::/7) address");
        assertThat(Addresses.special(InetAddress.getByName("169.254.169.254"))).contains("a link-local address");
    }

    /** A handler whose resolver answers {@code answers} for every name (no DNS is asked). */
    private static HttpClientHandler handler(List<String> hosts, String... answers) {
        HttpClientConfig c = HttpClientConfig.from(config("allowed_hosts", hosts));
        HttpClientHandler.Resolver resolver = host -> {
            InetAddress[] out = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                out[i] = InetAddress.getByAddress(host, InetAddress.getByName(answers[i]).getAddress());
            }
            if (out.length == 0) {
                throw new UnknownHostException(host + ": no such name");
            }
            return out;
        };
        return new HttpClientHandler(c, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), resolver);
    }

    private static String err(HttpClientHandler handler, String uri) {
        WitValue result = handler.send(RecordValue.of(new Str("GET"), new Str(uri), new ListValue(List.of()),
                OptionValue.none()));
        ResultValue r = (ResultValue) result;
        assertThat(r.ok()).as("expected an err for " + uri).isFalse();
        return ((Str) r.payload().orElseThrow()).value();
    }

    @Test
    void anAllowedNameResolvingToAnySpecialAddressIsRefused() {
        List<String> hosts = List.of("https://api.example.com", "http://*.example.org:*");
        assertThat(err(handler(hosts, "10.0.0.5"), "https://api.example.com/v1"))
                .isEqualTo("host 'api.example.com' resolves to 10.0.0.5, a private (site-local) address; only an allowed_hosts"
                        + " entry naming that address (e.g. \"https://10.0.0.5:443\") lets a request reach it");
        assertThat(err(handler(hosts, "169.254.169.254"), "http://metadata.example.org/latest"))
                .contains("resolves to 169.254.169.254, a link-local address");
        assertThat(err(handler(hosts, "fd00::7"), "https://api.example.com/"))
                .contains("resolves to [fd00:0:0:0:0:0:0:7], a private (unique-local fc00::/7) address");
        assertThat(err(handler(hosts, "::ffff:192.168.0.1"), "https://api.example.com/"))
                .contains("a private (site-local) address");
        assertThat(err(handler(hosts, "0.0.0.0"), "https://api.example.com/")).contains("an any-local address");
        assertThat(err(handler(hosts, "239.1.1.1"), "https://api.example.com/")).contains("a multicast address");
        // one bad address among good ones is enough: the client may pick any of them
        assertThat(err(handler(hosts, "93.184.216.34", "127.0.0.1"), "https://api.example.com/"))
                .contains("resolves to 127.0.0.1, a loopback address");
        assertThat(err(handler(hosts), "https://api.example.com/")).startsWith("host 'api.example.com' does not resolve");
    }

    @Test
    void anEntryNamingTheAddressLetsTheNameReachIt() {
        HttpClientHandler h = handler(List.of("http://svc.example.org:9", "http://10.0.0.5:9"), "10.0.0.5");
        // the address rule passes; the connection then fails (nothing listens on 10.0.0.5 here), which is a later err
        String message = err(h, "http://svc.example.org:9/");
        assertThat(message).doesNotContain("resolves to");
        // the address entry is for port 9 only
        HttpClientHandler other = handler(List.of("http://svc.example.org:*", "http://10.0.0.5:9"), "10.0.0.5");
        assertThat(err(other, "http://svc.example.org:10/")).contains("resolves to 10.0.0.5");
    }

    @Test
    void aChildGetsNoMoreThanItsParent() {
        HttpClientHandlerProvider provider = new HttpClientHandlerProvider();
        HandlerConfig parent = config("allowed_hosts", List.of("https://*.example.com", "http://127.0.0.1:8080"),
                "allowed_methods", List.of("GET", "POST"), "timeout_ms", 5000L, "ca_file", "ca.pem");
        assertThat(provider.widens(parent, config("allowed_hosts", List.of("https://api.example.com", "https://*.a.example.com"),
                "allowed_methods", List.of("GET"), "timeout_ms", 1000L, "max_response_bytes", 1000L))).isEmpty();
        assertThat(provider.widens(parent, config("allowed_hosts", List.of("https://example.com"),
                "allowed_methods", List.of("GET"), "timeout_ms", 1000L)))
                .hasValueSatisfying(m -> assertThat(m).contains("'allowed_hosts' has \"https://example.com\", which no entry"));
        assertThat(provider.widens(parent, config("allowed_hosts", List.of("http://127.0.0.1:*"),
                "allowed_methods", List.of("GET"), "timeout_ms", 1000L))).isPresent();
        assertThat(provider.widens(parent, config("allowed_methods", List.of("GET"))))
                .hasValueSatisfying(m -> assertThat(m).contains("'timeout_ms' = 30000 (the default) is more than the parent's 5000"));
        assertThat(provider.widens(parent, config("allowed_methods", List.of("DELETE"), "timeout_ms", 10L)))
                .hasValueSatisfying(m -> assertThat(m).contains("'allowed_methods' has DELETE"));
        assertThat(provider.widens(parent, config("allowed_methods", List.of("GET"), "timeout_ms", 10L,
                "redact_headers", List.of("x-key")))).hasValueSatisfying(m -> assertThat(m).contains("leaves out"));
        assertThat(provider.widens(parent, config("allowed_methods", List.of("GET"), "timeout_ms", 10L,
                "ca_file", "other.pem"))).hasValueSatisfying(m -> assertThat(m).contains("a child trusts no CA"));
        assertThat(provider.widens(config(), config("allowed_hosts", List.of("http://x.test")))).isPresent();
    }

    @Test
    void redactionHashesNamedHeadersBothWays() {
        HttpClientHandler.Redacted r = new HttpClientHandler.Redacted(java.util.Set.of("authorization", "set-cookie"));
        RecordValue req = RecordValue.of(new Str("GET"), new Str("http://x"), new ListValue(List.of(
                WitValue.TupleValue.of(new Str("AUTHORIZATION"), new Str("secret")),
                WitValue.TupleValue.of(new Str("accept"), new Str("*/*")))), OptionValue.none());
        RecordValue recorded = (RecordValue) r.args(List.of(req)).getFirst();
        assertThat(((ListValue) recorded.fields().get(2)).elements()).containsExactly(
                WitValue.TupleValue.of(new Str("AUTHORIZATION"), new Str("sha256:" + HttpClientHandler.Redacted.sha256("secret"))),
                WitValue.TupleValue.of(new Str("accept"), new Str("*/*")));
        Optional<WitValue> err = Optional.of(ResultValue.err(new Str("no")));
        assertThat(r.result(err)).isEqualTo(err);
    }
}
