package dev.theater.core.plugin;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitParser;
import dev.theater.wit.WitResolution;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Asks a provider once for its {@code type()}, {@code imports()}, {@code exports()} and {@code witFiles()}, parses
 * that WIT (its own package, the dependencies it ships as {@code deps/...} files, and the bundled
 * {@code theater:simple}, whose types and interfaces it may use), and refuses the provider when it could never serve
 * a manifest: a null or blank type, interfaces that are not qualified WIT names, invalid WIT (a reference to a
 * package it neither ships nor finds in theater:simple included), or any of these methods (or the parser) throwing
 * or not returning within the deadline. All of it runs on a thread of its own ({@link Bounded}), so that neither a hanging provider nor WIT that
 * overflows the parser's stack can take the runtime down.
 */
final class ProviderValidator {

    /** What the check found. */
    sealed interface Result {
        record Accepted(ValidProvider provider) implements Result { }

        record Refused(String message) implements Result { }
    }

    private static final String PARSING = "parsing its WIT";

    private ProviderValidator() {
    }

    static Result check(Candidate candidate, Duration deadline) {
        Checking checking = new Checking(candidate);
        return switch (Bounded.call(checking.name, deadline, checking)) {
            case Bounded.Outcome.Done<Result>(Result result) -> result;
            case Bounded.Outcome.Threw<Result>(Throwable e) -> new Result.Refused(checking.prefix()
                    + (checking.step.equals(PARSING) && e instanceof TheaterException invalid
                    ? "its WIT is invalid: " + invalid.getMessage()
                    : checking.step + " threw " + Causes.describe(e)));
            case Bounded.Outcome.TimedOut<Result> late -> new Result.Refused(checking.prefix() + checking.step
                    + (checking.step.equals(PARSING) ? " did not finish" : " did not return") + " within "
                    + Bounded.format(deadline) + "; it was abandoned (its thread is left running)");
        };
    }

    /** The check itself; {@link #step} and {@link #type} say how far it got when it throws or hangs. */
    private static final class Checking implements Callable<Result> {

        private final Candidate candidate;
        private final String name;
        private volatile String step = "type()";
        private volatile String type;

        Checking(Candidate candidate) {
            this.candidate = candidate;
            this.name = candidate.provider().getClass().getName();
        }

        String prefix() {
            return "provider " + name + (type == null ? "" : " (type '" + type + "')") + " refused: ";
        }

        @Override
        public Result call() {
            try {
                return new Result.Accepted(describe());
            } catch (Refusal refusal) {
                return new Result.Refused(prefix() + refusal.getMessage());
            }
        }

        private ValidProvider describe() {
            HandlerProvider provider = candidate.provider();
            String described = provider.type();
            if (described == null) {
                throw new Refusal("type() returned null");
            }
            if (described.isBlank()) {
                throw new Refusal("type() is blank");
            }
            if (!described.strip().equals(described) || described.chars().anyMatch(Character::isWhitespace)) {
                throw new Refusal("type() '" + described + "' contains whitespace");
            }
            type = described;
            step = "imports()";
            Set<String> imports = interfaces(provider.imports());
            step = "exports()";
            Set<String> exports = interfaces(provider.exports());
            step = "witFiles()";
            Map<String, String> files = provider.witFiles();
            if (files == null) {
                throw new Refusal("witFiles() returned null");
            }
            Map<String, String> copy = new LinkedHashMap<>(files);
            if (copy.containsKey(null) || copy.containsValue(null)) {
                throw new Refusal("witFiles() maps a file name or a text to null");
            }
            step = PARSING;
            if (copy.isEmpty()) {
                return new ValidProvider(candidate, described, imports, exports, List.of(), List.of());
            }
            WitResolution wit = WitParser.resolve(copy, TheaterWit.packages());
            return new ValidProvider(candidate, described, imports, exports,
                    List.copyOf(wit.root().interfaces().values()),
                    wit.dependencies().stream().flatMap(p -> p.interfaces().values().stream()).toList());
        }

        /** A copy of the names {@link #step} returned, each a qualified interface name. */
        private Set<String> interfaces(Set<String> names) {
            if (names == null) {
                throw new Refusal(step + " returned null");
            }
            Set<String> copy = new LinkedHashSet<>();
            for (String qualified : names) {
                if (qualified == null || WitInterfaceName.parse(qualified).isEmpty()) {
                    throw new Refusal(step + " lists " + (qualified == null ? "null" : "'" + qualified + "'")
                            + ", which is not a qualified WIT interface name 'namespace:package/interface'"
                            + " (e.g. theater:simple/runtime)");
                }
                copy.add(qualified);
            }
            return Collections.unmodifiableSet(copy);
        }
    }

    /** Why a provider is refused, thrown inside the check only. */
    private static final class Refusal extends RuntimeException {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }
}
