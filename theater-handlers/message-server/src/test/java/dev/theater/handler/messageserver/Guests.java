package dev.theater.handler.messageserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainException;
import dev.theater.chain.ChainListener;
import dev.theater.chain.Subscription;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Starting the C test guests (test-actors/README.md) and reading what they log. */
final class Guests {

    static final Path TEST_ACTORS = Path.of(System.getProperty("theater.testActors", "../../test-actors"));
    static final Path EXAMPLES = TEST_ACTORS.resolveSibling("examples");
    static final String LOG = "theater:simple/runtime/log";

    private Guests() {
    }

    /** Starts guest {@code test-actors/<guest>/<guest>.wasm} as actor {@code id} with runtime and message-server. */
    static ActorRef start(Theater theater, String guest, String id, String messageServerConfig) {
        return start(theater, guest, guest + ".wasm", id, messageServerConfig);
    }

    /** As {@link #start(Theater, String, String, String)}, from the file {@code wasm} of the guest's folder. */
    static ActorRef start(Theater theater, String guest, String wasm, String id, String messageServerConfig) {
        Path folder = TEST_ACTORS.resolve(guest);
        assertThat(Files.exists(folder.resolve(wasm))).as("guest %s built", wasm).isTrue();
        String toml = "name = \"" + id + "\"\ncomponent_path = \"" + wasm + "\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n"
                + "[[handlers]]\ntype = \"message-server\"\n"
                + (messageServerConfig.isEmpty() ? "" : "config = { " + messageServerConfig + " }\n");
        return theater.start(toml, folder);
    }

    /** The lines the actor logged through {@code runtime.log}, oldest first. */
    static List<String> logs(ActorRef actor) {
        return actor.chain().stream().filter(e -> e.eventType().equals(LOG)).map(Guests::message).toList();
    }

    /** Waits until the actor logged {@code line} (10 s at most) and returns all its lines. */
    static List<String> awaitLog(ActorRef actor, String line) {
        return awaitLogMatching(actor, line::equals, line);
    }

    /**
     * Waits until the actor logged a line {@code line} accepts and returns all its lines. The chain is read again
     * each time a log event is appended (a subscription, taken before the first read so none is missed); 10 s
     * without the line is a failure, so a hung actor does not hang the test.
     */
    static List<String> awaitLogMatching(ActorRef actor, Predicate<String> line, String what) {
        Semaphore logged = new Semaphore(0);
        Subscription subscription;
        try {
            subscription = actor.subscribe(new ChainListener() {
                @Override
                public void onEvent(ChainEvent event) {
                    if (event.eventType().equals(LOG)) {
                        logged.release();
                    }
                }

                @Override
                public void onMissed(long count) {
                    logged.release();
                }
            });
        } catch (ChainException closed) {
            subscription = null; // the actor has stopped: its chain holds every line it will ever log
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                List<String> logs = logs(actor);
                if (logs.stream().anyMatch(line)) {
                    return logs;
                }
                long left = deadline - System.nanoTime();
                if (subscription == null || left <= 0 || !logged.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                    throw new AssertionError("actor '" + actor.id() + "' did not log " + what + "; it logged " + logs);
                }
                logged.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            if (subscription != null) {
                subscription.close();
            }
        }
    }

    /** The {@code msg} argument of a {@code runtime.log} event: {@code {"args":{"msg":"..."}}}. */
    static String message(ChainEvent event) {
        String json = event.dataAsString();
        String key = "\"msg\":\"";
        int at = json.indexOf(key);
        assertThat(at).as("log event data %s", json).isNotNegative();
        return Json.readString(json, at + key.length() - 1);
    }

    /** The events of one type. */
    static List<ChainEvent> events(ActorRef actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type)).toList();
    }

    /** A tiny JSON string reader, enough for log lines. */
    static final class Json {
        private Json() {
        }

        /** Reads the JSON string starting at the quote at {@code start}. */
        static String readString(String json, int start) {
            StringBuilder out = new StringBuilder();
            for (int i = start + 1; i < json.length(); i++) {
                char c = json.charAt(i);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = json.charAt(++i);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw new AssertionError("unterminated JSON string in " + json);
        }
    }
}
