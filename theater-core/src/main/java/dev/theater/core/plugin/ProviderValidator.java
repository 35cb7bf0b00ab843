package dev.theater.core.plugin;

import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Refuses providers that could never serve a manifest: a blank type, or interfaces that are not qualified WIT names. */
final class ProviderValidator {

    private static final String LABEL = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    /** {@code namespace:package/interface}, optionally with a version suffix such as {@code @0.1.0}. */
    static final Pattern QUALIFIED_INTERFACE =
            Pattern.compile(LABEL + ":" + LABEL + "/" + LABEL + "(@[0-9A-Za-z.+-]+)?");

    private ProviderValidator() {
    }

    /** Why {@code provider} is refused, or empty when it is acceptable. */
    static Optional<String> refusal(HandlerProvider provider) {
        String name = provider.getClass().getName();
        try {
            String type = provider.type();
            if (type == null || type.isBlank()) {
                return Optional.of("provider " + name + " refused: type() is blank");
            }
            if (!type.strip().equals(type) || type.chars().anyMatch(Character::isWhitespace)) {
                return Optional.of("provider " + name + " refused: type() '" + type + "' contains whitespace");
            }
            return interfaces(name, type, "imports()", provider.imports())
                    .or(() -> interfaces(name, type, "exports()", provider.exports()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("provider " + name + " refused: describing itself threw " + Causes.describe(e));
        }
    }

    private static Optional<String> interfaces(String name, String type, String method, Set<String> names) {
        String prefix = "provider " + name + " (type '" + type + "') refused: ";
        if (names == null) {
            return Optional.of(prefix + method + " returned null");
        }
        for (String qualified : names) {
            if (qualified == null || !QUALIFIED_INTERFACE.matcher(qualified).matches()) {
                return Optional.of(prefix + method + " lists '" + qualified + "', which is not a qualified WIT interface"
                        + " name 'namespace:package/interface' (e.g. theater:simple/runtime)");
            }
        }
        return Optional.empty();
    }

    /** {@code theater:simple/runtime@0.1.0} to {@code theater:simple/runtime}. */
    static String withoutVersion(String qualified) {
        int at = qualified.indexOf('@');
        return at < 0 ? qualified : qualified.substring(0, at);
    }
}
