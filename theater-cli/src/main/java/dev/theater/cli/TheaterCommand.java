package dev.theater.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code theater} command. */
@Command(name = "theater", mixinStandardHelpOptions = true, version = "theater 0.1.0-SNAPSHOT",
        description = "Runs WebAssembly actors.")
public final class TheaterCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TheaterCommand()).execute(args));
    }
}
