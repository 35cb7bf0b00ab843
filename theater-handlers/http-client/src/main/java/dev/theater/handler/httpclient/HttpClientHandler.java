package dev.theater.handler.httpclient;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.handler.RecordedAs;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.ListValue;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.U16;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The http-client handler of one actor: {@code send-http} on one {@link HttpClient}. Every request, and every
 * redirect hop, is checked against {@code allowed_hosts} and {@code allowed_methods}, and its host's addresses
 * against the special ranges ({@link Addresses#special}); redirects are followed here, not by the client. Every
 * refusal and failure is an {@code err} naming its reason; nothing the actor sends can throw out of the call.
 */
final class HttpClientHandler implements Handler {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpClientConfig config;
    private final HttpClient client;
    private final Resolver resolver;

    /** How a host name becomes addresses (the JDK's resolver and its cache; a test may answer for it). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    HttpClientHandler(HttpClientConfig config, HttpClient client, Resolver resolver) {
        this.config = config;
        this.client = client;
        this.resolver = resolver;
    }

    @Override
    public void link(HostLinker linker) {
        linker.define(HttpClientHandlerProvider.INTERFACE, "send-http",
                args -> Optional.of(send((RecordValue) args.getFirst())), new Redacted(config.redactHeaders()));
    }

    @Override
    public void stop() {
        client.shutdownNow();
    }

    /** {@code ok(response)} or {@code err(reason)}. */
    WitValue send(RecordValue request) {
        try {
            return ResultValue.ok(exchange(request));
        } catch (OutboundException e) {
            return ResultValue.err(new Str(e.getMessage()));
        } catch (RuntimeException e) {
            // a JDK client failure no check above foresaw: still the actor's err, never a host failure
            return ResultValue.err(new Str("send-http failed: " + e));
        }
    }

    private RecordValue exchange(RecordValue request) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.timeoutMs());
        String method = ((Str) request.fields().get(0)).value();
        String uriText = ((Str) request.fields().get(1)).value();
        List<String[]> headers = headers((ListValue) request.fields().get(2));
        Optional<byte[]> body = ((OptionValue) request.fields().get(3)).value().map(v -> ((Bytes) v).value());
        checkMethod(method);
        URI uri = parse(uriText, "uri");
        check(uri, "");
        for (int hop = 0; ; hop++) {
            HttpResponse<byte[]> response = once(method, uri, headers, body, deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (!REDIRECTS.contains(status) || location.isEmpty() || config.maxRedirects() == 0) {
                return response(response);
            }
            if (hop + 1 > config.maxRedirects()) {
                throw new OutboundException("more than max_redirects = " + config.maxRedirects() + " redirects (the last"
                        + " to " + location.get() + ")");
            }
            String prefix = "redirect " + (hop + 1) + " (" + status + ") to " + location.get() + " refused: ";
            URI next;
            try {
                next = uri.resolve(new URI(location.get()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new OutboundException(prefix + "the Location header is not a valid URI: " + e.getMessage());
            }
            check(next, prefix);
            if (!sameOrigin(uri, next)) {
                // credentials meant for one origin never follow a redirect to another
                headers = headers.stream().filter(h -> !config.redactHeaders().contains(h[0].toLowerCase(Locale.ROOT)))
                        .toList();
            }
            if (status == 303 || ((status == 301 || status == 302) && !method.equals("GET") && !method.equals("HEAD"))) {
                method = status == 303 && method.equals("HEAD") ? "HEAD" : "GET";
                body = Optional.empty();
                checkMethod(method);
            }
            uri = next;
        }
    }

    private void checkMethod(String method) {
        if (!config.allowedMethods().contains(method)) {
            throw new OutboundException("method '" + method + "' is not allowed: allowed_methods = "
                    + config.allowedMethods().stream().sorted().toList());
        }
    }

    private static URI parse(String text, String what) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new OutboundException(what + " \"" + text + "\" is not a valid URI: " + e.getMessage());
        }
    }

    /**
     * The allow-list and the address rule for {@code uri}: an absolute http(s) URI without user info, whose scheme,
     * host and port match {@code allowed_hosts}, and whose host resolves only to public addresses or to addresses an
     * entry names itself.
     */
    private void check(URI uri, String prefix) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new OutboundException(prefix + "uri \"" + uri + "\" must be an absolute http:// or https:// URI");
        }
        if (uri.getRawUserInfo() != null) {
            throw new OutboundException(prefix + "uri \"" + uri + "\" has user info before its host; it is not allowed");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new OutboundException(prefix + "uri \"" + uri + "\" has no host (or one that is not a valid host name)");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!config.hostAllowed(scheme, host, port)) {
            throw new OutboundException(prefix + scheme + "://" + hostText(host) + ":" + port
                    + " is not allowed by allowed_hosts = " + config.allowedHosts().stream().map(HostPattern::text).toList());
        }
        InetAddress[] addresses;
        Optional<InetAddress> literal = Addresses.literal(host);
        if (literal.isPresent()) {
            addresses = new InetAddress[] {literal.get()};
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                throw new OutboundException(prefix + "host '" + host + "' does not resolve: " + e.getMessage());
            }
        }
        for (InetAddress a : addresses) {
            Optional<String> kind = Addresses.special(a);
            if (kind.isPresent() && config.allowedHosts().stream().noneMatch(p -> p.allowsAddress(scheme, a, port))) {
                throw new OutboundException(prefix + "host '" + host + "' resolves to " + Addresses.text(a) + ", "
                        + kind.get() + "; only an allowed_hosts entry naming that address (e.g. \"" + scheme + "://"
                        + Addresses.text(a) + ":" + port + "\") lets a request reach it");
            }
        }
    }

    private static String hostText(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    private HttpResponse<byte[]> once(String method, URI uri, List<String[]> headers, Optional<byte[]> body,
                                      long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut();
        }
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(left))
                    .method(method, body.map(HttpRequest.BodyPublishers::ofByteArray)
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            for (String[] h : headers) {
                try {
                    b.header(h[0], h[1]);
                } catch (IllegalArgumentException e) {
                    throw new OutboundException("header '" + h[0] + "' cannot be sent: " + e.getMessage());
                }
            }
            request = b.build();
        } catch (IllegalArgumentException e) {
            throw new OutboundException("the request cannot be sent: " + e.getMessage());
        }
        long max = config.maxResponseBytes();
        CompletableFuture<HttpResponse<byte[]>> future;
        try {
            future = client.sendAsync(request, info -> {
                OptionalLong declared;
                try {
                    declared = info.headers().firstValueAsLong("content-length");
                } catch (NumberFormatException e) {
                    declared = OptionalLong.empty(); // the client itself refuses a malformed length
                }
                return declared.isPresent() && declared.getAsLong() > max ? CappedBody.refusing(declared.getAsLong(), max)
                        : new CappedBody(max);
            });
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new OutboundException("the request to " + authority(uri) + " cannot be sent: " + e.getMessage());
        }
        try {
            return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new OutboundException("send-http to " + authority(uri) + " was interrupted: the actor is stopping");
        } catch (ExecutionException e) {
            throw failure(e.getCause(), uri);
        }
    }

    private OutboundException timedOut() {
        return new OutboundException("no complete response within timeout_ms = " + config.timeoutMs() + " ms");
    }

    private static String authority(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** The reason of a failed exchange, from the exception the client gave. */
    private OutboundException failure(Throwable cause, URI uri) {
        String where = authority(uri);
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge tooLarge) {
                return new OutboundException(tooLarge.getMessage());
            }
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || (t instanceof CertificateException
                    && String.valueOf(t.getMessage()).contains("PKIX"))) {
                return new OutboundException("TLS with " + where + " failed: the server's certificate is not trusted"
                        + " (neither by the system's CAs nor by ca_file): " + t.getMessage());
            }
            if (t instanceof CertificateException) {
                return new OutboundException("TLS with " + where + " failed: the server's certificate was refused: "
                        + t.getMessage());
            }
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new OutboundException("connecting to " + where + " timed out (timeout_ms = " + config.timeoutMs()
                    + " ms)");
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (cause instanceof SSLHandshakeException || cause instanceof SSLException) {
            return new OutboundException("TLS with " + where + " failed: " + cause.getMessage());
        }
        if (cause instanceof ConnectException) {
            return new OutboundException("cannot connect to " + where + ": " + (cause.getMessage() == null
                    ? "connection refused" : cause.getMessage()));
        }
        if (cause instanceof IOException) {
            return new OutboundException("I/O error with " + where + ": " + cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new OutboundException("the request to " + where + " cannot be sent: " + cause.getMessage());
        }
        return new OutboundException("send-http to " + where + " failed: " + cause);
    }

    private static List<String[]> headers(ListValue list) {
        List<String[]> out = new ArrayList<>(list.elements().size());
        for (WitValue v : list.elements()) {
            List<WitValue> pair = ((TupleValue) v).elements();
            out.add(new String[] {((Str) pair.get(0)).value(), ((Str) pair.get(1)).value()});
        }
        return out;
    }

    private static RecordValue response(HttpResponse<byte[]> response) {
        List<WitValue> headers = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
            if (e.getKey().startsWith(":")) {
                continue; // HTTP/2 pseudo-headers are not headers
            }
            for (String value : e.getValue()) {
                headers.add(TupleValue.of(new Str(e.getKey()), new Str(value)));
            }
        }
        byte[] body = response.body();
        return RecordValue.of(new U16(response.statusCode()), new ListValue(headers),
                body == null || body.length == 0 ? OptionValue.none() : OptionValue.some(new Bytes(body)));
    }

    /** The chain records a redacted header's value as {@code sha256:<hex of its UTF-8 bytes>}, in requests and responses. */
    record Redacted(Set<String> names) implements RecordedAs {

        @Override
        public List<WitValue> args(List<WitValue> args) {
            RecordValue req = (RecordValue) args.getFirst();
            List<WitValue> fields = new ArrayList<>(req.fields());
            fields.set(2, redact((ListValue) fields.get(2)));
            return List.of(new RecordValue(fields));
        }

        @Override
        public Optional<WitValue> result(Optional<WitValue> result) {
            if (result.isEmpty() || !(result.get() instanceof ResultValue r) || !r.ok() || r.payload().isEmpty()) {
                return result;
            }
            RecordValue resp = (RecordValue) r.payload().get();
            List<WitValue> fields = new ArrayList<>(resp.fields());
            fields.set(1, redact((ListValue) fields.get(1)));
            return Optional.of(ResultValue.ok(new RecordValue(fields)));
        }

        private ListValue redact(ListValue headers) {
            List<WitValue> out = new ArrayList<>(headers.elements().size());
            for (WitValue v : headers.elements()) {
                List<WitValue> pair = ((TupleValue) v).elements();
                String name = ((Str) pair.get(0)).value();
                out.add(names.contains(name.toLowerCase(Locale.ROOT))
                        ? TupleValue.of(pair.get(0), new Str("sha256:" + sha256(((Str) pair.get(1)).value()))) : v);
            }
            return new ListValue(out);
        }

        static String sha256(String value) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(value.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }
    }
}
