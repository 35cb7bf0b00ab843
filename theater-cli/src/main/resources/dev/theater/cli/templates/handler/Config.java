package {{package}};

import dev.theater.api.handler.HandlerConfig;
import java.util.Set;

/**
 * The {@code {{name}}} handler's config, from the manifest's {@code config = { ... }}: every key checked, an unknown
 * key refused.
 *
 * @param greeting     what a greeting starts with (key {@code greeting}, default {@code hello}; not blank)
 * @param maxNameBytes the longest name {@code greet} takes, in UTF-8 bytes (key {@code max_name_bytes}, default 64)
 */
record {{Base}}Config(String greeting, long maxNameBytes) {

    static final Set<String> KEYS = Set.of("greeting", "max_name_bytes");

    static {{Base}}Config from(HandlerConfig config) {
        config.allowOnly(KEYS);
        String greeting = config.string("greeting").orElse("hello");
        if (greeting.isBlank()) {
            throw config.error("greeting", "must not be blank");
        }
        return new {{Base}}Config(greeting, config.positive("max_name_bytes", 64));
    }
}
