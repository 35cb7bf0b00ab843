package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.TheaterException;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that share a home: {@link Theater.Builder#recordRunStarts} marks each run's start in every chain, and
 * {@link StartOptions#resumeFromChain()} starts an actor from the last state its chain holds. The guest is the
 * supervision example's worker ({@code {"jobs":N}}; its init logs {@code back with <state>} when given one).
 */
class RunStartAndResumeTest {

    @TempDir
    Path home;

    private final ProbeProvider probe = new ProbeProvider();

    private Theater.Builder builder() {
        return Theater.builder().home(home).serviceLoader(false).addProvider(probe);
    }

    /** A manifest file for {@code guest} (a worker unless named otherwise) with the probe handler. */
    private Path manifest(String name, Path wasm) throws Exception {
        Path file = home.resolve(name + ".toml");
        Files.createDirectories(home);
        Files.writeString(file, "name = \"" + name + "\"\ncomponent_path = \"" + wasm.toString().replace("\\", "/")
                + "\"\n[[handlers]]\ntype = \"probe\"\n");
        return file;
    }

    private Path worker() throws Exception {
        return manifest("worker", TestActors.root().getParent().resolve("examples/supervision/worker.wasm"));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonValue.JObject json(ChainEvent event) {
        return (JsonValue.JObject) JsonReader.parse(event.data());
    }

    private static String text(JsonValue.JObject o, String key) {
        return ((JsonValue.JString) o.get(key).orElseThrow()).value();
    }

    private List<ChainEvent> chain(String actor) {
        return ChainStore.readFile(home.resolve("chains").resolve(actor + ".chain"));
    }

    private static List<ChainEvent> runStarts(List<ChainEvent> chain) {
        return chain.stream().filter(e -> e.eventType().equals(RunStart.EVENT_TYPE)).toList();
    }

    @Test
    void eachRunIsMarkedInTheChainBeforeTheActorStarts() throws Exception {
        Path manifest = worker();
        String first;
        try (Theater theater = builder().recordRunStarts(true).build()) {
            first = theater.runId().orElseThrow();
            theater.start(ManifestParser.parse(manifest), StartOptions.defaults()).send(utf8("job")).join();
        }
        String second;
        try (Theater theater = builder().recordRunStarts(true).build()) {
            second = theater.runId().orElseThrow();
            theater.start(ManifestParser.parse(manifest), StartOptions.defaults());
        }

        List<ChainEvent> chain = chain("worker");
        List<ChainEvent> marks = runStarts(chain);
        assertThat(marks).hasSize(2);
        assertThat(chain.getFirst()).isEqualTo(marks.getFirst());
        assertThat(chain.get(1).eventType()).isEqualTo("lifecycle/starting");
        assertThat(marks).extracting(e -> text(json(e), "run")).containsExactly(first, second);
        assertThat(first).isNotEqualTo(second);
        assertThat(marks).extracting(e -> text(json(e), "manifest")).containsOnly(manifest.toString());
        assertThat(marks).extracting(e -> json(e).get("resumed_from").orElseThrow()).containsOnly(JsonValue.JNull.NULL);
        assertThat(marks).extracting(e -> e.description().orElseThrow()).containsExactly("run " + first, "run " + second);
        // the second run's mark follows the first run's stop
        int secondMark = chain.indexOf(marks.get(1));
        assertThat(chain.get(secondMark - 1).eventType()).isEqualTo("lifecycle/stopped");
        assertThat(chain.get(secondMark + 1).eventType()).isEqualTo("lifecycle/starting");
        assertThat(probe.logs).containsExactly("worker: ready", "worker: did job 1", "worker: (stopping)",
                "worker: ready", "worker: (stopping)");
    }

    @Test
    void withoutRecordRunStartsNoRunIsMarked() throws Exception {
        try (Theater theater = builder().build()) {
            assertThat(theater.runId()).isEmpty();
            theater.start(ManifestParser.parse(worker()), StartOptions.defaults());
        }

        assertThat(chain("worker").getFirst().eventType()).isEqualTo("lifecycle/starting");
        assertThat(runStarts(chain("worker"))).isEmpty();
    }

    @Test
    void resumeStartsFromTheLastStateTheChainHolds() throws Exception {
        Path manifest = worker();
        try (Theater theater = builder().recordRunStarts(true).build()) {
            ActorRef worker = theater.start(ManifestParser.parse(manifest), StartOptions.defaults());
            worker.send(utf8("job")).join();
            worker.send(utf8("job")).join();
        }
        List<ChainEvent> before = chain("worker");
        long lastWasm = before.size() - 1 - before.reversed().stream().map(ChainEvent::eventType).toList().indexOf("wasm");

        ActorRef resumed;
        try (Theater theater = builder().recordRunStarts(true).build()) {
            resumed = theater.start(ManifestParser.parse(manifest), StartOptions.defaults().resumeFromChain());
            assertThat(new String(resumed.state().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"jobs\":2}");
            assertThat(resumed.resumedFrom()).contains(lastWasm);
            resumed.send(utf8("job")).join();
        }

        assertThat(probe.logs).containsExactly("worker: ready", "worker: did job 1", "worker: did job 2",
                "worker: (stopping)", "worker: back with {\"jobs\":2}", "worker: did job 3", "worker: (stopping)");
        assertThat(before.get((int) lastWasm).dataAsString()).endsWith("\"result\":{\"ok\":[\"{\\\"jobs\\\":2}\"]}}");
        ChainEvent mark = runStarts(chain("worker")).getLast();
        assertThat(((JsonValue.JNumber) json(mark).get("resumed_from").orElseThrow()).asLong()).isEqualTo(lastWasm);
        assertThat(mark.description().orElseThrow()).endsWith(", resumed from event " + lastWasm);
    }

    @Test
    void resumeWithoutARecordedStateStartsFromTheManifest() throws Exception {
        try (Theater theater = builder().recordRunStarts(true).build()) {
            ActorRef worker = theater.start(ManifestParser.parse(worker()), StartOptions.defaults().resumeFromChain());
            assertThat(worker.resumedFrom()).isEmpty();
            assertThat(new String(worker.state().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"jobs\":0}");
        }

        assertThat(probe.logs).containsExactly("worker: ready", "worker: (stopping)");
        assertThat(json(runStarts(chain("worker")).getFirst()).get("resumed_from")).contains(JsonValue.JNull.NULL);
    }

    @Test
    void anErrorResultKeptTheStateBeforeIt() throws Exception {
        // lifecycle: a message becomes its state, except "fail", which returns an error and keeps the state
        Path manifest = manifest("lifecycle", TestActors.wasm("lifecycle"));
        try (Theater theater = builder().build()) {
            ActorRef actor = theater.start(ManifestParser.parse(manifest), StartOptions.defaults());
            actor.send(utf8("kept")).join();
            assertThatThrownBy(() -> actor.send(utf8("fail")).join()).hasCauseInstanceOf(TheaterException.class);
        }
        List<ChainEvent> chain = chain("lifecycle");
        long kept = chain.stream().map(ChainEvent::dataAsString).toList().indexOf(
                "{\"export\":\"theater:simple/message-server-client#handle-send\",\"params\":[\"kept\"],"
                        + "\"result\":{\"ok\":[\"kept\"]}}");
        assertThat(kept).isPositive();

        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain opened = store.open("lifecycle")) {
            assertThat(RecordedState.lastIn(opened)).hasValueSatisfying(recorded -> {
                assertThat(recorded.event()).isEqualTo(kept);
                assertThat(recorded.state()).hasValueSatisfying(s -> assertThat(s).isEqualTo(utf8("kept")));
            });
        }
    }

    @Test
    void aStateThatIsNotUtf8IsResumedFromItsBase64AndNoStateAsNone() {
        // the guests here log what they are sent, which must be UTF-8: these events are written as ExportCall does
        byte[] binary = {(byte) 0xff, 0x00, 'x'};
        try (ChainStore store = ChainStore.builder().home(home).build(); ActorChain chain = store.open("bytes")) {
            chain.append("wasm", utf8("{\"export\":\"theater:simple/message-server-client#handle-send\",\"params\":"
                    + "[\"x\"],\"result\":{\"ok\":[{\"base64\":\"/wB4\"}]}}"));
            assertThat(RecordedState.lastIn(chain)).hasValueSatisfying(r -> {
                assertThat(r.event()).isZero();
                assertThat(r.state().orElseThrow()).isEqualTo(binary);
            });
            chain.append("wasm", utf8("{\"export\":\"theater:simple/message-server-client#handle-send\",\"params\":"
                    + "[\"clear\"],\"result\":{\"ok\":[null]}}"));
            assertThat(RecordedState.lastIn(chain)).hasValueSatisfying(r -> {
                assertThat(r.event()).isEqualTo(1);
                assertThat(r.state()).isEmpty();
            });
        }
    }

    @Test
    void aStateRecordedAsItsHashCannotBeResumedAndTheIdStaysFree() throws Exception {
        Path manifest = worker();
        try (Theater theater = builder().chainPayloadLimit(4).build()) {
            theater.start(ManifestParser.parse(manifest), StartOptions.defaults()); // {"jobs":0} is 10 bytes
        }
        List<ChainEvent> chain = chain("worker");
        long init = chain.stream().map(ChainEvent::eventType).toList().indexOf("wasm");

        try (Theater theater = builder().build()) {
            assertThatThrownBy(() -> theater.start(ManifestParser.parse(manifest), StartOptions.defaults().resumeFromChain()))
                    .isInstanceOf(TheaterException.class)
                    .hasMessage("actor 'worker': cannot resume from its chain: the last state (event " + init + ") is 10"
                            + " bytes, past the chain payload limit it was recorded with, so the chain holds only its"
                            + " SHA-256; raise the limit (theater run --chain-payload-limit) to keep states resumable");
            assertThat(theater.start(ManifestParser.parse(manifest), StartOptions.defaults()).status())
                    .isEqualTo(ActorStatus.RUNNING);
        }
        assertThat(chain("worker")).hasSizeGreaterThan(chain.size()); // the refused start wrote nothing
        assertThat(chain("worker").get(chain.size()).eventType()).isEqualTo("lifecycle/starting");
        assertThat(probe.logs).containsExactly("worker: ready", "worker: (stopping)", "worker: ready",
                "worker: (stopping)");
    }
}
