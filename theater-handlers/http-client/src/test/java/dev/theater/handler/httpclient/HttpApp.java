package dev.theater.handler.httpclient;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An app folder for the http-client tests: the http-probe guest copied into it, manifests written into it, and a
 * Theater with the runtime, message-server and http-client handlers. Commands are fields joined by 0x1f.
 */
final class HttpApp implements AutoCloseable {

    static final Path TEST_ACTORS = Path.of(System.getProperty("theater.testActors", "../../test-actors"));
    static final String LOG = "theater:simple/runtime/log";
    static final String SEND_HTTP = "theater:simple/http-client/send-http";
    static final char SEP = '\u001f';

    final Path folder;
    final Theater theater;

    HttpApp(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    HttpApp(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        this.folder = folder;
        copy(TEST_ACTORS.resolve("http-probe/http-probe.wasm"), folder.resolve("http-probe.wasm"));
        theater = options.apply(Theater.builder().home(home).serviceLoader(false)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new MessageServerHandlerProvider())
                .addProvider(new HttpClientHandlerProvider())).build();
    }

    /** A manifest of http-probe with runtime, message-server and http-client (with {@code config} if not empty). */
    static String manifest(String name, String config) {
        return "name = \"" + name + "\"\ncomponent_path = \"http-probe.wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n[[handlers]]\ntype = \"http-client\"\n"
                + (config.isEmpty() ? "" : "config = { " + config + " }\n");
    }

    ActorRef probe(String name, String config) {
        return theater.start(write(name + ".toml", manifest(name, config)));
    }

    Path write(String file, String text) {
        try {
            Path path = folder.resolve(file);
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line {@code actor} logged so far, oldest first. */
    static List<String> logs(ActorRef actor) {
        List<String> lines = new ArrayList<>();
        for (ChainEvent e : actor.chain()) {
            if (e.eventType().equals(LOG)) {
                JObject call = (JObject) JsonReader.parse(e.data());
                lines.add(((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value());
            }
        }
        return lines;
    }

    /** Sends the command (fields joined by 0x1f), waits until it was handled; the lines it logged. */
    static List<String> command(ActorRef actor, String... fields) {
        byte[] message = String.join(String.valueOf(SEP), fields).getBytes(StandardCharsets.UTF_8);
        int before = logs(actor).size();
        try {
            actor.send(message).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("sending " + String.join(" ", fields) + " to '" + actor.id() + "' failed", e);
        }
        List<String> all = logs(actor);
        return all.subList(before, all.size());
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

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        theater.close();
    }
}
