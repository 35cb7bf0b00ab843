package com.example.greeting;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import java.util.Optional;

/** One actor's greeting handler: {@code greet(name) -> string}. Host calls are recorded in the chain by the runtime. */
final class GreetingHandler implements Handler {

    private final String greeting;

    GreetingHandler(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public void link(HostLinker linker) {
        linker.define(GreetingProvider.INTERFACE, "greet", args -> {
            String name = ((WitValue.Str) args.getFirst()).value();
            return Optional.of(new WitValue.Str(greeting + ", " + name));
        });
    }
}
