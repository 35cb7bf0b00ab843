package dev.theater.handler.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code theater:simple/timing} through the timing-probe guest (test-actors/README.md): now, sleep and deadline,
 * every error, the limits at every call, and a stop that cuts a sleep short at once.
 */
class TimingGuestTest {

    @TempDir
    Path home;

    private App app;

    private App app() throws Exception {
        if (app == null) {
            app = new App(Files.createDirectories(home.resolve("app")), home.resolve("home"));
        }
        return app;
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void nowIsTheWallClockInMillisecondsAndIsRecorded() throws Exception {
        ActorRef probe = app().probe("clock", "");
        long before = System.currentTimeMillis();
        app.tell(probe, "now");
        long after = System.currentTimeMillis();

        String line = app.logs.awaitStartingWith("clock", "now ");
        long now = Long.parseLong(line.substring(4));
        assertThat(now).isBetween(before, after);
        assertThat(App.events(probe, "theater:simple/timing/now")).extracting(ChainEvent::dataAsString)
                .containsExactly("{\"args\":{},\"result\":" + now + "}");
    }

    @Test
    void sleepWaitsAndReturnsOk() throws Exception {
        ActorRef probe = app().probe("sleeper", "");
        long started = System.nanoTime();
        app.tell(probe, "sleep 50");

        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(app.logs.of("sleeper")).containsExactly("init sleeper", "sleeping", "slept");
        assertThat(App.events(probe, "theater:simple/timing/sleep")).extracting(ChainEvent::dataAsString)
                .containsExactly("{\"args\":{\"duration\":50},\"result\":{\"ok\":null}}");
    }

    @Test
    void theSleepLimitsAreCheckedAtEveryCall() throws Exception {
        ActorRef probe = app().probe("limited", "max_sleep_duration = 100, min_sleep_duration = 5");
        for (String command : List.of("sleep 101", "sleep 4", "sleep 5", "sleep 100", "sleep 18446744073709551615",
                "sleep 101")) {
            app.tell(probe, command);
        }

        assertThat(app.logs.of("limited")).filteredOn(l -> l.startsWith("sle")).containsExactly(
                "sleeping", "sleep failed: sleep: 101 ms is longer than the handler's max_sleep_duration (100 ms)",
                "sleeping", "sleep failed: sleep: 4 ms is shorter than the handler's min_sleep_duration (5 ms)",
                "sleeping", "slept",
                "sleeping", "slept",
                "sleeping", "sleep failed: sleep: 18446744073709551615 ms is longer than the handler's"
                        + " max_sleep_duration (100 ms)",
                "sleeping", "sleep failed: sleep: 101 ms is longer than the handler's max_sleep_duration (100 ms)");
    }

    @Test
    void theDefaultsAreTheRustOriginals() throws Exception {
        ActorRef probe = app().probe("defaults", "");
        app.tell(probe, "sleep 0");
        app.tell(probe, "sleep 3600001");

        assertThat(app.logs.of("defaults")).contains(
                "sleep failed: sleep: 0 ms is shorter than the handler's min_sleep_duration (1 ms)",
                "sleep failed: sleep: 3600001 ms is longer than the handler's max_sleep_duration (3600000 ms)");
    }

    @Test
    void aMinimumOfZeroAllowsSleepZero() throws Exception {
        ActorRef probe = app().probe("zero", "min_sleep_duration = 0");
        app.tell(probe, "sleep 0");
        assertThat(app.logs.of("zero")).containsExactly("init zero", "sleeping", "slept");
    }

    @Test
    void aDeadlineWaitsUntilItsTimeAndOnePastReturnsAtOnce() throws Exception {
        ActorRef probe = app().probe("dl", "max_sleep_duration = 1000");
        app.tell(probe, "deadline-in 50");
        app.tell(probe, "deadline-ago 60000");
        app.tell(probe, "deadline 0");
        app.tell(probe, "deadline-in 5000");
        app.tell(probe, "deadline 18446744073709551615");

        List<String> lines = app.logs.of("dl").stream().filter(l -> l.startsWith("deadline")).toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.subList(0, 3)).containsExactly("deadline ok: now >= target", "deadline ok", "deadline ok");
        assertThat(lines.get(3)).matches("deadline failed: deadline: \\d+ is (4\\d\\d\\d|5000) ms away, longer than the"
                + " handler's max_sleep_duration \\(1000 ms\\)");
        assertThat(lines.get(4)).matches("deadline failed: deadline: 18446744073709551615 is \\d+ ms away, longer than"
                + " the handler's max_sleep_duration \\(1000 ms\\)");
    }

