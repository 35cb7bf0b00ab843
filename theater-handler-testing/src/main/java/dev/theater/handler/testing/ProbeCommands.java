package dev.theater.handler.testing;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives a probe guest that takes commands of fields joined by 0x1f and answers in {@code runtime.log} lines
 * (test-actors/README.md): sends a command, waits until it was handled, and returns the lines it logged.
 */
public record ProbeCommands(Duration timeout) {

    public static final String LOG = "theater:simple/runtime/log";
    public static final char SEP = '\u001f';

    /** The {@code msg} of a {@code runtime.log} chain event. */
    public static String message(ChainEvent event) {
        JObject call = (JObject) JsonReader.parse(event.data());
        return ((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value();
    }

    /** Every line {@code actor} logged so far, oldest first (read from its chain). */
    public static List<String> logs(ActorRef actor) {
        List<String> lines = new ArrayList<>();
        for (ChainEvent e : actor.chain()) {
            if (e.eventType().equals(LOG)) {
                lines.add(message(e));
            }
        }
        return lines;
    }

    /** Sends the command (fields joined by 0x1f), waits until it was handled; the lines it logged. */
    public List<String> command(ActorRef actor, String... fields) {
        return send(actor, String.join(String.valueOf(SEP), fields).getBytes(StandardCharsets.UTF_8),
                String.join(" ", fields));
    }

    /** Sends {@code message} (named {@code description} if it fails), waits until it was handled; the lines it logged. */
    public List<String> send(ActorRef actor, byte[] message, String description) {
        int before = logs(actor).size();
        try {
            actor.send(message).get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("sending " + description + " to '" + actor.id() + "' failed", e);
        }
        List<String> all = logs(actor);
        return all.subList(before, all.size());
    }

    /** The one line the command logged. */
    public String one(ActorRef actor, String... fields) {
        List<String> lines = command(actor, fields);
        if (lines.size() != 1) {
            throw new AssertionError("expected one line from " + String.join(" ", fields) + ", got " + lines);
        }
        return lines.getFirst();
    }
}
