package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code theater run}'s --request (in order with --send), a delivery to a missing actor (logs still printed, chains
 * still verified, then a non-zero exit), the run start each run marks in the chains, and --resume.
 */
class RunFixesTest {

    private static final Path ROOT = RunCommandTest.ROOT;
    private static final String PONG = ROOT.resolve("examples/ping-pong/pong.toml").toString();
    private static final String WORKER = ROOT.resolve("examples/supervision/worker.toml").toString();

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int theater(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(join(args));
    }

    /** {@code run --home <home> --plugins <built-ins> --exit-after 0ms <args>}. */
    private String[] join(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("run", "--home", home.toString(), "--plugins",
                RunCommandTest.PLUGINS.toString(), "--exit-after", "0ms"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    private String verified(String actor) {
        Path file = home.resolve("chains").resolve(actor + ".chain");
        return "chain of " + actor + ": " + file + ": " + ChainStore.readFile(file).size() + " events verified";
    }

    private List<ChainEvent> chain(String actor) {
        return ChainStore.readFile(home.resolve("chains").resolve(actor + ".chain"));
    }

    @Test
    void requestsPrintTheAnswerInOrderWithSends() {
        int exit = theater("--request", "pong=ping 7", "--send=pong=hi", "--request=pong=ping 8", PONG);

        assertThat(exit).as(err.toString()).isZero();
        // the actor's log lines are printed from its chain by a listener, the answers by the command: each kind in
        // order, an answer before the log of a later delivery, the chain's verification last
        List<String> lines = lines();
        assertThat(lines).containsExactlyInAnyOrder("pong: pong ready", "pong: pong 7", "pong answered: pong 7",
                "pong: pong got: hi", "pong: pong 8", "pong answered: pong 8", verified("pong"));
        assertThat(lines).filteredOn(l -> l.startsWith("pong: "))
                .containsExactly("pong: pong ready", "pong: pong 7", "pong: pong got: hi", "pong: pong 8");
        assertThat(lines).filteredOn(l -> l.startsWith("pong answered: "))
                .containsExactly("pong answered: pong 7", "pong answered: pong 8");
        assertThat(lines.indexOf("pong answered: pong 7")).isLessThan(lines.indexOf("pong: pong got: hi"));
        assertThat(lines.getLast()).isEqualTo(verified("pong"));
        // the deliveries happened in command-line order: request, send, request
        assertThat(chain("pong")).filteredOn(e -> e.eventType().equals("wasm")).extracting(ChainEvent::dataAsString)
                .satisfiesExactly(
                        init -> assertThat(init).startsWith("{\"export\":\"theater:simple/actor#init\""),
                        request -> assertThat(request).contains("#handle-request\"", "\"ping 7\"]"),
                        send -> assertThat(send).contains("#handle-send\"", "\"params\":[\"hi\"]"),
                        request -> assertThat(request).contains("#handle-request\"", "\"ping 8\"]"));
    }

    @Test
    void anAnswerThatIsNotUtf8IsPrintedInBase64() {
        assertThat(Delivery.answer(new byte[] {(byte) 0xff, 0x00, 'x'}))
                .isEqualTo("answered 3 bytes, not UTF-8, base64: /wB4");
        assertThat(Delivery.answer("é ok".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo("answered: é ok");
    }

    @Test
    void aSendToAMissingActorStillPrintsTheLogsAndVerifiesTheChainsThenFails() {
        int exit = theater("--send", "pong=first", "--send", "nobody=hi", "--send", "pong=never", PONG);

        assertThat(exit).isEqualTo(1);
        assertThat(lines()).containsExactly("pong: pong ready", "pong: pong got: first", verified("pong"));
        assertThat(errLines().getLast()).isEqualTo("theater: --send: no running actor 'nobody'; running: [pong]");
        assertThat(chain("pong")).extracting(ChainEvent::dataAsString).noneMatch(d -> d.contains("never"));
    }

    @Test
    void aRequestToAMissingActorFailsTheSameWay() {
        int exit = theater("--request", "nobody=ping 1", PONG);

        assertThat(exit).isEqualTo(1);
        assertThat(lines()).containsExactly("pong: pong ready", verified("pong"));
        assertThat(errLines().getLast()).isEqualTo("theater: --request: no running actor 'nobody'; running: [pong]");
    }

    @Test
    void aMalformedDeliveryIsAnErrorAfterTheChainsAreVerified() {
        int exit = theater("--request", "pong", PONG);

        assertThat(exit).isEqualTo(1);
        assertThat(lines()).containsExactly("pong: pong ready", verified("pong"));
        assertThat(errLines().getLast()).isEqualTo("theater: --request must be ACTOR=MESSAGE, was 'pong'");
    }

    @Test
    void eachRunIsMarkedInTheChainsAndResumeStartsFromTheLastState() {
        assertThat(theater("--send", "worker=job", "--send", "worker=job", WORKER)).as(err.toString()).isZero();
        assertThat(lines()).containsExactly("worker: ready", "worker: did job 1", "worker: did job 2", verified("worker"));

        assertThat(theater("--resume", "--send", "worker=job", WORKER)).as(err.toString()).isZero();
        List<ChainEvent> chain = chain("worker");
        List<ChainEvent> marks = chain.stream().filter(e -> e.eventType().equals("theater/run-started")).toList();
        assertThat(marks).hasSize(2);
        int mark = chain.indexOf(marks.get(1));
        long resumedFrom = chain.subList(0, mark).stream().map(ChainEvent::eventType).toList().lastIndexOf("wasm");
        assertThat(chain.get((int) resumedFrom).dataAsString()).endsWith("\"result\":{\"ok\":[\"{\\\"jobs\\\":2}\"]}}");
        // the printer prints the actor's lines on its own thread: they are in order, this line may come among them
        assertThat(lines()).containsExactlyInAnyOrder("worker: back with {\"jobs\":2}", "worker: did job 3",
                "chain of worker: resumed from the state recorded by event " + resumedFrom, verified("worker"));
        assertThat(lines()).containsSubsequence("worker: back with {\"jobs\":2}", "worker: did job 3", verified("worker"));
        assertThat(marks.get(1).dataAsString()).endsWith(",\"manifest\":\"" + WORKER + "\",\"resumed_from\":"
                + resumedFrom + "}");

        // without --resume, a run starts from the manifest again; its start is marked all the same
        assertThat(theater("--send", "worker=job", WORKER)).as(err.toString()).isZero();
        assertThat(lines()).containsExactly("worker: ready", "worker: did job 1", verified("worker"));
        assertThat(chain("worker")).filteredOn(e -> e.eventType().equals("theater/run-started")).hasSize(3)
                .last().satisfies(e -> assertThat(e.dataAsString()).endsWith(",\"resumed_from\":null}"));
    }

    @Test
    void resumeWithoutAChainSaysSoAndStartsFromTheManifest() {
        int exit = theater("--resume", WORKER);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(lines()).containsExactlyInAnyOrder("worker: ready",
                "chain of worker: no state recorded to resume from; started from the manifest", verified("worker"));
    }
}