    @Test
    void aSleepingActorAskedToStopWakesAtOnceWithAnErrAndTheStopDoesNotWait() throws Exception {
        // the handler deadline is a minute and the call deadline two hours: only stopping() can end this sleep soon
        app = new App(Files.createDirectories(home.resolve("app")), home.resolve("home"),
                b -> b.handlerStopTimeout(Duration.ofMinutes(1)));
        ActorRef probe = app.start("dreamer", "timing-probe", "", "[limits]\ncall_timeout_ms = 7200000\n");
        CompletableFuture<Void> call = app.post(probe, "sleep 3600000");
        app.logs.await("dreamer", "sleeping");

        long started = System.nanoTime();
        probe.stop();
        long stopMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(stopMs).as("stop of a 1-hour sleep, in ms").isLessThan(10_000);
        call.get(10, TimeUnit.SECONDS); // the guest went on and returned ok
        assertThat(probe.status()).isEqualTo(ActorStatus.STOPPED);
        assertThat(app.logs.of("dreamer")).containsExactly("init dreamer", "sleeping",
                "sleep failed: sleep of 3600000 ms cut short: actor 'dreamer' is stopping",
                "then schedule-once failed: schedule-once: actor 'dreamer' is stopping; its timers have ended");
        assertThat(probe.chain()).extracting(ChainEvent::eventType)
                .containsSubsequence("lifecycle/stopping", "theater:simple/timing/sleep", "wasm", "lifecycle/stopped")
                .doesNotContain("lifecycle/handler-stop-timeout", "lifecycle/handler-stopping-timeout");
    }

    @Test
    void aDeadlineIsCutShortByAStopToo() throws Exception {
        app = new App(Files.createDirectories(home.resolve("app")), home.resolve("home"),
                b -> b.handlerStopTimeout(Duration.ofMinutes(1)));
        ActorRef probe = app.start("waiter", "timing-probe", "", "[limits]\ncall_timeout_ms = 7200000\n");
        CompletableFuture<Void> call = app.post(probe, "deadline-in 3600000");
        app.logs.await("waiter", "waiting");

        long started = System.nanoTime();
        probe.stop();

        assertThat((System.nanoTime() - started) / 1_000_000).as("stop of a 1-hour deadline, in ms").isLessThan(10_000);
        call.get(10, TimeUnit.SECONDS);
        assertThat(app.logs.of("waiter").getLast())
                .matches("deadline failed: deadline \\d+ cut short: actor 'waiter' is stopping");
    }

    @Test
    void aConfigKeyTheHandlerDoesNotKnowFailsTheStartNamingItAndItsLine() throws Exception {
        assertThatThrownBy(() -> app().probe("typo", "max_sleep = 5"))
                .isInstanceOf(dev.theater.api.handler.HandlerException.class)
                .hasMessage("actor 'typo': " + app.folder.resolve("typo.toml") + ":7: handler 'timing': config key"
                        + " 'max_sleep' is not a known key; the known keys are [max_sleep_duration, max_timer_delay,"
                        + " max_timer_payload, max_timers, min_sleep_duration, min_timer_period]");
    }

    @Test
    void aChildMayNotBeGrantedLongerSleepsThanItsParent() throws Exception {
        ActorRef parent = app().theater.start(app.write("parent.toml", "name = \"parent\"\n"
                + "component_path = \"sup-parent.wasm\"\n[[handlers]]\ntype = \"runtime\"\n"
                + "[[handlers]]\ntype = \"message-server\"\n[[handlers]]\ntype = \"supervisor\"\n"
                + "[[handlers]]\ntype = \"timing\"\nconfig = { max_sleep_duration = 1000 }\n"));
        app.write("greedy.toml", App.manifest("greedy", "timing-probe", "max_sleep_duration = 1001", ""));
        app.write("modest.toml", App.manifest("modest", "timing-probe", "max_sleep_duration = 10", ""));
        app.tell(parent, "spawn greedy.toml");
        app.tell(parent, "spawn modest.toml");

        assertThat(app.logs.of("parent")).containsExactly("spawn failed: " + app.folder.resolve("greedy.toml") + ":7:"
                + " handler 'timing': config key 'max_sleep_duration' = 1001 is more than the parent's 1000; set it"
                + " to at most 1000 (a child never gets more than its parent)", "spawned parent.modest-1");
    }

    @Test
    void aSleepPastTheCallDeadlineFailsTheCallAsATimeout() throws Exception {
        ActorRef probe = app().start("late", "timing-probe", "", "[limits]\ncall_timeout_ms = 200\n");
        CompletableFuture<Void> call = app.post(probe, "sleep 3600000");

        assertThat(call).failsWithin(Duration.ofSeconds(20)).withThrowableThat()
                .withMessageContaining("actor 'late': theater:simple/message-server-client#handle-send exceeded its"
                        + " deadline of 200 ms and was stopped");
        assertThat(probe.stopped().get(20, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
    }
}
