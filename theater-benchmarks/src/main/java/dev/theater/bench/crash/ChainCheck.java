package dev.theater.bench.crash;

import dev.theater.chain.ActorChain;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.chain.Hash;
import dev.theater.chain.VerificationReport;
import java.nio.file.Path;
import java.util.List;

/**
 * Verifies chain files with the Java verifier ({@code ChainStore.verifyFile}) and prints one line per file in
 * the form of {@code theater-chain/tools/verify_chain.py}: {@code OK <n> events head <hex>} or
 * {@code BAD event <i> at offset <o>: <REASON>: <detail>}, so the kill loop can compare the two.
 * With {@code --cuts} first, it prints instead how many {@code chain/torn-tail-cut} events each (valid) file holds.
 * Exit status 0 when every file verified, else 1; 2 for a usage error.
 */
public final class ChainCheck {
    private ChainCheck() {
    }

    public static void main(String[] args) {
        boolean cuts = args.length > 0 && args[0].equals("--cuts");
        List<String> files = List.of(args).subList(cuts ? 1 : 0, args.length);
        if (files.isEmpty()) {
            System.err.println("usage: ChainCheck [--cuts] CHAIN_FILE...");
            System.exit(2);
        }
        boolean allValid = true;
        for (String f : files) {
            VerificationReport r = ChainStore.verifyFile(Path.of(f));
            allValid &= r.valid();
            System.out.println(cuts && r.valid() ? Long.toString(countCuts(Path.of(f))) : verdict(r));
        }
        System.exit(allValid ? 0 : 1);
    }

    /** The verdict in verify_chain.py's form. */
    static String verdict(VerificationReport r) {
        return r.failure().map(f -> "BAD event " + f.index() + " at offset " + f.offset() + ": " + f.reason() + ": "
                        + f.detail())
                .orElseGet(() -> "OK " + r.validCount() + " events head " + r.head().map(Hash::hex).orElse("-"));
    }

    private static long countCuts(Path file) {
        return ChainStore.readFile(file).stream().map(ChainEvent::eventType)
                .filter(ActorChain.TORN_TAIL_CUT::equals).count();
    }
}
