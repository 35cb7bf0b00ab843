package dev.theater.cli;

import dev.theater.chain.ChainFailure;
import dev.theater.chain.ChainStore;
import dev.theater.chain.FailureReason;
import dev.theater.chain.VerificationReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code theater chain list}: every chain under the home, with its size, time span and whether it verifies. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the chains under the home: actor, events, first and last event time (UTC), and"
                + " whether the chain verifies (exit 0 either way; chain verify --all gives an exit status).")
final class ChainListCommand implements Callable<Integer> {

    @Mixin
    ChainHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ChainStore store = home.store();
        List<String> actors = store.actorIds();
        if (actors.isEmpty()) {
            out.println("no chains under " + home.chainsFolder());
            out.flush();
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ACTOR", "EVENTS", "FIRST", "LAST", "STATUS"});
        for (String actor : actors) {
            long[] span = {Long.MIN_VALUE, Long.MIN_VALUE};
            VerificationReport r = ChainStore.readFile(store.fileOf(actor), e -> {
                if (span[0] == Long.MIN_VALUE) {
                    span[0] = e.timestamp();
                }
                span[1] = e.timestamp();
            });
            rows.add(new String[] {actor, Long.toString(r.validCount()), time(span[0]), time(span[1]), status(r)});
        }
        out.println(home.chainsFolder() + ":");
        int[] width = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format("%-" + width[c] + "s  ", row[c]));
            }
            out.println(line);
        }
        out.flush();
        return 0;
    }

    private static String time(long millis) {
        return millis == Long.MIN_VALUE ? "-" : EventText.TIME.format(Instant.ofEpochMilli(millis));
    }

    /** {@code ok}, or where it stops verifying: {@code BAD at event 3: HASH_MISMATCH}. */
    private static String status(VerificationReport r) {
        if (r.valid()) {
            return "ok";
        }
        ChainFailure f = r.failure().get();
        return f.reason() == FailureReason.TORN_TAIL
                ? "torn tail at event " + f.index() + " (being written, or left by a crash; the next run cuts it)"
                : "BAD at event " + f.index() + ": " + f.reason();
    }
}
