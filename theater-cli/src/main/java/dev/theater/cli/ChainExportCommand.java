package dev.theater.cli;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.VerificationReport;
import dev.theater.chain.json.ChainJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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

/** {@code theater chain export ACTOR|FILE [-o FILE]}: the chain as a JSON export ({@code theater-chain/1}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a chain as JSON (format theater-chain/1, one event a line, data in base64) to"
                + " standard output or -o FILE. A chain that does not verify is not exported (exit 1).")
final class ChainExportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ACTOR|FILE",
            description = "an actor id (its chain under the home), or a chain file or JSON export")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (replacing it) instead of"
            + " standard output")
    Path output;

    @Mixin
    ChainHome home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ChainSource source = ChainSource.of(target, home);
        List<ChainEvent> events = new ArrayList<>();
        VerificationReport report = source.read(events::add);
        if (!report.valid()) {
            throw ChainSource.error(source.prefix() + report.describe() + "; not exported");
        }
        String json = ChainJson.export(events);
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.print(json);
        } else {
            try {
                Files.writeString(output, json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ChainSource.error("cannot write " + output + ": " + e);
            }
            out.println("exported " + events.size() + " events from " + source.name() + " to " + output);
        }
        out.flush();
        return 0;
    }
}
