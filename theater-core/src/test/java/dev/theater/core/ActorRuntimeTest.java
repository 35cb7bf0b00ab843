package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.HandlerException;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The actor runtime driven through the embedding API, with real C-built guests and a real (small) handler. */
class ActorRuntimeTest {

    private static final String SEND = "theater:simple/message-server-client#handle-send";

    @TempDir
    Path home;

    private final ProbeProvider probe = new ProbeProvider();
    private Theater theater;

    private Theater theater() {
        if (theater == null) {
            theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe)
                    .handlerStopTimeout(Duration.ofMillis(300)).build();
        }
        return theater;
    }

    @AfterEach
    void close() {
        if (theater != null) {
            theater.close();
        }
    }

    private static String manifest(String guest, String extra) {
        return "name = \"" + guest + "\"\n"
                + "component_path = \"" + TestActors.wasm(guest).toString().replace("\\", "/") + "\"\n"
                + "[[handlers]]\ntype = \"probe\"\n" + extra;
    }

    private ActorRef start(String guest, String extra) {
        return theater().start(manifest(guest, extra), home);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(java.util.Optional<byte[]> state) {
        return state.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("(none)");
    }

    private static ActorCallException callFailure(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(ActorCallException.class);
            return (ActorCallException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void callsInitWithTheActorIdAndThreadsStateThroughCalls() {
        ActorRef actor = start("lifecycle", "");

        assertThat(actor.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(probe.logs).containsExactly("lifecycle: init lifecycle");
        assertThat(text(actor.state())).isEqualTo("started");

        actor.send(utf8("hello")).join();
        assertThat(text(actor.state())).isEqualTo("hello");
        actor.send(utf8("clear")).join();
        assertThat(actor.state()).isEmpty();
        assertThat(probe.logs).containsExactly("lifecycle: init lifecycle", "lifecycle: got hello");
    }

    @Test
    void anErrorResultFailsThatCallOnly() {
        ActorRef actor = start("lifecycle", "");
        actor.send(utf8("kept")).join();

        ActorCallException failure = callFailure(actor.send(utf8("fail")));

        assertThat(failure.kind()).isEqualTo(ActorCallException.Kind.ERROR_RESULT);
        assertThat(failure).hasMessage("actor 'lifecycle': " + SEND + " returned an error: asked to fail");
        assertThat(actor.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(text(actor.state())).isEqualTo("kept");
        actor.send(utf8("after")).join();
        assertThat(text(actor.state())).isEqualTo("after");
    }

    @Test
    void aTrapFailsTheCallAndStopsTheActor() throws Exception {
        ActorRef actor = start("lifecycle", "");

        ActorCallException failure = callFailure(actor.send(utf8("trap")));

        assertThat(failure.kind()).isEqualTo(ActorCallException.Kind.TRAP);
        // "Trapped on unreachable instruction" is Chicory's wording for the guest's __builtin_trap
        String trap = TestActors.wasm("lifecycle") + ": export '" + SEND + "' trapped: Trapped on unreachable instruction";
        assertThat(failure).hasMessage("actor 'lifecycle': " + trap);
        // as soon as the caller sees the failure, the status says so and the registry agrees (no wait for the stop)
        assertThat(actor.status()).isEqualTo(ActorStatus.FAILED);
        assertThat(theater().actorIds()).isEmpty();
        assertThat(theater().actor("lifecycle")).isEmpty();
        assertThat(actor.stopped().get(10, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
        assertThat(actor.status()).isEqualTo(ActorStatus.FAILED);
        assertThat(actor.stopReason()).hasValue(trap);
        assertThat(theater().actorIds()).isEmpty();
        ActorCallException again = callFailure(actor.send(utf8("again")));
        assertThat(again.kind()).isEqualTo(ActorCallException.Kind.STOPPED);
        assertThat(again).hasMessage("actor 'lifecycle': " + SEND + " was not called: the actor is failed (" + trap + ")");
    }

    @Test
    void aCallPastItsDeadlineIsStoppedAndTheActorFails() throws Exception {
        ActorRef actor = start("lifecycle", "[limits]\ncall_timeout_ms = 300\n");

        ActorCallException failure = callFailure(actor.send(utf8("spin")));

        assertThat(failure.kind()).isEqualTo(ActorCallException.Kind.TIMEOUT);
        assertThat(failure).hasMessage("actor 'lifecycle': " + SEND + " exceeded its deadline of 300 ms and was stopped");
        assertThat(actor.stopped().get(10, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
        assertThat(actor.status()).isEqualTo(ActorStatus.FAILED);
        assertThat(actor.stopReason()).hasValue(failure.describe());
    }

    @Test
    void aFullMailboxPushesBackThenRefuses() {
        ActorRef actor = start("lifecycle", "[limits]\ncall_timeout_ms = 2000\nmailbox_capacity = 1\nmailbox_wait_ms = 200\n");

        CompletableFuture<Void> spinning = actor.send(utf8("spin"));
        waitUntilRunning(actor);
        CompletableFuture<Void> queued = actor.send(utf8("queued"));
        ActorCallException full = callFailure(actor.send(utf8("one too many")));

        assertThat(full.kind()).isEqualTo(ActorCallException.Kind.MAILBOX_FULL);
        assertThat(full).hasMessage("actor 'lifecycle': mailbox full (1 calls) for 200 ms; " + SEND + " was not queued");
        ActorCallException timedOut = callFailure(spinning);
        assertThat(timedOut.kind()).isEqualTo(ActorCallException.Kind.TIMEOUT);
        assertThat(timedOut).hasMessage("actor 'lifecycle': " + SEND + " exceeded its deadline of 2000 ms and was stopped");
        ActorCallException dropped = callFailure(queued);
        assertThat(dropped.kind()).isEqualTo(ActorCallException.Kind.STOPPED);
        assertThat(dropped).hasMessage("actor 'lifecycle': " + SEND + " was not called: " + timedOut.describe());
    }

    /** Waits until the mailbox thread has taken the spinning call, so the next one waits in the mailbox. */
    private static void waitUntilRunning(ActorRef actor) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (actor.chain().stream().noneMatch(e -> e.eventType().equals("lifecycle/running"))
                || actor.actor().queuedCalls() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the spinning call never started");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void anImportNoListedHandlerProvidesFailsTheStartNamingIt() {
        assertThatThrownBy(() -> start("shapes", ""))
                .isInstanceOf(HandlerException.class)
                .hasMessage("actor 'shapes': import 'theater:simple/message-server-host.send' has no handler;"
                        + " the manifest lists [probe]; no known handler provides interface 'theater:simple/message-server-host'");
        assertThat(theater().actorIds()).isEmpty();
    }

    @Test
    void anUnknownHandlerTypeIsNamedWithItsLine() {
        assertThatThrownBy(() -> theater().start(manifest("lifecycle", "[[handlers]]\ntype = \"timng\"\n"), home))
                .isInstanceOf(HandlerException.class)
                .hasMessage("actor 'lifecycle': <string>:5: unknown handler type 'timng'; known types are [probe]");
    }

    @Test
    void anErrorDuringStartReleasesTheIdTheChainAndTheMemory() throws Exception {
        String broken = manifest("lifecycle", "").replace("type = \"probe\"\n",
                "type = \"probe\"\nconfig = { overflow_on_start = true }\n");
        assertThatThrownBy(() -> theater().start(broken, home))
                .isInstanceOf(TheaterException.class)
                .hasMessage("actor 'lifecycle': failed to start: java.lang.StackOverflowError")
                .extracting(e -> ((TheaterException) e).phase()).isEqualTo(TheaterException.Phase.RUNTIME);
        assertThat(theater().actorIds()).isEmpty();

        ActorRef again = start("lifecycle", ""); // the same id, the same chain file: both were released
        assertThat(again.status()).isEqualTo(ActorStatus.RUNNING);
        List<String> types = again.chain().stream().map(ChainEvent::eventType).toList();
        assertThat(types.subList(0, types.indexOf("lifecycle/stopped") + 1)).containsExactly("lifecycle/starting",
                "lifecycle/linked", "lifecycle/stopping", "lifecycle/stopped");
    }

    @Test
    void anActorWithoutInitIsRefused() {
        assertThatThrownBy(() -> start("runaway", ""))
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("actor 'runaway': " + TestActors.wasm("runaway")
                        + " has no export 'theater:simple/actor#init'; every actor must export it");
    }

    @Test
    void anIdCanRunOnlyOnceAtATime() {
        start("lifecycle", "");

        assertThatThrownBy(() -> start("lifecycle", ""))
                .isInstanceOf(TheaterException.class)
                .hasMessage("<string>: an actor with id 'lifecycle' is already running; give this one another id");
        ActorRef second = theater().start(dev.theater.core.manifest.ManifestParser.parse(manifest("lifecycle", ""),
                "<string>", home), StartOptions.defaults().withId("lifecycle-2"));
        assertThat(second.id()).isEqualTo("lifecycle-2");
        assertThat(theater().actorIds()).containsExactly("lifecycle", "lifecycle-2");
    }

    /**
     * The chain payload rule, on both sides of the limit: a message, the log line holding it and the state it
     * becomes are recorded in full up to the limit and as size and SHA-256 past it, in every event that carries them.
     */
    @Test
    void payloadsPastTheChainPayloadLimitAreRecordedAsTheirSizeAndHash() throws Exception {
        theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe).chainPayloadLimit(68).build();
        ActorRef actor = start("lifecycle", "");
        String fits = "a".repeat(64); // "got " + 64 bytes = 68: the log line is exactly at the limit
        String past = "é".repeat(35); // 70 UTF-8 bytes in 35 chars: only the byte count is past the limit
        actor.send(utf8(fits)).join();
        actor.send(utf8(past)).join();
        assertThat(text(actor.state())).isEqualTo(past); // only the record is short
        actor.stop();

        List<ChainEvent> events = ChainStore.readFile(theater.chains().fileOf("lifecycle"));
        List<String> logs = events.stream().filter(e -> e.eventType().equals("theater:simple/runtime/log"))
                .map(ChainEvent::dataAsString).toList();
        List<String> calls = events.stream().filter(e -> e.eventType().equals("wasm"))
                .map(ChainEvent::dataAsString).toList();
        assertThat(logs.get(1)).isEqualTo("{\"args\":{\"msg\":\"got " + fits + "\"}}");
        assertThat(calls.get(1)).isEqualTo("{\"export\":\"" + SEND + "\",\"params\":[\"" + fits + "\"],"
                + "\"result\":{\"ok\":[\"" + fits + "\"]}}");
        String pastRef = sizeAndHash(utf8(past));
        assertThat(logs.get(2)).isEqualTo("{\"args\":{\"msg\":" + sizeAndHash(utf8("got " + past)) + "}}");
        assertThat(calls.get(2)).isEqualTo("{\"export\":\"" + SEND + "\",\"params\":[" + pastRef + "],"
                + "\"result\":{\"ok\":[" + pastRef + "]}}");
        assertThat(ChainStore.verifyFile(theater.chains().fileOf("lifecycle")).valid()).isTrue();
    }

    @Test
    void aHandlerCanHaveTheChainRecordOtherValuesThanTheCallGot() {
        ActorRef actor = start("lifecycle", "config = { record_log_as = \"(redacted)\" }\n");
        actor.send(utf8("secret")).join();
        actor.stop();
        assertThat(probe.logs).contains("lifecycle: got secret"); // the function got the real value
        List<String> logs = ChainStore.readFile(theater.chains().fileOf("lifecycle")).stream()
                .filter(e -> e.eventType().equals("theater:simple/runtime/log")).map(ChainEvent::dataAsString).toList();
        assertThat(logs).isNotEmpty().allMatch(l -> l.equals("{\"args\":{\"msg\":\"(redacted)\"}}"));
    }

    private static String sizeAndHash(byte[] bytes) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        return "{\"size\":" + bytes.length + ",\"sha256\":\"" + java.util.HexFormat.of().formatHex(digest) + "\"}";
    }

    @Test
    void recordsEveryPhaseHostCallAndExportCallInAVerifiableChain() {
        ActorRef actor = start("lifecycle", "");
        actor.send(utf8("hello")).join();
        actor.stop();

        List<ChainEvent> events = ChainStore.readFile(theater().chains().fileOf("lifecycle"));
        assertThat(events).extracting(ChainEvent::eventType).containsExactly(
                "lifecycle/starting", "lifecycle/linked",
                "theater:simple/runtime/log", "wasm", "lifecycle/running",
                "theater:simple/runtime/log", "wasm",
                "lifecycle/stopping", "lifecycle/stopped");
        assertThat(events.get(2).dataAsString()).isEqualTo("{\"args\":{\"msg\":\"init lifecycle\"}}");
        assertThat(events.get(6).dataAsString()).isEqualTo("{\"export\":\"" + SEND + "\",\"params\":[\"hello\"],"
                + "\"result\":{\"ok\":[\"hello\"]}}");
        assertThat(ChainStore.verifyFile(theater().chains().fileOf("lifecycle")).valid()).isTrue();
    }

    @Test
    void aHandlerThatDoesNotStopInTimeIsInterruptedAndThatIsRecorded() {
        ActorRef actor = start("lifecycle", "  [handlers.config]\n  hang_on_stop = true\n");

        actor.stop();

        List<ChainEvent> events = ChainStore.readFile(theater().chains().fileOf("lifecycle"));
        assertThat(events).extracting(ChainEvent::eventType)
                .containsSubsequence("lifecycle/stopping", "lifecycle/handler-stop-timeout", "lifecycle/stopped");
        assertThat(events).filteredOn(e -> e.eventType().equals("lifecycle/handler-stop-timeout"))
                .singleElement().extracting(ChainEvent::dataAsString)
                .isEqualTo("{\"reason\":\"handler 'probe' did not stop within 300 ms and was interrupted\"}");
    }

    @Test
    void handlersAreToldOfAStopBeforeItWaitsForTheCurrentCall() throws Exception {
        ActorRef actor = start("lifecycle", "  [handlers.config]\n  block_on_log = true\n");
        CompletableFuture<Void> call = actor.send(utf8("block"));
        assertThat(probe.blocked.await(10, TimeUnit.SECONDS)).isTrue();

        actor.stop(); // the call blocked in log is released by stopping(), not interrupted at the 300 ms deadline

        call.get(10, TimeUnit.SECONDS); // it returned normally: the guest went on and returned ok
        assertThat(actor.status()).isEqualTo(ActorStatus.STOPPED);
        assertThat(probe.logs).containsExactly("lifecycle: init lifecycle", "lifecycle: got block",
                "lifecycle: (stopping)", "lifecycle: (log returns)");
        assertThat(ChainStore.readFile(theater().chains().fileOf("lifecycle"))).extracting(ChainEvent::eventType)
                .containsSubsequence("lifecycle/stopping", "wasm", "lifecycle/stopped")
                .doesNotContain("lifecycle/handler-stopping-timeout", "lifecycle/handler-stop-timeout");
    }

    @Test
    void aCallItsCallerWithdrewWhileItWaitedDoesNotRunAndIsNotRecorded() throws Exception {
        ActorRef actor = start("lifecycle", "  [handlers.config]\n  block_on_log = true\n");
        CompletableFuture<Void> blocking = actor.send(utf8("block"));
        assertThat(probe.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        java.util.concurrent.atomic.AtomicBoolean wanted = new java.util.concurrent.atomic.AtomicBoolean(true);
        var withdrawn = probe.lastHandleSend.offer(dev.theater.api.wit.WitValue.TupleValue.of(
                new dev.theater.api.wit.WitValue.Bytes(utf8("x"))), wanted::get);
        var kept = probe.lastHandleSend.offer(dev.theater.api.wit.WitValue.TupleValue.of(
                new dev.theater.api.wit.WitValue.Bytes(utf8("y"))), () -> true);
        wanted.set(false); // while both wait behind the blocked call

        actor.stop(); // releases the blocked call; the two queued before the stop still get their turn

        blocking.get(10, TimeUnit.SECONDS);
        kept.get(10, TimeUnit.SECONDS);
        ActorCallException failure = callFailure(withdrawn);
        assertThat(failure.kind()).isEqualTo(ActorCallException.Kind.WITHDRAWN);
        assertThat(failure).hasMessage("actor 'lifecycle': " + SEND + " was withdrawn by its caller before it ran");
        assertThat(probe.logs).contains("lifecycle: got y").doesNotContain("lifecycle: got x");
        assertThat(ChainStore.readFile(theater().chains().fileOf("lifecycle")))
                .filteredOn(e -> e.eventType().equals("wasm")).extracting(ChainEvent::dataAsString)
                .noneMatch(d -> d.contains("\"params\":[\"x\"]")).anyMatch(d -> d.contains("\"params\":[\"y\"]"));
    }

    @Test
    void anOfferNeverWaitsForRoomInAFullMailbox() throws Exception {
        ActorRef actor = theater().start(manifest("lifecycle", "  [handlers.config]\n  block_on_log = true\n"
                + "[limits]\nmailbox_capacity = 1\nmailbox_wait_ms = 60000\n"), home);
        CompletableFuture<Void> blocking = actor.send(utf8("block"));
        assertThat(probe.blocked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> queued = actor.send(utf8("queued")); // takes the one free place

        var refused = probe.lastHandleSend.offer(dev.theater.api.wit.WitValue.TupleValue.of(
                new dev.theater.api.wit.WitValue.Bytes(utf8("z"))), () -> true);

        // no 60 s wait for room: the offer fails at once
        ActorCallException failure = callFailure(refused);
        assertThat(failure.kind()).isEqualTo(ActorCallException.Kind.MAILBOX_FULL);
        assertThat(failure).hasMessage("actor 'lifecycle': mailbox full (1 calls); " + SEND + " was not queued");
        actor.stop();
        blocking.get(10, TimeUnit.SECONDS);
        queued.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theManifestCapsMemory() throws Exception {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        ActorRef roomy = theater().start(manifest("lifecycle", "[limits]\nmax_memory_pages = 4\n"), home);
        roomy.send(big).join();
        assertThat(roomy.state()).hasValueSatisfying(s -> assertThat(s).hasSize(big.length));

        ActorRef capped = theater().start(dev.theater.core.manifest.ManifestParser.parse(
                manifest("lifecycle", "[limits]\nmax_memory_pages = 1\n"), "<string>", home),
                StartOptions.defaults().withId("capped"));
        ActorCallException failure = callFailure(capped.send(big));

        // the guest's allocator cannot grow past one page: it traps in cabi_realloc while the host lowers the message
        assertThat(failure.kind()).isEqualTo(ActorCallException.Kind.TRAP);
        assertThat(failure).hasMessage("actor 'capped': " + SEND + " trapped: " + TestActors.wasm("lifecycle")
                + ": export 'cabi_realloc' trapped: Trapped on unreachable instruction");
        assertThat(capped.stopped().get(10, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
        assertThat(capped.status()).isEqualTo(ActorStatus.FAILED);
        assertThat(capped.stopReason()).hasValue(failure.describe());
        assertThat(roomy.status()).isEqualTo(ActorStatus.RUNNING);
    }
}
