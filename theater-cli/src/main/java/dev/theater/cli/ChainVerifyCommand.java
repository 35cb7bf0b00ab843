package dev.theater.cli;

import dev.theater.api.json.JsonException;
import dev.theater.chain.ChainStore;
import dev.theater.chain.VerificationReport;
import dev.theater.chain.interop.RustChainVerifier;
import java.io.PrintWriter;
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

/** {@code theater chain verify ACTOR|FILE|--all|--rust FILE}: the verification report; exit 1 when one fails. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-verifies chains in full (checksums, encoding, parent links, hashes) and prints each"
                + " report; exit 1, naming the first bad event, when one fails.")
final class ChainVerifyCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ACTOR|FILE",
            description = "an actor id (its chain under the home), or a chain file or JSON export")
    String target;

    @Option(names = "--all", description = "every chain under the home")
    boolean all;

    @Option(names = "--rust", paramLabel = "FILE", description = "a chain exported by the Rust Theater (SHA-1)")
    Path rust;

    @Mixin
    ChainHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        int given = (target != null ? 1 : 0) + (all ? 1 : 0) + (rust != null ? 1 : 0);
        if (given != 1) {
            throw ChainSource.error("chain verify takes one of ACTOR, FILE, --all or --rust FILE");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> failed = new ArrayList<>();
        int checked = 0;
        if (all) {
            ChainStore store = home.store();
            for (String actor : store.actorIds()) {
                VerificationReport r = ChainStore.verifyFile(store.fileOf(actor));
                out.println("chain of " + actor + ": " + r.describe());
                checked++;
                if (!r.valid()) {
                    failed.add(actor + " at event " + r.failure().get().index() + " (" + r.failure().get().reason()
                            + ")");
                }
            }
            if (checked == 0) {
                out.println("no chains under " + home.chainsFolder());
            }
        } else {
            String name;
            VerificationReport r;
            if (rust != null) {
                name = rust.toString();
                r = verifyRust(rust);
                out.println(r.describe());
            } else {
                ChainSource source = ChainSource.of(target, home);
                name = source.name();
                r = source.read(e -> { });
                out.println(source.prefix() + r.describe());
            }
            checked = 1;
            if (!r.valid()) {
                failed.add(name + " did not verify: first bad event " + r.failure().get().index() + " ("
                        + r.failure().get().reason() + ")");
            }
        }
        out.flush();
        if (failed.isEmpty()) {
            return 0;
        }
        spec.commandLine().getErr().println("theater: " + (all
                ? failed.size() + " of " + checked + " chains did not verify: " + String.join(", ", failed)
                : failed.getFirst()));
        spec.commandLine().getErr().flush();
        return 1;
    }

    private static VerificationReport verifyRust(Path file) {
        String text = ChainSource.readText(file);
        try {
            VerificationReport r = RustChainVerifier.verify(text);
            return new VerificationReport(file + " (Rust Theater export)", r.validCount(), r.head(), r.failure());
        } catch (JsonException e) {
            throw ChainSource.error(file + " is not a valid Rust Theater chain export: " + e.getMessage());
        }
    }
}
