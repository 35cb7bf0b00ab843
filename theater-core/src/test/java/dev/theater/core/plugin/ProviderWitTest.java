package dev.theater.core.plugin;

import static dev.theater.core.plugin.PluginProblem.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitType.Primitive;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.Theater;
import dev.theater.core.runtime.WitUniverse;
import dev.theater.core.testing.TestActors;
import dev.theater.wit.TheaterWit;
import dev.theater.testing.CapturedLogs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's WIT is resolved against the bundled theater:simple: a custom handler's package may use its types (and
 * ship dependency packages of its own as {@code deps/...} files); WIT that names a package it neither ships nor finds
 * there refuses that provider alone, with the place of the reference.
 */
class ProviderWitTest {

    /** What the registry and PF4J log about the broken jars: captured, not printed into the build log. */
    private final CapturedLogs logs = ProblemLogs.capture();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    /** The greeter package: theater:simple types, and a name type from a dependency it ships. */
    private static final String GREETER_WIT = """
            return Map.of("greeter.wit", "package example:greeting;\\n\\ninterface greeter {\\n"
                    + "    use theater:simple/types.{json, chain-event};\\n"
                    + "    use example:names/names@1.0.0.{name};\\n"
                    + "    greet: func(who: name) -> string;\\n"
                    + "    greet-json: func(who: name) -> json;\\n"
                    + "    last-event: func() -> option<chain-event>;\\n}\\n",
                    "deps/names.wit", "package example:names@1.0.0;\\ninterface names { type name = string; }\\n");""";

    /** Its handler links the greeter: the runtime finds that interface, and the functions' types, in its universe. */
    private static final String GREETER_HANDLER = """
            return new Handler() {
                        @Override public void link(HostLinker linker) {
                            linker.define("example:greeting/greeter", "greet", args -> Optional.empty());
                            linker.define("example:greeting/greeter", "greet-json", args -> Optional.empty());
                            linker.define("example:greeting/greeter", "last-event", args -> Optional.empty());
                        }
                    };""";

    @TempDir
    Path temp;
    Path plugins;
    Path home;

    @BeforeEach
    void logPlugin() {
        plugins = temp.resolve("plugins");
        home = temp.resolve("home");
        TestJar.named("log.jar").plugin("log", "1.0.0").provider(ProviderSource.of("plug.log.LogProvider", "log"))
                .writeTo(plugins);
    }

    private Theater theater() {
        return Theater.builder().home(home).pluginsDirectory(plugins).serviceLoader(false).build();
    }

    private Path greeterJar() {
        return TestJar.named("greeting.jar").plugin("greeting", "1.0.0").provider(
                ProviderSource.of("plug.greet.GreetingProvider", "greeting")
                        .imports("return Set.of(\"example:greeting/greeter\");")
                        .witFiles(GREETER_WIT).create(GREETER_HANDLER))
                .writeTo(plugins);
    }

    @Test
    void aProviderWhoseWitUsesTheaterSimpleTypesIsAcceptedWithThoseTypesResolved() {
        greeterJar();
        try (Theater theater = theater()) {
            assertThat(theater.handlers().problems()).isEmpty();
            assertThat(theater.handlerTypes()).containsExactly("greeting", "log");
            // the provider's own package first, then the dependency it ships
            assertThat(theater.handlers().witInterfaces()).extracting(WitInterface::qualifiedName)
                    .containsExactly("example:greeting/greeter", "example:names/names");

            WitInterface greeter = WitUniverse.of(theater.handlers().witInterfaces())
                    .require("example:greeting/greeter@1.0.0", "test");
            WitType chainEvent = TheaterWit.load().requireInterface("types").types().get("chain-event");
            assertThat(chainEvent).isInstanceOfSatisfying(WitType.Record.class,
                    r -> assertThat(r.name()).isEqualTo("chain-event"));
            assertThat(greeter.types().get("json")).isEqualTo(new WitType.ListOf(Primitive.U8));
            assertThat(greeter.types().get("chain-event")).isEqualTo(chainEvent);
            assertThat(greeter.types().get("name")).isEqualTo(Primitive.STRING);
            assertThat(greeter.function("greet-json").orElseThrow().signature())
                    .isEqualTo("func(who: string) -> list<u8>");
            assertThat(greeter.function("last-event").orElseThrow().result())
                    .contains(new WitType.OptionOf(chainEvent));
        }
    }

    /** An actor with the handler: its host functions are bound to the resolved interface when the actor starts. */
    @Test
    void anActorUsesTheHandlerOfThatInterface() {
        greeterJar();
        try (Theater theater = theater()) {
            ActorRef actor = theater.start("name = \"greeted\"\ncomponent_path = \""
                    + TestActors.wasm("lifecycle").toString().replace("\\", "/") + "\"\n"
                    + "[[handlers]]\ntype = \"log\"\n[[handlers]]\ntype = \"greeting\"\n", home);
            assertThat(actor.status()).isEqualTo(ActorStatus.RUNNING);
            assertThat(actor.chain()).extracting(ChainEvent::eventType).contains("theater:simple/runtime/log");
        }
    }

    @Test
    void aProviderWhoseWitNamesAMissingPackageIsRefusedAtThatPlace() {
        Path jar = TestJar.named("broken.jar").plugin("broken", "1.0.0").provider(
                ProviderSource.of("plug.mp.MissingPackage", "missing-package").witFiles(
                        "return Map.of(\"broken.wit\", \"package example:broken;\\n\\ninterface broken {\\n"
                                + "    use example:missing/things.{thing};\\n    f: func(t: thing);\\n}\\n\");"))
                .writeTo(plugins);
        try (Theater theater = theater()) {
            assertThat(theater.handlers().problems()).containsExactly(error(jar.toString(),
                    "provider plug.mp.MissingPackage (type 'missing-package') refused: its WIT is invalid:"
                            + " broken.wit:4:9: unknown package 'example:missing' in 'example:missing/things'; the known"
                            + " packages are [example:broken, theater:simple] (a dependency goes in deps/<name>/*.wit"
                            + " or deps/<name>.wit)"));
            assertThat(theater.handlerTypes()).containsExactly("log");
            assertThat(theater.handlers().witInterfaces()).isEmpty();
            assertThat(logs.lines(ProblemLogs.REGISTRY)).containsExactlyElementsOf(
                    ProblemLogs.lines(theater.handlers().problems()));
        }
    }

    /** A provider in code gets the same check, and its refusal is thrown by {@code add}. */
    @Test
    void aProviderInCodeWhoseWitNamesAnUnknownTheaterSimpleTypeIsRefused() {
        HandlerProvider typo = new HandlerProvider() {
            @Override public String type() {
                return "typo";
            }

            @Override public Set<String> imports() {
                return Set.of("example:typo/t");
            }

            @Override public Set<String> exports() {
                return Set.of();
            }

            @Override public Map<String, String> witFiles() {
                return Map.of("t.wit", "package example:typo;\ninterface t {\n  use theater:simple/types.{jsn};\n}\n");
            }

            @Override public Handler create(HandlerContext context) {
                return new Handler() { };
            }
        };
        assertThatThrownBy(() -> HandlerRegistry.builder().add(typo))
                .isInstanceOfSatisfying(TheaterException.class,
                        e -> assertThat(e.phase()).isEqualTo(TheaterException.Phase.PLUGIN))
                .hasMessage("provider " + typo.getClass().getName() + " (type 'typo') refused: its WIT is invalid:"
                        + " t.wit:3:29: expected a type of interface 'theater:simple/types', found 'jsn'; it has "
                        + TheaterWit.load().requireInterface("types").types().keySet());
    }
}
