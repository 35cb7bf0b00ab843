package dev.theater.cli;

import dev.theater.api.TheaterException;
import dev.theater.chain.ChainStore;
import dev.theater.core.ActorRef;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.EngineMode;
import dev.theater.core.manifest.ManifestParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theater run <manifest>...}: starts an actor system, one actor per manifest in the order given,
 * prints what the actors log, and runs until Ctrl-C, until every actor has stopped, or until
 * {@code --exit-after}. On the way out it stops every actor and verifies the chains it leaves on disk.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Starts one actor per manifest (in order), prints their logs, runs until Ctrl-C.")
final class RunCommand implements Callable<Integer> {


    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = "actor manifests (TOML), started in this order")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--home", paramLabel = "DIR",
            description = "where chains are kept (default: $THEATER_HOME, else ~/.theater)")
    Path home;

    @Option(names = "--plugins", paramLabel = "DIR", description = PluginFolders.PLUGINS_HELP)
    List<Path> plugins = new ArrayList<>();

    @Option(names = "--no-builtin-handlers", description = PluginFolders.NO_BUILTINS_HELP)
    boolean noBuiltinHandlers;

    @ParentCommand
    TheaterCommand theater;

    @Option(names = "--provider-deadline", paramLabel = "DURATION",
            description = "how long a handler provider may take to be constructed, describe itself or have its WIT"
                    + " parsed before it is reported and abandoned, e.g. 2s or 500ms (default: 10s)")
    String providerDeadline;

    @Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "guest memory all actors may hold together, e.g. 512m or 2g (default: half the heap); a grow"
                    + " past it fails inside the guest")
    String memoryBudget;

    @Option(names = "--chain-payload-limit", paramLabel = "SIZE",
            description = "strings and byte lists longer than this are recorded in chains as their size and SHA-256,"
                    + " e.g. 4k or 1m (default: 64k)")
    String chainPayloadLimit;

    @Option(names = "--guest-threads", paramLabel = "N",
            description = "platform threads actors run their calls on, at most (default: ${DEFAULT-VALUE})")
    int guestThreads = Theater.DEFAULT_GUEST_THREADS;

    @Option(names = "--interpreter", description = "run guests in Chicory's interpreter instead of compiling them")
    boolean interpreter;

    @Option(names = "--no-compile-cache", description = "compile every module in this process, neither loading nor"
            + " writing the compile cache under the home (see theater cache)")
    boolean noCompileCache;

    @Option(names = "--send", paramLabel = "ACTOR=MESSAGE", parameterConsumer = Delivery.InOrder.class,
            description = "after the start, send MESSAGE to ACTOR and wait until it is handled; repeatable, and"
                    + " done in command-line order with --request")
    List<String> sends = new ArrayList<>();

    @Option(names = "--request", paramLabel = "ACTOR=MESSAGE", parameterConsumer = Delivery.InOrder.class,
            description = "after the start, send MESSAGE to ACTOR as a request and print its answer as"
                    + " '<actor> answered: <text>' (base64 when not UTF-8); repeatable, in order with --send")
    List<String> requests = new ArrayList<>();

    /** The --send and --request options in command-line order. */
    final List<Delivery> deliveries = new ArrayList<>();

    @Option(names = "--resume", description = "start each actor from the last state its chain under the home holds"
            + " (a chain without one starts from the manifest)")
    boolean resume;

    @Option(names = "--exit-after", paramLabel = "DURATION",
            description = "stop the system after this long, e.g. 2s or 500ms (default: run until Ctrl-C)")
    String exitAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Theater.Builder builder = Theater.builder().engineMode(interpreter ? EngineMode.INTERPRETER : EngineMode.COMPILER)
                .guestThreads(guestThreads).recordRunStarts(true).logPluginProblems(false) // printed below, once
                .compileCache(!noCompileCache).compileListener(new CompilePrinter(spec.commandLine().getErr()));
        if (memoryBudget != null) {
            builder.memoryBudget(Sizes.parse(memoryBudget, "--memory-budget"));
        }
        if (chainPayloadLimit != null) {
            builder.chainPayloadLimit(Sizes.parse(chainPayloadLimit, "--chain-payload-limit"));
        }
        if (home != null) {
            builder.home(home);
        }
        PluginFolders.resolve(plugins, noBuiltinHandlers, theater.distribution()).forEach(builder::pluginsDirectory);
        if (providerDeadline != null) {
            builder.providerDeadline(Durations.parse(providerDeadline, "--provider-deadline"));
        }
        Duration runFor = exitAfter == null ? null : Durations.parse(exitAfter, "--exit-after");
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        // Ctrl-C: wake the main thread, then hold the JVM open until it has stopped the actors and flushed chains
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                cleanedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "theater-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runSystem(builder, runFor, interrupted, out);
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and lets the JVM exit now
            }
        }
    }

    private int runSystem(Theater.Builder builder, Duration runFor, CountDownLatch interrupted, PrintWriter out)
            throws Exception {
        Set<String> seen = Collections.synchronizedSet(new LinkedHashSet<>()); // every actor, children included
        List<ConsolePrinter> printers = new CopyOnWriteArrayList<>();
        builder.chainListeners(id -> {
            seen.add(id);
            ConsolePrinter printer = new ConsolePrinter(id, out);
            printers.add(printer);
            return Optional.of(printer);
        });
        ChainStore chains;
        TheaterException failure = null;
        try (Theater theater = builder.build()) {
            chains = theater.chains();
            theater.handlers().problems().forEach(p -> spec.commandLine().getErr().println("theater: " + p));
            try {
                startAndDeliver(theater, out);
                long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
                while (!theater.actorIds().isEmpty() && System.nanoTime() < deadline
                        && !interrupted.await(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS)) {
                    // wait: Ctrl-C (shutdown hook), every actor stopped, or --exit-after
                }
            } catch (TheaterException e) {
                failure = e; // reported after the actors have stopped, their logs are out and their chains verified
            }
        }
        for (ConsolePrinter printer : printers) {
            printer.closed().await(2, TimeUnit.SECONDS); // let the last lines print
        }
        for (String id : List.copyOf(seen)) {
            Path file = chains.fileOf(id); // a path: the store is closed, but still knows where files live
            if (Files.exists(file)) {
                out.println("chain of " + id + ": " + ChainStore.verifyFile(file).describe());
            }
        }
        out.flush();
        if (failure != null) {
            throw failure;
        }
        return 0;
    }

    /** Starts the manifests in order, then does the --send and --request deliveries in order. */
    private void startAndDeliver(Theater theater, PrintWriter out) {
        StartOptions options = resume ? StartOptions.defaults().resumeFromChain() : StartOptions.defaults();
        for (Path manifest : manifests) {
            ActorRef actor = theater.start(ManifestParser.parse(manifest), options);
            actor.chainRecovery().ifPresent(cut -> out.println("chain of " + actor.id() + ": opening it cut a torn"
                    + " tail a crash left (" + cut.describe() + "); recorded as a chain/torn-tail-cut event"));
            if (resume) {
                out.println("chain of " + actor.id() + ": " + actor.resumedFrom()
                        .map(event -> "resumed from the state recorded by event " + event)
                        .orElse("no state recorded to resume from; started from the manifest"));
            }
        }
        for (Delivery delivery : deliveries) {
            delivery.deliverTo(theater, out);
        }
    }

}
