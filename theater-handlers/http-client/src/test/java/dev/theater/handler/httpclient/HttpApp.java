package dev.theater.handler.httpclient;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.testing.ProbeCommands;
import dev.theater.handler.testing.ProbeFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An app folder for the http-client tests: the http-probe guest copied into it, manifests written into it, and a
 * Theater with the runtime, message-server and http-client handlers. Commands are fields joined by 0x1f.
 */
final class HttpApp extends ProbeFolder {

    static final String SEND_HTTP = "theater:simple/http-client/send-http";
    static final ProbeCommands COMMANDS = new ProbeCommands(Duration.ofSeconds(60));

    HttpApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    HttpApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        super(folder, options.apply(builder(home).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new HttpClientHandlerProvider())),
                "http-probe", "http-client");
    }

    /** A manifest of http-probe with runtime, message-server and http-client (with {@code config} if not empty). */
    static String manifest(String name, String config) {
        return manifest(name, "http-probe", "http-client", config);
    }

    static List<String> command(ActorRef actor, String... fields) {
        return COMMANDS.command(actor, fields);
    }

    /** A request without body: {@code send method uri "" 0 [name value]...}. */
    static List<String> send(ActorRef actor, String method, String uri, String... headers) {
        List<String> fields = new ArrayList<>(List.of("send", method, uri, "", "0"));
        fields.addAll(List.of(headers));
        return command(actor, fields.toArray(String[]::new));
    }

    /** A request with a body. */
    static List<String> sendBody(ActorRef actor, String method, String uri, String body, String... headers) {
        List<String> fields = new ArrayList<>(List.of("send", method, uri, body, "1"));
        fields.addAll(List.of(headers));
        return command(actor, fields.toArray(String[]::new));
    }

    /** The err message of a request that must fail, checking it logged exactly that one line. */
    static String err(List<String> lines) {
        if (lines.size() != 1 || !lines.getFirst().startsWith("send-http err ")) {
            throw new AssertionError("expected one 'send-http err ...' line, got " + lines);
        }
        return lines.getFirst().substring("send-http err ".length());
    }

    /** The value of the first header line {@code h <name>: <value>}. */
    static String header(List<String> lines, String name) {
        String prefix = "h " + name.toLowerCase(java.util.Locale.ROOT) + ": "; // HTTP names are case-insensitive
        return lines.stream().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(prefix))
                .map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no header " + name + " in " + lines));
    }

    /** The send-http chain events of {@code actor}. */
    static List<ChainEvent> calls(ActorRef actor) {
        return actor.chain().stream().filter(e -> e.eventType().equals(SEND_HTTP)).toList();
    }
}
