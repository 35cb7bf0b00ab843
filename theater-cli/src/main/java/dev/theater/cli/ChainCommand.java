package dev.theater.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code theater chain}: reads, verifies, exports and imports the chains under a Theater home (or in a file),
 * without starting any actor. Chain files are only read (never opened for appending), except by {@code import}.
 */
@Command(name = "chain", mixinStandardHelpOptions = true,
        description = "Lists, shows, verifies, exports and imports actor chains (under --home, else $THEATER_HOME,"
                + " else ~/.theater, or in a file).",
        subcommands = {ChainListCommand.class, ChainShowCommand.class, ChainVerifyCommand.class,
                ChainExportCommand.class, ChainImportCommand.class})
final class ChainCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
