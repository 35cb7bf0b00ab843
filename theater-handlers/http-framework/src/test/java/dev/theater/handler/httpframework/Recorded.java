package dev.theater.handler.httpframework;

import dev.theater.api.json.JsonValue.JObject;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.handler.testing.Logs;
import java.util.List;

/** The http-framework events in an actor's chain (their data as JSON objects), for the HTTP tests. */
final class Recorded {

    private Recorded() {
    }

    /** The data of every event of {@code type} in the actor's chain, oldest first. */
    static List<JObject> events(ActorRef actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type)).map(WsProbe::data).toList();
    }

    /** Every event of the actor's chain whose type is {@code type}. */
    static List<ChainEvent> raw(ActorRef actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type)).toList();
    }

    /** Waits until the chain holds {@code count} events of {@code type}; their data. */
    static List<JObject> await(ActorRef actor, String type, int count) {
        long deadline = System.nanoTime() + Logs.WAIT.toNanos();
        while (true) {
            List<JObject> found = events(actor, type);
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("actor '" + actor.id() + "' did not record " + count + " " + type + " within "
                        + Logs.WAIT.toSeconds() + " s; it has " + found);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static String field(JObject o, String name) {
        return WsProbe.field(o, name);
    }
}
