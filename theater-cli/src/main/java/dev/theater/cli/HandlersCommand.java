package dev.theater.cli;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.core.plugin.HandlerRegistry;
import dev.theater.core.plugin.PluginProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code theater handlers}: the handler types this installation can give actors, where each comes from, and problems. */
@Command(name = "handlers", mixinStandardHelpOptions = true,
        description = "Lists the handler types found (plugins folder and module path), their WIT interfaces and origin.")
final class HandlersCommand implements Callable<Integer> {

    @Option(names = "--plugins", paramLabel = "DIR", description = PluginFolders.PLUGINS_HELP)
    List<Path> plugins = new ArrayList<>();

    @Option(names = "--no-builtin-handlers", description = PluginFolders.NO_BUILTINS_HELP)
    boolean noBuiltinHandlers;

    @ParentCommand
    TheaterCommand theater;

    @Option(names = "--provider-deadline", paramLabel = "DURATION",
            description = "how long a handler provider may take to be constructed, describe itself or have its WIT"
                    + " parsed before it is reported and abandoned, e.g. 2s or 500ms (default: 10s)")
    String providerDeadline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HandlerRegistry.Builder builder = HandlerRegistry.builder().logProblems(false); // printed below, once
        if (providerDeadline != null) {
            builder.providerDeadline(Durations.parse(providerDeadline, "--provider-deadline"));
        }
        PluginFolders.resolve(plugins, noBuiltinHandlers, theater.distribution()).forEach(builder::pluginsDirectory);
        try (HandlerRegistry registry = builder.build()) {
            for (String type : registry.types()) {
                HandlerProvider provider = registry.provider(type).orElseThrow();
                out.println(type + "  imports " + provider.imports().stream().sorted().toList()
                        + "  exports " + provider.exports().stream().sorted().toList()
                        + "  from " + registry.origin(type));
            }
            for (PluginProblem problem : registry.problems()) {
                out.println("problem: " + problem);
            }
            out.flush();
            return registry.problems().stream().anyMatch(p -> p.severity() == PluginProblem.Severity.ERROR) ? 2 : 0;
        }
    }
}
