package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainListener;
import dev.theater.chain.Hash;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.Theater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C guest SDK (sdk/c) through the real runtime: test-actors/sdk-probe calls every runtime, message-server-host
 * and supervisor helper and logs what the helper lifted, and returns every export shape (test-actors/README.md,
 * "sdk-probe"). What each line says is checked against what the runtime holds (chains, states, children).
 */
class SdkProbeGuestTest {

    private static final Path PROBE_WASM = Path.of("test-actors/sdk-probe/sdk-probe.wasm"); // run from the project root
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SEND = "theater:simple/message-server-client#handle-send";

    @TempDir
    Path folder;
    @TempDir
    Path home;

    private final Logs logs = new Logs();
    private Theater theater;

    /** The guest under test: the core module here; {@link SdkProbeComponentGuestTest} runs its component form. */
    Path probeWasm() {
        return PROBE_WASM;
    }

    @BeforeEach
    void start() throws IOException {
        Files.copy(probeWasm(), folder.resolve("sdk-probe.wasm"));
        write("probe.toml", manifest("probe", "runtime", "message-server", "supervisor"));
        write("peer.toml", manifest("peer", "runtime", "message-server", "supervisor"));
        write("child.toml", manifest("child", "runtime", "message-server", "supervisor"));
        theater = Theater.builder().home(home).chainListeners(logs).build(); // the built-in handlers, from the class path
    }

    @AfterEach
    void close() {
        theater.close();
    }

    private static String manifest(String name, String... handlers) {
        StringBuilder toml = new StringBuilder("name = \"" + name + "\"\ncomponent_path = \"sdk-probe.wasm\"\n");
        for (String type : handlers) {
            toml.append("[[handlers]]\ntype = \"").append(type).append("\"\n");
        }
        return toml.toString();
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(folder.resolve(file), text, StandardCharsets.UTF_8);
    }

    private ActorRef startActor(String name) {
        ActorRef actor = theater.start(folder.resolve(name + ".toml"));
        logs.await(name, "init " + name + " none");
        return actor;
    }

    private ActorRef actor(String id) {
        return theater.actor(id).orElseThrow(() -> new AssertionError("no running actor '" + id + "': " + theater.actorIds()));
    }

