package dev.theater.handler.httpframework;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.testing.ProbeCommands;
import dev.theater.handler.testing.ProbeFolder;
import dev.theater.handler.timing.TimingHandlerProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An app folder for the http-framework tests: the web-probe guest (test-actors/README.md, "web-probe") copied into
 * it, manifests written into it, and a Theater with the runtime, message-server, timing and http-framework handlers.
 * Commands are fields joined by 0x1f; each logs one line.
 */
final class WebApp extends ProbeFolder {

    static final ProbeCommands COMMANDS = new ProbeCommands(Duration.ofSeconds(60));
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    WebApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    WebApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        super(folder, options.apply(builder(home).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new TimingHandlerProvider())
                .addProvider(new HttpFrameworkHandlerProvider())), "web-probe", "http-framework");
    }

    /** A web-probe actor with runtime, message-server, timing and http-framework ({@code config} unless empty). */
    ActorRef web(String name, String config) {
        return theater.start(write(name + ".toml", manifestStart(name, "web-probe") + handler("timing", "")
                + handler("http-framework", config)));
    }

    static String one(ActorRef actor, String... fields) {
        return COMMANDS.one(actor, fields);
    }

    /** The value after {@code "<cmd> ok "}, failing on anything else. */
    static String ok(ActorRef actor, String... fields) {
        String line = one(actor, fields);
        String prefix = fields[0] + " ok";
        if (!line.startsWith(prefix)) {
            throw new AssertionError("expected '" + prefix + "...' from " + String.join(" ", fields) + ", got: " + line);
        }
        return line.length() > prefix.length() ? line.substring(prefix.length() + 1) : "";
    }

    /** The message after {@code "<cmd> err "}, failing on anything else. */
    static String err(ActorRef actor, String... fields) {
        String line = one(actor, fields);
        String prefix = fields[0] + " err ";
        if (!line.startsWith(prefix)) {
            throw new AssertionError("expected '" + prefix + "...' from " + String.join(" ", fields) + ", got: " + line);
        }
        return line.substring(prefix.length());
    }

    /** Creates a server on 127.0.0.1, port 0; returns its id. */
    static String server(ActorRef actor) {
        return ok(actor, "create", "0", "-", "-", "-");
    }

    static String register(ActorRef actor, String name) {
        return ok(actor, "register", name);
    }

    static int start(ActorRef actor, String server) {
        return Integer.parseInt(ok(actor, "start", server));
    }

    static HttpResponse<String> get(int port, String path, String... headers) {
        return send(port, "GET", path, null, headers);
    }

    static HttpResponse<String> send(int port, String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " on port " + port + " failed", e);
        }
    }

    /** The lines the actor logged so far. */
    static List<String> logs(ActorRef actor) {
        return ProbeCommands.logs(actor);
    }
}
