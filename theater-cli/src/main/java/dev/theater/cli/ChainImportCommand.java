package dev.theater.cli;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.chain.VerificationReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theater chain import FILE --as ACTOR [--force]}: a verified export becomes an actor's chain in the home. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Verifies a JSON chain export (or a chain file) and writes it, events unchanged, as ACTOR's"
                + " chain under the home; the actor's next run appends to it. Nothing is written when it does not"
                + " verify, and an existing chain is kept unless --force.")
final class ChainImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a JSON export (theater chain export) or a chain file")
    Path file;

    @Option(names = "--as", paramLabel = "ACTOR", required = true, description = "the actor whose chain it becomes")
    String actor;

    @Option(names = "--force", description = "replace the actor's chain when it has one (refused while it is open)")
    boolean force;

    @Mixin
    ChainHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ChainSource source = ChainSource.ofFile(file);
        List<ChainEvent> events = new ArrayList<>();
        VerificationReport read = source.read(events::add);
        if (!read.valid()) {
            throw ChainSource.error(read.describe() + "; nothing was imported");
        }
        ChainStore store = home.store();
        Path target;
        try {
            target = store.fileOf(actor);
        } catch (IllegalArgumentException e) {
            throw ChainSource.error("--as '" + actor + "' is not an actor id: " + e.getMessage());
        }
        if (Files.exists(target) && !force) {
            throw ChainSource.error("actor '" + actor + "' already has a chain at " + target
                    + "; nothing was imported (--force replaces it)");
        }
        VerificationReport written = store.importChain(actor, events, force);
        PrintWriter out = spec.commandLine().getOut();
        out.println("imported " + events.size() + " events from " + file + " as the chain of " + actor + ": "
                + written.describe());
        out.flush();
        return 0;
    }
}