    /** Sends {@code command} and waits until it was handled. */
    private void tell(String id, String command) {
        actor(id).send(utf8(command)).join();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String state(String id) {
        return actor(id).state().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("<none>");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The first 8 bytes of a hash, as get-chain gives it (16 hex digits). */
    private static String hex16(Hash hash) {
        return hex(hash.bytes()).substring(0, 16);
    }

    @Test
    void runtimeHelpersAndTheStateShapesOfHandleSend() throws Exception {
        ActorRef probe = startActor("probe");
        assertThat(state("probe")).isEqualTo("{\"count\":0}");

        tell("probe", "ping");
        tell("probe", "log hello there");
        tell("probe", "state"); // get-state: the state before this call
        String quirky = "q\"\\\n\u0001é";
        tell("probe", quirky);
        assertThat(state("probe")).isEqualTo("{\"count\":4,\"last\":\"q\\\"\\\\\\u000a\\u0001é\"}"); // the SDK's JSON writer
        tell("probe", "last"); // ... and its reader: the message comes back unescaped
        tell("probe", "forget"); // ok(none)
        assertThat(probe.state()).isEmpty();
        tell("probe", "last");
        tell("probe", "state");
        assertThat(logs.await("probe", "state: {\"count\":1,\"last\":\"last\"}")).containsExactly(
                "init probe none", "pong", "hello there", "state: {\"count\":2,\"last\":\"log hello there\"}",
                "got " + quirky, "last: " + quirky, "last: none", "state: {\"count\":1,\"last\":\"last\"}");

        // err(string) and a helper that does not fit the export both fail that call only
        assertThatThrownBy(() -> probe.send(utf8("fail boom")).join()).isInstanceOf(CompletionException.class)
                .cause().hasMessage("actor 'probe': " + SEND + " returned an error: boom");
        assertThatThrownBy(() -> probe.send(utf8("misuse")).join()).cause().hasMessage("actor 'probe': " + SEND
                + " returned an error: theater sdk: handle-send must return theater_return_state, theater_return_no_state,"
                + " theater_return_keep or theater_return_err");
        assertThat(state("probe")).isEqualTo("{\"count\":2,\"last\":\"state\"}");
        assertThat(probe.status()).isEqualTo(ActorStatus.RUNNING);

        tell("probe", "chain");
        String line = logs.awaitStartingWith("probe", "chain: ");
        int count = Integer.parseInt(line.split(" ")[1]);
        List<ChainEvent> chain = probe.chain().subList(0, count);
        ChainEvent first = chain.getFirst();
        ChainEvent last = chain.getLast();
        assertThat(count).isGreaterThan(10);
        assertThat(line).isEqualTo("chain: " + count + " linked " + first.eventType() + " " + hex16(first.hash()) + " none "
                + first.dataLength() + "|" + last.eventType() + " " + hex16(last.hash()) + " "
                + hex16(last.parentHash().orElseThrow()) + " " + last.dataLength());

        tell("probe", "exit {\"bye\":1}"); // shutdown(some), then shutdown(none): an error
        assertThat(logs.await("probe", "shutdown failed: a shutdown is already in progress")).endsWith("shutdown ok", "shutdown failed: a shutdown is already in progress");
        assertThat(probe.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(ActorStatus.STOPPED);
        assertThat(probe.stopReason()).hasValue("the actor called runtime.shutdown with data {\"bye\":1}");
    }

    @Test
    void messageServerHelpersAndTheResponseAndAcceptShapes() {
        startActor("peer");
        startActor("probe");

        tell("probe", "send peer hi");
        logs.await("peer", "got hi");
        tell("probe", "send nobody hi");
        tell("probe", "request peer hi");
        tell("probe", "request peer fail");
        tell("probe", "request peer misuse");
        logs.awaitStartingWith("probe", "request failed: ", 2);
        List<String> lines = logs.of("probe");
        String failedRequest = "request failed: actor 'peer' failed handling request [^:]+: "
                + "theater:simple/message-server-client#handle-request returned an error: ";
        assertThat(lines.subList(1, lines.size())).hasSize(5);
        assertThat(lines.get(1)).isEqualTo("send ok");
        assertThat(lines.get(2)).isEqualTo("send failed: no running actor 'nobody'");
        assertThat(lines.get(3)).isEqualTo("request ok echo: hi");
        assertThat(lines.get(4)).matches(failedRequest + "asked to fail");
        assertThat(lines.get(5)).matches(failedRequest + "theater sdk: handle-request must return"
                + " theater_return_response or theater_return_err");

        // a response answered later (none now), then respond-to-request; then one cancelled
        actor("probe").send(utf8("request peer later")); // blocks the probe until peer answers
        String rid = logs.awaitStartingWith("peer", "deferred ").substring("deferred ".length());
        tell("peer", "outstanding");
        tell("peer", "respond " + rid + " done");
        logs.await("probe", "request ok done");
        tell("peer", "respond " + rid + " again");
        tell("peer", "outstanding");
        actor("probe").send(utf8("request peer later"));
        String rid2 = logs.awaitStartingWith("peer", "deferred ", 2).substring("deferred ".length());
        tell("peer", "cancel " + rid2);
        logs.await("probe", "request failed: actor 'peer' cancelled request " + rid2);
        tell("peer", "cancel " + rid2);
        String noPending = "failed: no pending request '%s' (never received, already answered, cancelled or timed out)";
        assertThat(logs.await("peer", "cancel " + noPending.formatted(rid2))).containsExactly("init peer none", "got hi",
                "deferred " + rid, "outstanding: " + rid, "respond ok", "respond " + noPending.formatted(rid),
                "outstanding: ", "deferred " + rid2, "cancel ok", "cancel " + noPending.formatted(rid2));

        // channels: accepted with a first message, talked on, closed; refused; accepted without a message
        tell("probe", "open peer hi");
        String cid = logs.awaitStartingWith("probe", "open ok ").substring("open ok ".length());
        logs.await("probe", "heard " + cid + ": welcome hi"); // the accept's message, on the new channel
        tell("probe", "say " + cid + " one");
        logs.await("peer", "heard " + cid + ": one");
        tell("probe", "close " + cid);
        logs.await("peer", "channel closed " + cid);
        tell("probe", "say " + cid + " two");
        tell("probe", "close " + cid);
        tell("probe", "open peer no");
        tell("probe", "open peer quiet");
        String quiet = logs.awaitStartingWith("probe", "open ok ", 2).substring("open ok ".length());
        String unknown = "failed: unknown channel '" + cid + "' (never opened, or already closed)";
        List<String> probeLines = logs.of("probe");
        assertThat(probeLines.subList(6, probeLines.size())).containsExactly("request ok done",
                "request failed: actor 'peer' cancelled request " + rid2, "open ok " + cid, "heard " + cid + ": welcome hi",
                "say ok", "close ok", "say " + unknown, "close " + unknown, "open failed: actor 'peer' refused the channel",
                "open ok " + quiet);
        List<String> peerLines = logs.await("peer", "open asked " + quiet);
        assertThat(peerLines.subList(10, 13)).containsExactly("open asked " + cid, "heard " + cid + ": one", "channel closed " + cid);
        assertThat(peerLines.get(13)).startsWith("open asked ").isNotIn("open asked " + cid, "open asked " + quiet); // refused
        assertThat(peerLines).hasSize(15);
    }

    @Test
    void supervisorHelpersAndTheSupervisorHandlersExports() {
        ActorRef probe = startActor("probe");
        tell("probe", "spawn - child.toml");
        tell("probe", "spawn 7 child.toml");
        tell("probe", "resume - child.toml");
        tell("probe", "resume {\"x\":1} child.toml");
        tell("probe", "spawn - missing.toml");
        logs.await("probe.child-1", "init probe.child-1 none");
        logs.await("probe.child-2", "init probe.child-2 7");
        logs.await("probe.child-3", "init probe.child-3 none");
        logs.await("probe.child-4", "init probe.child-4 {\"x\":1}");
        tell("probe", "children");
        logs.awaitStartingWith("probe", "children: ");
        List<String> lines = logs.of("probe");
        assertThat(lines).hasSize(7);
        assertThat(lines.subList(1, 5)).containsExactly("spawn ok probe.child-1", "spawn ok probe.child-2",
                "resume ok probe.child-3", "resume ok probe.child-4");
        assertThat(lines.get(5)).startsWith("spawn failed: ").contains("missing.toml");
        assertThat(lines.get(6)).isEqualTo("children: " + String.join(",", probe.children()));
        assertThat(probe.children()).containsExactlyInAnyOrder("probe.child-1", "probe.child-2", "probe.child-3", "probe.child-4");

        // get-child-state: some, none, err
        tell("probe.child-1", "forget");
        tell("probe", "child-state probe.child-2");
        tell("probe", "child-state probe.child-1");
        tell("probe", "child-state nobody");
        assertThat(logs.awaitStartingWith("probe", "child-state failed: ")).isEqualTo("child-state failed: " + notAChild("nobody"));
        assertThat(logs.of("probe")).containsSubsequence("child-state probe.child-2: 7", "child-state probe.child-1: none");

        // get-child-events: every field of the first and last event, as the child's chain holds them
        tell("probe", "child-events probe.child-2");
        String events = logs.awaitStartingWith("probe", "child-events probe.child-2: ");
        int count = Integer.parseInt(events.substring(events.indexOf(": ") + 2, events.indexOf('|')));
        List<ChainEvent> chain = actor("probe.child-2").chain().subList(0, count);
        assertThat(events).isEqualTo("child-events probe.child-2: " + count + "|" + describe(chain.getFirst()) + "|"
                + describe(chain.getLast()));
        tell("probe", "child-events nobody");
        assertThat(logs.awaitStartingWith("probe", "child-events failed: ")).isEqualTo("child-events failed: " + notAChild("nobody"));

        // restart-child, stop-child (then handle-child-external-stop), both with an error case
        tell("probe", "restart-child probe.child-2");
        logs.await("probe.child-2", "init probe.child-2 7", 2);
        tell("probe", "restart-child nobody");
        tell("probe", "stop-child probe.child-2");
        logs.await("probe", "child-external-stop probe.child-2");
        tell("probe", "stop-child nobody");
        assertThat(logs.awaitStartingWith("probe", "stop-child failed: ")).isEqualTo("stop-child failed: " + notAChild("nobody"));
        assertThat(logs.awaitStartingWith("probe", "restart-child failed: ")).isEqualTo("restart-child failed: " + notAChild("nobody"));
        assertThat(logs.of("probe")).containsSubsequence("restart-child ok probe.child-2", "stop-child ok probe.child-2");

        // handle-child-error (a trap), handle-child-exit with data and without
        actor("probe.child-3").send(utf8("crash"));
        assertThat(logs.awaitStartingWith("probe", "child-error probe.child-3 ")).startsWith(
                "child-error probe.child-3 internal {\"cause\":\"failed\",\"kind\":\"trap\"");
        tell("probe.child-4", "exit {\"bye\":4}");
        logs.await("probe", "child-exit probe.child-4 {\"bye\":4}");
        tell("probe.child-1", "exit");
        logs.await("probe", "child-exit probe.child-1 none");
        assertThat(logs.await("probe.child-1", "shutdown failed: a shutdown is already in progress"))
                .endsWith("shutdown ok", "shutdown failed: a shutdown is already in progress");
        tell("probe", "children");
        logs.await("probe", "children: ");
    }

    /** The supervisor handler's error for an id that is not one of the probe's children. */
    private static String notAChild(String id) {
        return "'" + id + "' is not a child of actor 'probe'";
    }

    /** An event as sdk-probe's child-events line shows it. */
    private static String describe(ChainEvent e) {
        return e.eventType() + " " + hex(e.hash().bytes()) + " " + e.parentHash().map(h -> hex(h.bytes())).orElse("none")
                + " " + e.timestamp() + " " + e.description().orElse("none") + " " + e.dataAsString();
    }

    /** Every runtime.log line of every actor, as it reaches the chains, with waits that say what they waited for. */
    static final class Logs implements Function<String, Optional<ChainListener>> {
        private final Map<String, List<String>> lines = new HashMap<>(); // guarded by this

        @Override
        public Optional<ChainListener> apply(String actorId) {
            return Optional.of(new ChainListener() {
                @Override
                public boolean accepts(ChainEvent event) {
                    return event.eventType().equals("theater:simple/runtime/log");
                }

                @Override
                public void onEvent(ChainEvent event) {
                    JObject call = (JObject) JsonReader.parse(event.data());
                    String msg = ((JString) ((JObject) call.get("args").orElseThrow()).get("msg").orElseThrow()).value();
                    synchronized (Logs.this) {
                        lines.computeIfAbsent(actorId, id -> new ArrayList<>()).add(msg);
                        Logs.this.notifyAll();
                    }
                }
            });
        }

        synchronized List<String> of(String actorId) {
            return List.copyOf(lines.getOrDefault(actorId, List.of()));
        }

        List<String> await(String actorId, String line) {
            return await(actorId, line, 1);
        }

        synchronized List<String> await(String actorId, String line, int times) {
            waitFor(actorId, "log '" + line + "' " + times + " time(s)", () -> of(actorId).stream().filter(line::equals).count() >= times);
            return of(actorId);
        }

        String awaitStartingWith(String actorId, String prefix) {
            return awaitStartingWith(actorId, prefix, 1);
        }

        /** The {@code nth} line of {@code actorId} starting with {@code prefix}, once there is one. */
        synchronized String awaitStartingWith(String actorId, String prefix, int nth) {
            waitFor(actorId, "log a line starting with '" + prefix + "' " + nth + " time(s)",
                    () -> of(actorId).stream().filter(l -> l.startsWith(prefix)).count() >= nth);
            return of(actorId).stream().filter(l -> l.startsWith(prefix)).skip(nth - 1).findFirst().orElseThrow();
        }

        private void waitFor(String actorId, String what, java.util.function.BooleanSupplier done) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("actor '" + actorId + "' did not " + what + " within " + WAIT.toSeconds()
                            + " s; it logged " + of(actorId));
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
