package dev.theater.cli;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code theater} command. */
@Command(name = "theater", mixinStandardHelpOptions = true, version = "theater 0.1.0-SNAPSHOT",
        description = "Runs WebAssembly actors.", subcommands = {RunCommand.class, HandlersCommand.class, ChainCommand.class,
                NewCommand.class, CacheCommand.class})
public final class TheaterCommand implements Runnable {

    private final Optional<Distribution> distribution;

    private TheaterCommand(Optional<Distribution> distribution) {
        this.distribution = distribution;
    }

    /** The distribution the subcommands use (built-in plugins, the C SDK): the one this runs from, or a test's. */
    Optional<Distribution> distribution() {
        return distribution;
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Held so that its level holds: java.util.logging keeps loggers only while someone refers to them. */
    private static final Logger PF4J = Logger.getLogger("org.pf4j");

    /**
     * Runtime and plugin-framework logs go to java.util.logging; on a terminal only warnings and errors are
     * shown (actor logs are printed from the chain). THEATER_LOG=INFO or FINE shows more. What PF4J logs about a
     * broken plugin repeats a problem the commands print themselves (from the handler registry, whose own logging
     * they turn off), so PF4J is heard only at INFO or finer: each problem is printed once.
     */
    static void quietLogging() {
        String wanted = System.getenv().getOrDefault("THEATER_LOG", "WARNING");
        Level level;
        try {
            level = Level.parse(wanted.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            level = Level.WARNING;
        }
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (var handler : root.getHandlers()) {
            handler.setLevel(level);
        }
        PF4J.setLevel(level.intValue() > Level.INFO.intValue() ? Level.OFF : null);
    }

    /** The command line with Theater's error handling: errors reach users as one line naming what failed. */
    static CommandLine commandLine() {
        return commandLine(Distribution.current());
    }

    /** The same, using {@code distribution}'s built-in plugins and C SDK (tests run from classes, not a distribution). */
    static CommandLine commandLine(Optional<Distribution> distribution) {
        return new CommandLine(new TheaterCommand(distribution))
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    cl.getErr().println("theater: " + e.getMessage());
                    return 1;
                });
    }

    public static void main(String[] args) {
        quietLogging();
        System.exit(commandLine().execute(args));
    }
}
