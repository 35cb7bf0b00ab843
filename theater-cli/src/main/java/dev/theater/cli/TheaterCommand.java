package dev.theater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code theater} command. */
@Command(name = "theater", mixinStandardHelpOptions = true, version = "theater 0.1.0-SNAPSHOT",
        description = "Runs WebAssembly actors.", subcommands = {RunCommand.class})
public final class TheaterCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with Theater's error handling: errors reach users as one line naming what failed. */
    static CommandLine commandLine() {
        return new CommandLine(new TheaterCommand())
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    cl.getErr().println("theater: " + e.getMessage());
                    return 1;
                });
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
