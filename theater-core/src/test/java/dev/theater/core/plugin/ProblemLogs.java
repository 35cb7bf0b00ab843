package dev.theater.core.plugin;

import dev.theater.testing.CapturedLogs;
import java.util.List;

/**
 * The logging of plugin problems, for the tests that make them: the registry's and PF4J's records are captured
 * (not printed into the build log) with {@link #capture()} and asserted against {@link #lines}.
 */
final class ProblemLogs {

    /** The logger {@link HandlerRegistry} logs each problem to. */
    static final String REGISTRY = HandlerRegistry.class.getName();
    /** The logger PF4J reports a plugin that failed to start to (with its exception). */
    static final String PF4J_MANAGER = "org.pf4j.AbstractPluginManager";

    private ProblemLogs() {
    }

    /** Captures what the plugin package and PF4J log, until closed. */
    static CapturedLogs capture() {
        return CapturedLogs.of("dev.theater.core.plugin", "org.pf4j");
    }

    /** What the registry logs for {@code problems}: one record each, an error as SEVERE, a warning as WARNING. */
    static List<String> lines(List<PluginProblem> problems) {
        return problems.stream().map(p -> (p.severity() == PluginProblem.Severity.ERROR ? "SEVERE " : "WARNING ")
                + p.source() + ": " + p.message()).toList();
    }
}
