package dev.theater.cli;

import dev.theater.api.TheaterException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code theater run} prints of one actor's chain, as it is appended: its {@code runtime.log} lines as
 * {@code <actor>: <line>}, and what its supervisor records about its children as {@code <actor>/<child>: ...}
 * (spawned, stopped, exited, failed, restarting, restarted), the child named without its parent's prefix.
 */
final class ConsolePrinter implements ChainListener {

    static final String LOG_EVENT = "theater:simple/runtime/log";

    private final String actor;
    private final PrintWriter out;
    private final CountDownLatch closed = new CountDownLatch(1);

    ConsolePrinter(String actor, PrintWriter out) {
        this.actor = actor;
        this.out = out;
    }

    /** Counted down when the chain has closed and everything was printed. */
    CountDownLatch closed() {
        return closed;
    }

    @Override
    public boolean accepts(ChainEvent event) {
        return event.eventType().equals(LOG_EVENT) || event.eventType().startsWith("supervisor/");
    }

    @Override
    public void onEvent(ChainEvent event) {
        line(event).ifPresent(line -> {
            out.println(line);
            out.flush();
        });
    }

    private Optional<String> line(ChainEvent event) {
        if (event.eventType().equals(LOG_EVENT)) {
            return Optional.of(actor + ": " + logLine(event.data()));
        }
        JObject data = (JObject) JsonReader.parse(event.data());
        String child = text(data, "child").map(this::childName).orElse("?");
        return switch (event.eventType()) {
            case "supervisor/spawned" -> Optional.of(actor + "/" + child + ": spawned");
            case "supervisor/child-ended" -> Optional.of(actor + "/" + child + ": " + text(data, "cause").orElse("ended")
                    + text(data, "reason").filter(r -> !r.isEmpty()).map(r -> " (" + r + ")").orElse(""));
            case "supervisor/restarting" -> Optional.of(actor + "/" + child + ": restarting "
                    + text(data, "restarts").orElse(child));
            case "supervisor/restarted" -> Optional.of(actor + "/" + child + ": restarted");
            case "supervisor/restart-failed" -> Optional.of(actor + "/" + child + ": restart failed: "
                    + text(data, "error").orElse(""));
            case "supervisor/escalated" -> Optional.of(actor + ": " + text(data, "reason").orElse("escalated"));
            default -> Optional.empty();
        };
    }

    /** {@code parent.worker-2} printed under {@code parent} is {@code worker-2}. */
    private String childName(String child) {
        return child.startsWith(actor + ".") ? child.substring(actor.length() + 1) : child;
    }

    private static Optional<String> text(JObject data, String key) {
        return data.get(key).filter(v -> v instanceof JString).map(v -> ((JString) v).value());
    }

    /**
     * The {@code msg} argument of a recorded {@code runtime.log} call: {@code {"args":{"msg":"..."}}}; a line past
     * the chain payload limit was recorded as {@code {"size":n,"sha256":"..."}} and is printed as that.
     */
    static String logLine(byte[] data) {
        if (JsonReader.parse(data) instanceof JObject call && call.get("args").orElse(null) instanceof JObject args) {
            if (args.get("msg").orElse(null) instanceof JsonValue.JString msg) {
                return msg.value();
            }
            if (args.get("msg").orElse(null) instanceof JObject ref && ref.get("size").orElse(null)
                    instanceof JsonValue.JNumber size && text(ref, "sha256").isPresent()) {
                return "(a line of " + size.text() + " bytes, past the chain payload limit; sha256 "
                        + text(ref, "sha256").get() + ")";
            }
        }
        throw new TheaterException(TheaterException.Phase.CHAIN, "a runtime.log event without args.msg: "
                + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void onMissed(long count) {
        out.println(actor + ": (" + count + " lines not shown: the console fell behind)");
    }

    @Override
    public void onClosed() {
        closed.countDown();
    }
}
