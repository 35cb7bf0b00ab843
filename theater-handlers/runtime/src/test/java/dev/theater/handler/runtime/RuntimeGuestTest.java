package dev.theater.handler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.Theater;
import dev.theater.core.EngineMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four runtime functions through a real guest (test-actors/runtime-probe, described in test-actors/README.md). */
class RuntimeGuestTest {

    static final Path PROBE = Path.of(System.getProperty("theater.testActors", "../../test-actors"), "runtime-probe");
    static final String MANIFEST = """
            name = "probe"
            component_path = "runtime-probe.wasm"
            [[handlers]]
            type = "runtime"
            [[handlers]]
            type = "driver"
            """;

    @TempDir
    Path home;

    private Theater theater;
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final Logger julLogger = Logger.getLogger("dev.theater.handler.runtime");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            printed.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void startTheater() {
        julLogger.addHandler(capture);
        theater = Theater.builder().home(home).engineMode(EngineMode.COMPILER)
                .addProvider(new RuntimeHandlerProvider()).addProvider(new DriverProvider()).build();
    }

    @AfterEach
    void closeTheater() {
        theater.close();
        julLogger.removeHandler(capture);
    }

    private static List<String> logs(ActorRef actor) {
        return actor.chain().stream().filter(e -> e.eventType().equals("theater:simple/runtime/log"))
                .map(e -> e.dataAsString()).toList();
    }

    private static String logged(String line) {
        return "{\"args\":{\"msg\":\"" + line.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
    }

    private static void send(ActorRef actor, String message) throws Exception {
        actor.send(message.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void logPrintsWithTheActorIdAndIsRecordedInTheChain() {
        ActorRef probe = theater.start(MANIFEST, PROBE);
        assertThat(printed).contains("INFO [probe] probe probe");
        assertThat(logs(probe)).containsExactly(logged("probe probe"));
    }

    @Test
    void getStateReturnsTheStateOfTheLastCompletedCall() throws Exception {
        ActorRef probe = theater.start(MANIFEST, PROBE);
        send(probe, "state");
        send(probe, "state");
        assertThat(logs(probe)).containsExactly(logged("probe probe"), logged("state: {\"n\":0}"),
                logged("state: {\"n\":1}"));
        assertThat(new String(probe.state().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
    }

    @Test
    void getChainReturnsTheRealEventsLinkedByTheirHashes() throws Exception {
        ActorRef probe = theater.start(MANIFEST, PROBE);
        send(probe, "hello");
        send(probe, "chain");
        String line = logs(probe).getLast();
        List<ChainEvent> chain = probe.chain();
        String prefix = logged("chain: ");
        assertThat(line).startsWith(prefix.substring(0, prefix.length() - 3));
        String body = line.substring(line.indexOf("chain: ") + 7, line.length() - 3);
        String[] parts = body.split(" ", 3);
        int count = Integer.parseInt(parts[0]);
        assertThat(parts[1]).isEqualTo("linked");
        assertThat(count).isGreaterThanOrEqualTo(5).isLessThan(chain.size());
        assertThat(List.of(parts[2].split(","))).isEqualTo(chain.subList(0, count).stream()
                .map(ChainEvent::eventType).toList());
        assertThat(parts[2]).contains("theater:simple/runtime/log");
    }

    @Test
    void shutdownStopsTheActorAndASecondShutdownIsAnError() throws Exception {
        ActorRef probe = theater.start(MANIFEST, PROBE);
        send(probe, "stop");
        assertThat(logs(probe)).endsWith(logged("shutdown ok"),
                logged("shutdown failed: a shutdown is already in progress"));
        assertThat(probe.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(ActorStatus.STOPPED);
        assertThat(probe.stopReason()).hasValue("the actor called runtime.shutdown with data {\"bye\":1}");
    }
}
