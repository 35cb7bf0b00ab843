package {{package}};

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One actor's {@code {{name}}} handler. {@link #link} adds every function of {@code acme:{{name}}/greeter} to the
 * actor's linker; the runtime lifts the arguments, lowers the result and records each call in the actor's chain.
 */
final class {{Base}}Handler implements Handler {

    private final {{Base}}Config config;

    {{Base}}Handler({{Base}}Config config) {
        this.config = config;
    }

    @Override
    public void link(HostLinker linker) {
        linker.define({{Base}}HandlerProvider.INTERFACE, "greet",
                args -> Optional.of(greet(((WitValue.Str) args.getFirst()).value())));
    }

    /**
     * {@code greet: func(name: string) -> result<json, string>}. A mistake the actor can fix is an {@code err} it
     * sees, not a trap: the actor goes on.
     */
    WitValue greet(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            return WitValue.ResultValue.err(new WitValue.Str("the name is empty"));
        }
        if (bytes > config.maxNameBytes()) {
            return WitValue.ResultValue.err(new WitValue.Str("the name is " + bytes + " bytes; max_name_bytes is "
                    + config.maxNameBytes()));
        }
        return WitValue.ResultValue.ok(WitValue.Bytes.utf8("{\"greeting\":" + jsonString(config.greeting() + ", "
                + name) + "}"));
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
