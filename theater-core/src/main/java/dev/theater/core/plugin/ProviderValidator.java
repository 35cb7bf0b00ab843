package dev.theater.core.plugin;

import dev.theater.api.wit.WitInterfaceName;
import dev.theater.api.handler.HandlerProvider;
import java.util.Optional;
import java.util.Set;

/** Refuses providers that could never serve a manifest: a blank type, or interfaces that are not qualified WIT names. */
final class ProviderValidator {

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
            if (WitInterfaceName.parse(qualified).isEmpty()) {
                return Optional.of(prefix + method + " lists '" + qualified + "', which is not a qualified WIT interface"
                        + " name 'namespace:package/interface' (e.g. theater:simple/runtime)");
            }
        }
        return Optional.empty();
    }
}
