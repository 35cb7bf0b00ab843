package dev.theater.handler.httpclient;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The {@code http-client} handler type: {@code theater:simple/http-client}, no exports called. */
public final class HttpClientHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "http-client";

    /** The WIT interface this handler implements. */
    public static final String INTERFACE = "theater:simple/http-client";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    /**
     * A child may reach only what its parent may: each of its host patterns within one of the parent's, its methods
     * among the parent's, limits no larger, at least the parent's redacted headers, and the parent's {@code ca_file}
     * or none (a child's own CA would trust servers the parent does not).
     */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        HttpClientConfig granted = HttpClientConfig.from(parent);
        HttpClientConfig asked = HttpClientConfig.from(child);
        for (HostPattern p : asked.allowedHosts()) {
            if (granted.allowedHosts().stream().noneMatch(p::within)) {
                return Optional.of("config key '" + HttpClientConfig.ALLOWED_HOSTS + "' has \"" + p.text()
                        + "\", which no entry of the parent's " + granted.allowedHosts().stream().map(HostPattern::text).toList()
                        + " allows");
            }
        }
        for (String m : asked.allowedMethods()) {
            if (!granted.allowedMethods().contains(m)) {
                return Optional.of("config key '" + HttpClientConfig.ALLOWED_METHODS + "' has " + m
                        + ", which the parent's " + granted.allowedMethods().stream().sorted().toList() + " does not");
            }
        }
        if (asked.timeoutMs() > granted.timeoutMs()) {
            return Optional.of(child.moreThanParent(HttpClientConfig.TIMEOUT_MS, asked.timeoutMs(), granted.timeoutMs()));
        }
        if (asked.maxResponseBytes() > granted.maxResponseBytes()) {
            return Optional.of(child.moreThanParent(HttpClientConfig.MAX_RESPONSE_BYTES, asked.maxResponseBytes(), granted.maxResponseBytes()));
        }
        if (asked.maxRedirects() > granted.maxRedirects()) {
            return Optional.of(child.moreThanParent(HttpClientConfig.MAX_REDIRECTS, asked.maxRedirects(), granted.maxRedirects()));
        }
        for (String h : granted.redactHeaders()) {
            if (!asked.redactHeaders().contains(h)) {
                return Optional.of("config key '" + HttpClientConfig.REDACT_HEADERS + "' leaves out " + h
                        + ", which the parent redacts");
            }
        }
        if (asked.caFile().isPresent() && !asked.caFile().equals(granted.caFile())) {
            return Optional.of("config key '" + HttpClientConfig.CA_FILE + "' = \"" + asked.caFile().get()
                    + "\" is not the parent's " + granted.caFile().map(f -> "\"" + f + "\"").orElse("(unset)")
                    + "; a child trusts no CA its parent does not");
        }
        return Optional.empty();
    }


    @Override
    public Handler create(HandlerContext context) {
        HttpClientConfig config = HttpClientConfig.from(context.config());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // each hop is checked by the handler
                .proxy(HttpClient.Builder.NO_PROXY)         // a proxy would make the address check meaningless
                .connectTimeout(Duration.ofMillis(config.timeoutMs()));
        Optional<Path> ca = config.caPath(context.manifestDirectory());
        if (ca.isPresent()) {
            builder.sslContext(TrustedCas.withCaFile(ca.get(), context.config().source()));
        }
        return new HttpClientHandler(config, builder.build(), InetAddress::getAllByName);
    }
}
