package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HostFunction;
import dev.theater.api.handler.HostLinker;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.plugin.HandlerRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The {@code {{name}}} handler through the SPI the runtime uses: the runtime's own checks of the provider (its type,
 * interfaces and WIT, parsed against theater:simple), the config, and {@code greet} as an actor calls it. An actor
 * calling it for real: `theater new actor my-actor --handler {{name}}` (see README.md).
 */
class {{Base}}HandlerTest {

    @Test
    void theRuntimeAcceptsTheProviderAndItsWit() {
        try (HandlerRegistry registry = HandlerRegistry.builder().serviceLoader(false)
                .add(new {{Base}}HandlerProvider()).build()) {
            assertEquals(Set.of("{{name}}"), registry.types());
            assertEquals(List.of(), registry.problems());
            WitInterface greeter = registry.witInterfaces().stream()
                    .filter(wit -> wit.qualifiedName().equals({{Base}}HandlerProvider.INTERFACE)).findFirst()
                    .orElseThrow(() -> new AssertionError("no WIT interface " + {{Base}}HandlerProvider.INTERFACE));
            assertTrue(greeter.function("greet").isPresent(), "greet is declared in the WIT file");
        }
    }

    @Test
    void greetAnswersWithTheConfiguredGreetingAsJson() {
        HostFunction greet = linked(config(Map.of("greeting", "hi"))).get("greet");

        WitValue answer = greet.call(List.of(new WitValue.Str("world \"w\""))).orElseThrow();

        assertEquals(WitValue.ResultValue.ok(WitValue.Bytes.utf8("{\"greeting\":\"hi, world \\\"w\\\"\"}")), answer);
    }

    @Test
    void greetRefusesAnEmptyOrTooLongNameWithAnError() {
        HostFunction greet = linked(config(Map.of("max_name_bytes", 4L))).get("greet");

        assertEquals(WitValue.ResultValue.err(new WitValue.Str("the name is empty")),
                greet.call(List.of(new WitValue.Str(""))).orElseThrow());
        assertEquals(WitValue.ResultValue.err(new WitValue.Str("the name is 5 bytes; max_name_bytes is 4")),
                greet.call(List.of(new WitValue.Str("world"))).orElseThrow());
    }

    @Test
    void theConfigHasDefaultsAndRefusesUnknownKeysAndABlankGreeting() {
        assertEquals(new {{Base}}Config("hello", 64), config(Map.of()));

        HandlerException unknown = assertThrows(HandlerException.class, () -> config(Map.of("greting", "hi")));
        assertEquals("actor.toml: handler '{{name}}': config key 'greting' is not a known key; the known keys are"
                + " [greeting, max_name_bytes]", unknown.getMessage());
        HandlerException blank = assertThrows(HandlerException.class, () -> config(Map.of("greeting", " ")));
        assertEquals("actor.toml: handler '{{name}}': config key 'greeting' must not be blank", blank.getMessage());
    }

    private static {{Base}}Config config(Map<String, Object> values) {
        return {{Base}}Config.from(new HandlerConfig("{{name}}", values, "actor.toml"));
    }

    /** The functions the handler adds to an actor's linker, by name (all of them on its one interface). */
    private static Map<String, HostFunction> linked({{Base}}Config config) {
        Map<String, HostFunction> functions = new HashMap<>();
        new {{Base}}Handler(config).link(new HostLinker() {
            @Override
            public HostLinker define(String witInterface, String function, HostFunction implementation) {
                assertEquals({{Base}}HandlerProvider.INTERFACE, witInterface);
                functions.put(function, implementation);
                return this;
            }
        });
        return functions;
    }
}
