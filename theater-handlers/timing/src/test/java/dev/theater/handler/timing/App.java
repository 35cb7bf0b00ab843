package dev.theater.handler.timing;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.supervisor.SupervisorHandlerProvider;
import dev.theater.handler.testing.GuestFolder;
import dev.theater.handler.testing.Logs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A folder with the timing guests (timing-probe, timing-notimer, and sup-parent for restarts) and a Theater with the
 * runtime, message-server, supervisor and timing handlers whose every log line {@link Logs} keeps.
 */
final class App extends GuestFolder {

    final Logs logs;
    final TimingHandlerProvider timing;

    App(Path folder, Path home) {
        this(folder, home, b -> b);
    }

    App(Path folder, Path home, UnaryOperator<Theater.Builder> options) {
        this(folder, home, options, new Logs(), new TimingHandlerProvider());
    }

    private App(Path folder, Path home, UnaryOperator<Theater.Builder> options, Logs logs, TimingHandlerProvider timing) {
        super(folder, options.apply(builder(home).chainListeners(logs).addProvider(new RuntimeHandlerProvider())
                .addProvider(new MessageServerHandlerProvider()).addProvider(new SupervisorHandlerProvider())
                .addProvider(timing)), "timing-probe", "timing-notimer", "sup-parent");
        this.logs = logs;
        this.timing = timing;
    }

    /** A manifest of {@code guest} named {@code name} with runtime, message-server and timing ({@code timingConfig}). */
    static String manifest(String name, String guest, String timingConfig, String extra) {
        return manifestStart(name, guest) + handler("timing", timingConfig) + extra;
    }

    /** Starts a timing-probe named {@code name}. */
    ActorRef probe(String name, String timingConfig) {
        return start(name, "timing-probe", timingConfig, "");
    }

    ActorRef start(String name, String guest, String timingConfig, String extra) {
        return theater.start(write(name + ".toml", manifest(name, guest, timingConfig, extra)));
    }

    /** Sends {@code command} and waits until it was handled and what it logged has reached {@link #logs}. */
    void tell(ActorRef actor, String command) {
        try {
            post(actor, command).get(Logs.WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("'" + command + "' to " + actor.id() + " failed", e);
        }
        logs.awaitEvents(actor.id(), actor.chain().size());
    }

    /** Sends {@code command} without waiting. */
    CompletableFuture<Void> post(ActorRef actor, String command) {
        return actor.send(command.getBytes(StandardCharsets.UTF_8));
    }

    /** The id in the line {@code scheduled <id>} the actor logs next after {@code command}. */
    String schedule(ActorRef actor, String command) {
        int before = (int) logs.count(actor.id(), "scheduled ");
        tell(actor, command);
        List<String> lines = logs.of(actor.id()).stream().filter(l -> l.startsWith("scheduled ")).toList();
        if (lines.size() <= before) {
            throw new AssertionError("'" + command + "' scheduled nothing; " + actor.id() + " logged " + logs.of(actor.id()));
        }
        return lines.get(before).substring("scheduled ".length());
    }

    /** Waits until {@code timer} has fired {@code times} times (lines {@code timer <id> ...}). */
    void awaitFirings(ActorRef actor, String timer, int times) {
        logs.await(actor.id(), "firings of " + timer, l -> l.startsWith("timer " + timer + " "), times);
    }

    long firings(ActorRef actor, String timer) {
        return logs.count(actor.id(), "timer " + timer + " ");
    }

    /** Waits {@code duration}: time for a timer that should not fire to show it would have (not a timed assertion). */
    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static List<ChainEvent> events(ActorRef actor, String type) {
        return actor.chain().stream().filter(e -> e.eventType().equals(type)).toList();
    }

    static final Duration SHORT = Duration.ofMillis(300);
}
