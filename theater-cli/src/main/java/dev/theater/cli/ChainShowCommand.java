package dev.theater.cli;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.VerificationReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code theater chain show ACTOR|FILE}: a chain's events with their decoded payloads, filtered by type and time. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Prints a chain's events, one a line: index, time (UTC), type, description (- when none),"
                + " and the data decoded as compact JSON. Verifies as it reads: a damaged chain prints the events"
                + " before the damage, then names the bad event (exit 1)."})
final class ChainShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ACTOR|FILE",
            description = "an actor id (its chain under the home), or a chain file or JSON export (a path: it"
                    + " contains / or ends in .chain or .json)")
    String target;

    @Mixin
    ChainHome home;

    @Option(names = "--type", paramLabel = "PREFIX",
            description = "only events whose type starts with PREFIX (e.g. theater:simple/runtime/ or wasm);"
                    + " repeatable, an event matching any is shown")
    List<String> types = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME",
            description = "only events at or after TIME: ISO-8601 (2025-06-01T10:00:00Z), a date (2025-06-01)"
                    + " or a duration ago (90s, 10m, 2h, 3d)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "only events before TIME (same forms as --since)")
    String until;

    @Option(names = "--json", description = "one JSON object per event and line (JSON lines): index, time, timestamp,"
            + " event_type, description, hash, parent_hash, data (decoded; data_base64 when it is not JSON)")
    boolean json;

    @Option(names = "--pretty", description = "the data pretty-printed under each event line")
    boolean pretty;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json && pretty) {
            throw ChainSource.error("--json and --pretty cannot be combined");
        }
        Instant now = Instant.now();
        long from = since == null ? Long.MIN_VALUE : ChainTimes.parse(since, "--since", now).toEpochMilli();
        long to = until == null ? Long.MAX_VALUE : ChainTimes.parse(until, "--until", now).toEpochMilli();
        if (from > to) {
            throw ChainSource.error("--since " + since + " is after --until " + until);
        }
        ChainSource source = ChainSource.of(target, home);
        PrintWriter out = spec.commandLine().getOut();
        long[] index = {0};
        VerificationReport report = source.read(e -> {
            long i = index[0]++;
            if (e.timestamp() >= from && e.timestamp() < to && typeMatches(e)) {
                out.println(json ? EventText.json(i, e) : pretty ? EventText.pretty(i, e) : EventText.line(i, e));
            }
        });
        out.flush();
        if (!report.valid()) {
            throw ChainSource.error(source.prefix() + report.describe());
        }
        return 0;
    }

    private boolean typeMatches(ChainEvent e) {
        return types.isEmpty() || types.stream().anyMatch(e.eventType()::startsWith);
    }
}
