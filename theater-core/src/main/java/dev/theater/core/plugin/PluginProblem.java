package dev.theater.core.plugin;

import java.util.Objects;

/**
 * Something wrong with a handler plugin or provider, found while building a {@link HandlerRegistry}. A problem
 * never stops the other providers from loading.
 *
 * @param severity {@link Severity#ERROR} when a jar or provider was refused, {@link Severity#WARNING} when
 *                 something was ignored (a duplicate type, a plugin without providers)
 * @param source   where it comes from: a jar path, {@code code}, {@code class path}, or the plugins folder
 * @param message  what is wrong and, where it helps, what to do
 */
public record PluginProblem(Severity severity, String source, String message) {

    /** How bad a problem is. */
    public enum Severity { WARNING, ERROR }

    public PluginProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    static PluginProblem error(String source, String message) {
        return new PluginProblem(Severity.ERROR, source, message);
    }

    static PluginProblem warning(String source, String message) {
        return new PluginProblem(Severity.WARNING, source, message);
    }

    @Override
    public String toString() {
        return severity + " " + source + ": " + message;
    }
}
