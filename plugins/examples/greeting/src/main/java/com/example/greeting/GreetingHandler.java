package com.example.greeting;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import java.util.Optional;

/**
 * One actor's greeting handler: {@code greet(name) -> string} and {@code greet-json(name) -> json}, where {@code json}
 * is theater:simple's JSON bytes ({@code list<u8>}, lifted and lowered as {@link WitValue.Bytes}). Host calls are
 * recorded in the chain by the runtime.
 */
final class GreetingHandler implements Handler {

    private final String greeting;

    GreetingHandler(String greeting) {
        this.greeting = greeting;
    }

    @Override
    public void link(HostLinker linker) {
        linker.define(GreetingProvider.INTERFACE, "greet", args -> Optional.of(new WitValue.Str(greet(args.getFirst()))));
        linker.define(GreetingProvider.INTERFACE, "greet-json",
                args -> Optional.of(WitValue.Bytes.utf8("{\"greeting\":" + jsonString(greet(args.getFirst())) + "}")));
    }

    private String greet(WitValue name) {
        return greeting + ", " + ((WitValue.Str) name).value();
    }

    /** {@code text} as a JSON string literal. */
    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
