package com.example.greeting;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * The {@code greeting} handler: gives actors {@code example:greeting/greeter} ({@code greet} and {@code greet-json}).
 * Manifest entry:
 * <pre>
 * [[handlers]]
 * type = "greeting"
 * config = { greeting = "hi" }
 * </pre>
 */
public final class GreetingProvider implements HandlerProvider {

    public static final String INTERFACE = "example:greeting/greeter";

    @Override
    public String type() {
        return "greeting";
    }

    @Override
    public Set<String> imports() {
        return Set.of(INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    /**
     * The {@code example:greeting} package. Its {@code greeter.wit} uses {@code theater:simple/types.{json}}: the
     * runtime resolves a provider's WIT against the bundled theater:simple, so only this package ships here.
     */
    @Override
    public Map<String, String> witFiles() {
        try (InputStream in = GreetingProvider.class.getResourceAsStream("/wit/greeter.wit")) {
            return Map.of("greeter.wit", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Handler create(HandlerContext context) {
        context.config().allowOnly(Set.of("greeting"));
        String greeting = context.config().string("greeting").orElse("hello");
        if (greeting.isBlank()) {
            throw context.config().error("greeting", "must not be blank");
        }
        return new GreetingHandler(greeting);
    }
}
