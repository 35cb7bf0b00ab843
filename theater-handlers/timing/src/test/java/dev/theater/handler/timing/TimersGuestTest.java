package dev.theater.handler.timing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code theater:simple/timers} and the {@code handle-timer} export through the timing-probe and timing-notimer
 * guests (test-actors/README.md): firing, cancelling (also a firing already queued), the limits, a busy actor,
 * a full mailbox, and timers ending with their actor: stop, restart.
 */
class TimersGuestTest {

    static final String ID = "timer-[0-9a-f]{8}-\\d+";
    static final String HANDLE_TIMER = "theater:simple/timer-handlers#handle-timer";

    @TempDir
    Path home;

    private App app;

    @BeforeEach
    void start() throws Exception {
        app = new App(Files.createDirectories(home.resolve("app")), home.resolve("home"));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static JObject data(ChainEvent e) {
        return (JObject) JsonReader.parse(e.data());
    }

    private static long number(JObject o, String field) {
        return ((JsonValue.JNumber) o.get(field).orElseThrow()).asLong();
    }

    /** The handle-timer calls in the chain, as the ids they were given. */
    private static List<String> handleTimerCalls(ActorRef actor) {
        return App.events(actor, "wasm").stream().map(TimersGuestTest::data)
                .filter(d -> d.get("export").map(v -> ((JsonValue.JString) v).value()).orElse("").equals(HANDLE_TIMER))
                .map(d -> ((JsonValue.JString) ((JsonValue.JArray) d.get("params").orElseThrow()).items().getFirst()).value())
                .toList();
    }

    @Test
    void aOnceTimerFiresOnceWithItsPayloadAndTheFiringIsRecorded() {
        ActorRef probe = app.probe("once", "");
        String id = app.schedule(probe, "once 20 hello");
        app.awaitFirings(probe, id, 1);
        App.pause(App.SHORT);

        assertThat(id).matches(ID);
        assertThat(app.firings(probe, id)).isEqualTo(1);
        assertThat(app.logs.of("once")).containsSubsequence("scheduled " + id, "timer " + id + " hello");
        List<ChainEvent> chain = probe.chain();
        int fired = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).eventType().equals(Timers.FIRED)) {
                fired = i;
            }
        }
        JObject event = data(chain.get(fired));
        assertThat(event.get("timer").map(v -> ((JsonValue.JString) v).value())).contains(id);
        assertThat(number(event, "tick")).isEqualTo(1);
        assertThat(number(event, "missed")).isZero();
        assertThat(number(event, "late_us")).isNotNegative();
        assertThat(chain.get(fired).description()).contains(id + " tick 1");
        // the firing is recorded right before the call it precedes, then the call with its params and result
        assertThat(chain.get(fired + 1).eventType()).isEqualTo("theater:simple/runtime/log");
        assertThat(handleTimerCalls(probe)).containsExactly(id);
        assertThat(App.events(probe, "wasm").getLast().dataAsString()).isEqualTo("{\"export\":\"" + HANDLE_TIMER
                + "\",\"params\":[\"" + id + "\",\"hello\"],\"result\":{\"ok\":[\"{\\\"probe\\\":1}\"]}}");
        assertThat(App.events(probe, "theater:simple/timers/schedule-once")).extracting(ChainEvent::dataAsString)
                .containsExactly("{\"args\":{\"delay-ms\":20,\"payload\":\"hello\"},\"result\":{\"ok\":\"" + id + "\"}}");
    }

    @Test
    void aRepeatingTimerFiresUntilCancelledAndNeverAfter() {
        ActorRef probe = app.probe("every", "");
        String id = app.schedule(probe, "every 10 tick");
        app.awaitFirings(probe, id, 5);

        app.tell(probe, "cancel " + id);
        long firedBeforeCancel = app.firings(probe, id);
        App.pause(App.SHORT);

        assertThat(app.logs.of("every")).contains("cancelled " + id);
        assertThat(app.firings(probe, id)).isEqualTo(firedBeforeCancel);
        List<String> lines = app.logs.of("every");
        assertThat(lines.subList(lines.indexOf("cancelled " + id), lines.size())).containsExactly("cancelled " + id);
        List<Long> ticks = App.events(probe, Timers.FIRED).stream().map(e -> number(data(e), "tick")).toList();
        assertThat(ticks).isSorted().doesNotHaveDuplicates();
        assertThat(app.timing.queuedTicks()).isZero();
    }

    @Test
    void aTimerCanCancelItselfFromItsOwnFiring() {
        ActorRef probe = app.probe("selfish", "");
        String id = app.schedule(probe, "every 5 cancel-self");
        app.logs.await("selfish", "cancelled itself: " + id);
        App.pause(App.SHORT);

        assertThat(app.firings(probe, id)).isEqualTo(1);
        assertThat(app.timing.queuedTicks()).isZero();
    }

    @Test
    void aFiringAlreadyQueuedWhenItsTimerIsCancelledIsWithdrawnUnrun() {
        ActorRef probe = app.probe("queued", "");
        String id = app.schedule(probe, "every 10 w");
        app.awaitFirings(probe, id, 1);

        // the busy call holds the mailbox for 200 ms: a firing queues behind it; then the call cancels the timer
        app.tell(probe, "busy 200 " + id);
        long fired = app.firings(probe, id);
        App.pause(App.SHORT);

        assertThat(app.logs.of("queued")).contains("busy done, cancelled " + id);
        assertThat(app.firings(probe, id)).isEqualTo(fired);
        List<String> lines = app.logs.of("queued");
        assertThat(lines.subList(lines.indexOf("busy done, cancelled " + id) + 1, lines.size())).isEmpty();
        assertThat(handleTimerCalls(probe)).hasSize((int) fired);
        assertThat(App.events(probe, Timers.FIRED)).hasSize((int) fired);
    }

    @Test
    void cancelErrorsNameTheTimer() {
        ActorRef probe = app.probe("canceller", "");
        String once = app.schedule(probe, "once 0 x");
        app.awaitFirings(probe, once, 1);
        App.pause(Duration.ofMillis(50));
        String every = app.schedule(probe, "every 100000 y");
        app.tell(probe, "cancel nope");
        app.tell(probe, "cancel " + once);
        app.tell(probe, "cancel " + every);
        app.tell(probe, "cancel " + every);

        String gone = " (a once timer is gone when it has fired, a cancelled one at once)";
        assertThat(app.logs.of("canceller")).filteredOn(l -> l.startsWith("cancel")).containsExactly(
                "cancel failed: cancel-timer: actor 'canceller' has no live timer 'nope'" + gone,
                "cancel failed: cancel-timer: actor 'canceller' has no live timer '" + once + "'" + gone,
                "cancelled " + every,
                "cancel failed: cancel-timer: actor 'canceller' has no live timer '" + every + "'" + gone);
    }

    @Test
    void aLongHandleSendDelaysTimersForThatCallOnlyAndTicksDoNotPileUp() {
        ActorRef probe = app.probe("busy", "");
        String id = app.schedule(probe, "every 10 t");
        app.awaitFirings(probe, id, 3);

        app.tell(probe, "busy 500");
        long afterBusy = app.firings(probe, id);
        app.awaitFirings(probe, id, (int) afterBusy + 5); // it goes on after the call
        app.tell(probe, "cancel " + id); // on the actor's thread: no firing runs while the chain is read below

        // 500 ms at a 10 ms period is ~50 ticks: they were skipped and counted, never queued behind the call
        List<JObject> fired = App.events(probe, Timers.FIRED).stream().map(TimersGuestTest::data).toList();
        long missed = fired.stream().mapToLong(d -> number(d, "missed")).sum();
        assertThat(missed).as("ticks skipped while the actor was busy").isGreaterThanOrEqualTo(25);
        assertThat(fired.stream().mapToLong(d -> number(d, "missed")).max().orElseThrow()).isGreaterThanOrEqualTo(25);
        List<String> lines = app.logs.of("busy");
        int done = lines.indexOf("busy done");
        assertThat(handleTimerCalls(probe)).hasSize(fired.size()); // every firing recorded is a call that ran
        assertThat(lines.subList(done + 1, lines.size() - 1)).hasSizeGreaterThanOrEqualTo(5)
                .allMatch(l -> l.equals("timer " + id + " t"));
        assertThat(lines.getLast()).isEqualTo("cancelled " + id);
    }

    @Test
    void aHandleTimerThatReturnsAnErrFailsThatCallOnlyAndTheTimerGoesOn() {
        ActorRef probe = app.probe("failing", "");
        String id = app.schedule(probe, "every 10 fail");
        app.awaitFirings(probe, id, 3);

        assertThat(probe.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(App.events(probe, "wasm").stream().map(ChainEvent::dataAsString)
                .filter(d -> d.contains(HANDLE_TIMER)).findFirst().orElseThrow())
                .isEqualTo("{\"export\":\"" + HANDLE_TIMER + "\",\"params\":[\"" + id + "\",\"fail\"],"
                        + "\"result\":{\"err\":\"timer asked to fail\"}}");
    }

    @Test
    void theLiveTimerLimitIsPerActor() {
        ActorRef probe = app.probe("limited", "max_timers = 3");
        ActorRef other = app.probe("other", "max_timers = 3");
        app.tell(probe, "many 5 100000");
        app.tell(other, "many 3 100000");
        app.tell(probe, "once 0 x");

        String full = "actor 'limited' has 3 live timers, the most the handler's max_timers allows; cancel one first";
        assertThat(app.logs.of("limited")).containsExactly("init limited",
                "scheduled 3 of 5: schedule-every: " + full, "schedule-once failed: schedule-once: " + full);
        assertThat(app.logs.of("other")).containsExactly("init other", "scheduled 3 of 3");
    }

    @Test
    void maxTimersZeroTurnsTimersOff() {
        ActorRef probe = app.probe("none", "max_timers = 0");
        app.tell(probe, "once 0 x");
        assertThat(app.logs.of("none")).containsExactly("init none",
                "schedule-once failed: schedule-once: actor 'none' may have no timers (the handler's max_timers is 0)");
    }

    @Test
    void aFreedSlotCanBeUsedAgain() {
        ActorRef probe = app.probe("reuse", "max_timers = 1");
        String first = app.schedule(probe, "every 100000 a");
        app.tell(probe, "once 0 b");
        app.tell(probe, "cancel " + first);
        String once = app.schedule(probe, "once 0 c");
        app.awaitFirings(probe, once, 1);
        App.pause(Duration.ofMillis(50)); // the once timer is gone when its firing has finished
        String again = app.schedule(probe, "once 0 d");
        app.awaitFirings(probe, again, 1);

        assertThat(app.logs.of("reuse")).contains("schedule-once failed: schedule-once: actor 'reuse' has 1 live timers,"
                + " the most the handler's max_timers allows; cancel one first");
        assertThat(List.of(first, once, again)).doesNotHaveDuplicates();
    }

    @Test
    void theDelayPeriodAndPayloadLimitsAreCheckedAtEveryCall() {
        ActorRef probe = app.probe("bounds", "min_timer_period = 5, max_timer_delay = 1000, max_timer_payload = 10");
        for (String command : List.of("every 4 x", "every 1001 x", "once 1001 x", "once 18446744073709551615 x",
                "every 18446744073709551615 x", "big 11", "big 10", "every 5 x", "once 1000 y")) {
            app.tell(probe, command);
        }

        List<String> lines = app.logs.of("bounds").stream().filter(l -> l.startsWith("sched")).toList();
        assertThat(lines).hasSize(9);
        assertThat(lines.subList(0, 6)).containsExactly(
                "schedule-every failed: schedule-every: a period of 4 ms is shorter than the handler's min_timer_period (5 ms)",
                "schedule-every failed: schedule-every: a period of 1001 ms is longer than the handler's max_timer_delay (1000 ms)",
                "schedule-once failed: schedule-once: a delay of 1001 ms is longer than the handler's max_timer_delay (1000 ms)",
                "schedule-once failed: schedule-once: a delay of 18446744073709551615 ms is longer than the handler's"
                        + " max_timer_delay (1000 ms)",
                "schedule-every failed: schedule-every: a period of 18446744073709551615 ms is longer than the handler's"
                        + " max_timer_delay (1000 ms)",
                "schedule-once failed: schedule-once: a payload of 11 bytes is larger than the handler's"
                        + " max_timer_payload (10 bytes)");
        assertThat(lines.subList(6, 9)).allMatch(l -> l.matches("scheduled " + ID));
    }

    @Test
    void anActorWithoutHandleTimerCannotSetTimers() {
        ActorRef probe = app.start("quiet", "timing-notimer", "", "");
        app.tell(probe, "once 10 x");
        app.tell(probe, "every 10 x");
        app.tell(probe, "now");

        String missing = "actor 'quiet' does not export theater:simple/timer-handlers#handle-timer, so a timer would"
                + " have nothing to call";
        assertThat(app.logs.of("quiet")).contains("schedule-once failed: schedule-once: " + missing,
                "schedule-every failed: schedule-every: " + missing);
        assertThat(app.logs.awaitStartingWith("quiet", "now ")).matches("now \\d+");
    }

    @Test
    void aStoppedActorsTimersNeverFireAgain() {
        ActorRef probe = app.probe("stopped", "");
        String every = app.schedule(probe, "every 5 x");
        String once = app.schedule(probe, "once 100000 y");
        app.awaitFirings(probe, every, 2);

        probe.stop();
        long fired = handleTimerCalls(probe).size();
        App.pause(App.SHORT);

        assertThat(app.timing.queuedTicks()).isZero();
        assertThat(handleTimerCalls(probe)).hasSize((int) fired);
        List<ChainEvent> chain = probe.chain();
        List<String> types = chain.stream().map(ChainEvent::eventType).toList();
        int stopping = types.indexOf("lifecycle/stopping");
        assertThat(types.subList(stopping, types.size())).doesNotContain(Timers.FIRED).endsWith("lifecycle/stopped");
        assertThat(App.events(probe, TimingHandler.TIMERS_ENDED)).extracting(ChainEvent::dataAsString)
                .containsExactly("{\"timers\":\"" + every + "," + once + "\"}");
    }

    @Test
    void aRestartDropsTheTimersOfTheIncarnationBefore() {
        ActorRef parent = app.theater.start(app.write("parent.toml", "name = \"parent\"\ncomponent_path = \"sup-parent.wasm\"\n"
                + "[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n"
                + "[[handlers]]\ntype = \"supervisor\"\n[[handlers]]\ntype = \"timing\"\n"));
        app.write("child.toml", App.manifest("child", "timing-probe", "", ""));
        app.tell(parent, "spawn child.toml");
        String childId = app.logs.awaitStartingWith("parent", "spawned ").substring("spawned ".length());
        ActorRef child = app.theater.actor(childId).orElseThrow();
        String id = app.schedule(child, "every 10 x");
        app.awaitFirings(child, id, 2);

        app.tell(parent, "restart " + childId);
        app.logs.await(childId, "init " + childId + " twice", l -> l.equals("init " + childId), 2);
        App.pause(App.SHORT);

        List<String> lines = app.logs.of(childId);
        int reborn = lines.lastIndexOf("init " + childId);
        assertThat(lines.subList(reborn, lines.size())).containsExactly("init " + childId);
        assertThat(app.timing.queuedTicks()).isZero();
        ActorRef again = app.theater.actor(childId).orElseThrow();
        app.tell(again, "cancel " + id); // the old id names no timer of the new incarnation
        assertThat(app.logs.of(childId).getLast()).startsWith("cancel failed: cancel-timer: actor '" + childId
                + "' has no live timer '" + id + "'");
    }

    @Test
    void aFiringTheFullMailboxRefusesIsRecordedAndCountedAsMissed() throws Exception {
        ActorRef probe = app.start("crowded", "timing-probe", "", "[limits]\nmailbox_capacity = 1\nmailbox_wait_ms = 50\n");
        // the call sets a 200 ms timer and holds the mailbox for a second; "now" takes its one free slot
        CompletableFuture<Void> busy = app.post(probe, "busy-every 1000 200");
        String id = app.logs.awaitStartingWith("crowded", "scheduled ").substring("scheduled ".length());
        CompletableFuture<Void> now = app.post(probe, "now");
        busy.get(20, TimeUnit.SECONDS);
        now.get(20, TimeUnit.SECONDS);
        app.awaitFirings(probe, id, 1);

        List<ChainEvent> refused = App.events(probe, Timers.REFUSED);
        assertThat(refused).isNotEmpty();
        assertThat(refused.getFirst().dataAsString()).isEqualTo("{\"timer\":\"" + id + "\",\"tick\":1,\"error\":\"actor"
                + " 'crowded': mailbox full (1 calls); " + HANDLE_TIMER + " was not queued\"}");
        assertThat(number(data(App.events(probe, Timers.FIRED).getFirst()), "missed"))
                .isGreaterThanOrEqualTo(refused.size());
        app.tell(probe, "cancel " + id);
    }
}
