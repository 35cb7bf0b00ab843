package dev.theater.core.plugin;

import static dev.theater.core.plugin.PluginProblem.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.TheaterException;
import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.core.Theater;
import dev.theater.core.testing.TestActors;
import dev.theater.testing.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin whose provider misbehaves (throws an Error while being constructed, never returns, describes itself
 * badly, ships WIT that does not parse, creates no handler) is reported with its jar, and never stops the runtime:
 * the good plugin beside it still loads, and an actor using it runs.
 */
class BrokenProvidersTest {

    /** What the registry and PF4J log about the broken jars: captured, not printed into the build log. */
    private final CapturedLogs logs = ProblemLogs.capture();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    /** Short, so that the tests of providers that never return finish quickly. */
    private static final Duration DEADLINE = Duration.ofMillis(500);
    private static final String ABANDONED = " within 500 ms; it was abandoned (its thread is left running)";
    /** A statement that never completes, even when interrupted. */
    private static final String FOREVER =
            "while (true) { try { Thread.sleep(60_000); } catch (InterruptedException ignored) { } }";

    @TempDir
    Path temp;
    Path plugins;
    Path home;

    @BeforeEach
    void goodPlugin() {
        plugins = temp.resolve("plugins");
        home = temp.resolve("home");
        TestJar.named("log.jar").plugin("log", "1.0.0").provider(ProviderSource.of("plug.log.LogProvider", "log"))
                .writeTo(plugins);
    }

    private Theater theater() {
        return Theater.builder().home(home).pluginsDirectory(plugins).serviceLoader(false).providerDeadline(DEADLINE)
                .build();
    }

    /** A plugin jar named {@code <id>.jar} holding {@code source}'s provider. */
    private Path jar(String id, ProviderSource source) {
        return TestJar.named(id + ".jar").plugin(id, "1.0.0").provider(source).writeTo(plugins);
    }

    private static String manifest(String name, String... handlerTypes) {
        StringBuilder toml = new StringBuilder("name = \"" + name + "\"\ncomponent_path = \""
                + TestActors.wasm("lifecycle").toString().replace("\\", "/") + "\"\n");
        for (String type : handlerTypes) {
            toml.append("[[handlers]]\ntype = \"").append(type).append("\"\n");
        }
        return toml.toString();
    }

    private static String state(ActorRef actor) {
        return actor.state().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("(none)");
    }

    /** Starts a {@code lifecycle} actor whose {@code init} logs through the good plugin. */
    private ActorRef runsAnActor(Theater theater, String name) {
        ActorRef actor = theater.start(manifest(name, "log"), home);
        assertThat(actor.status()).isEqualTo(ActorStatus.RUNNING);
        assertThat(state(actor)).isEqualTo("started");
        assertThat(actor.chain()).extracting(ChainEvent::eventType).contains("theater:simple/runtime/log");
        return actor;
    }

    private void assertOnly(PluginProblem problem) {
        try (Theater theater = theater()) {
            assertThat(theater.handlers().problems()).containsExactly(problem);
            assertThat(theater.handlerTypes()).containsExactly("log");
            assertThat(logs.lines(ProblemLogs.REGISTRY)).containsExactlyElementsOf(
                    ProblemLogs.lines(theater.handlers().problems()));
            runsAnActor(theater, "good");
        }
    }

    @Test
    void aConstructorThatNeverReturnsIsAbandonedAfterTheDeadline() {
        Path jar = jar("hang", ProviderSource.of("plug.hang.Hang", "hang").members("public Hang() { " + FOREVER + " }"));
        assertOnly(error(jar.toString(), "plugin 'hang': provider plug.hang.Hang did not finish constructing"
                + ABANDONED));
    }

    @Test
    void aStaticInitializerThatThrows() {
        Path jar = jar("eiie", ProviderSource.of("plug.eiie.Eiie", "eiie").members(
                "static { if (true) throw new IllegalStateException(\"no licence key\"); }"));
        assertOnly(error(jar.toString(), "plugin 'eiie': provider plug.eiie.Eiie could not be created:"
                + " ExceptionInInitializerError caused by IllegalStateException: no licence key"));
    }

    @Test
    void aConstructorThatNeedsAClassTheJarLacks() {
        Path jar = TestJar.named("ncdfe.jar").plugin("ncdfe", "1.0.0")
                .provider(ProviderSource.of("plug.ncdfe.Ncdfe", "ncdfe").members("public Ncdfe() { new Licence(); }"))
                .source("plug.ncdfe.Licence", "package plug.ncdfe; public class Licence { }")
                .omit("plug.ncdfe.Licence").writeTo(plugins);
        assertOnly(error(jar.toString(), "plugin 'ncdfe': provider plug.ncdfe.Ncdfe could not be created:"
                + " NoClassDefFoundError caused by ClassNotFoundException: plug.ncdfe.Licence"));
    }

    @Test
    void aConstructorThatOverflowsTheStack() {
        Path jar = jar("overflow", ProviderSource.of("plug.overflow.Overflow", "overflow").members(
                "public Overflow() { down(0); } private static int down(int n) { return down(n + 1) + 1; }"));
        assertOnly(error(jar.toString(), "plugin 'overflow': provider plug.overflow.Overflow could not be created:"
                + " StackOverflowError"));
    }

    @Test
    void aTypeThatThrows() {
        Path jar = jar("typethrows", ProviderSource.of("plug.tt.TypeThrows", "unused")
                .type("throw new IllegalStateException(\"not configured\");"));
        assertOnly(error(jar.toString(), "provider plug.tt.TypeThrows refused: type() threw IllegalStateException:"
                + " not configured"));
    }

    @Test
    void aTypeThatIsNull() {
        Path jar = jar("typenull", ProviderSource.of("plug.tn.TypeNull", "unused").type("return null;"));
        assertOnly(error(jar.toString(), "provider plug.tn.TypeNull refused: type() returned null"));
    }

    @Test
    void importsThatThrow() {
        Path jar = jar("importsthrow", ProviderSource.of("plug.it.ImportsThrow", "imports-throw")
                .imports("throw new UnsupportedOperationException(\"not yet\");"));
        assertOnly(error(jar.toString(), "provider plug.it.ImportsThrow (type 'imports-throw') refused: imports()"
                + " threw UnsupportedOperationException: not yet"));
    }

    @Test
    void importsThatAreNull() {
        Path jar = jar("importsnull", ProviderSource.of("plug.in.ImportsNull", "imports-null").imports("return null;"));
        assertOnly(error(jar.toString(), "provider plug.in.ImportsNull (type 'imports-null') refused: imports()"
                + " returned null"));
    }

    @Test
    void importsThatNeverReturnAreAbandonedAfterTheDeadline() {
        Path jar = jar("importshang", ProviderSource.of("plug.ih.ImportsHang", "imports-hang").imports(FOREVER));
        assertOnly(error(jar.toString(), "provider plug.ih.ImportsHang (type 'imports-hang') refused: imports()"
                + " did not return" + ABANDONED));
    }

    @Test
    void witFilesThatThrow() {
        Path jar = jar("witthrows", ProviderSource.of("plug.wt.WitThrows", "wit-throws")
                .witFiles("throw new IllegalStateException(\"greeter.wit is not in the jar\");"));
        assertOnly(error(jar.toString(), "provider plug.wt.WitThrows (type 'wit-throws') refused: witFiles() threw"
                + " IllegalStateException: greeter.wit is not in the jar"));
    }

    @Test
    void witThatDoesNotParse() {
        Path jar = jar("badwit", ProviderSource.of("plug.bw.BadWit", "bad-wit").witFiles(
                "return Map.of(\"bad.wit\", \"package test:bad;\\n\\ninterface bad {\\n"
                        + "    greet: func(name: list<u8) -> string;\\n}\\n\");"));
        assertOnly(error(jar.toString(), "provider plug.bw.BadWit (type 'bad-wit') refused: its WIT is invalid:"
                + " bad.wit:4:30: expected '>' to close 'list<', found ')'"));
    }

    /**
     * A list nested 20,000 deep: today the parser overflows its stack; with a depth limit it refuses the WIT. Either
     * way the provider is refused and the runtime is not hurt. (Once the parser's depth limit lands, the second
     * form can be written out in full.)
     */
    @Test
    void witNestedTooDeeplyToParse() {
        Path jar = jar("deepwit", ProviderSource.of("plug.dw.DeepWit", "deep-wit").witFiles(
                "return Map.of(\"deep.wit\", \"package test:deep;\\ninterface deep {\\n    f: func(x: \""
                        + " + \"list<\".repeat(20_000) + \"u8\" + \">\".repeat(20_000) + \");\\n}\\n\");"));
        String prefix = "provider plug.dw.DeepWit (type 'deep-wit') refused: ";
        try (Theater theater = theater()) {
            assertThat(theater.handlers().problems()).singleElement().satisfies(problem -> {
                assertThat(problem.severity()).isEqualTo(PluginProblem.Severity.ERROR);
                assertThat(problem.source()).isEqualTo(jar.toString());
                assertThat(problem.message()).satisfiesAnyOf(
                        message -> assertThat(message).isEqualTo(prefix + "parsing its WIT threw StackOverflowError"),
                        message -> assertThat(message).startsWith(prefix + "its WIT is invalid: deep.wit:3:"));
            });
            assertThat(theater.handlerTypes()).containsExactly("log");
            runsAnActor(theater, "good");
        }
    }

    @Test
    void aCreateThatReturnsNullFailsThatActorsStartOnly() {
        jar("nullhandler", ProviderSource.of("plug.nh.NullHandler", "null-handler").create("return null;"));
        try (Theater theater = theater()) {
            assertThat(theater.handlers().problems()).isEmpty();
            ActorRef running = runsAnActor(theater, "before");

            assertThatThrownBy(() -> theater.start(manifest("nullish", "log", "null-handler"), home))
                    .isInstanceOfSatisfying(HandlerException.class, e -> {
                        assertThat(e.phase()).isEqualTo(TheaterException.Phase.HANDLER);
                        assertThat(e.actorId()).contains("nullish");
                    })
                    .hasMessage("actor 'nullish': <string>:5: handler 'null-handler' could not be created:"
                            + " create() of provider plug.nh.NullHandler returned null");

            assertThat(theater.actorIds()).containsExactly("before");
            assertThat(running.status()).isEqualTo(ActorStatus.RUNNING);
            runsAnActor(theater, "after");
        }
    }

    /** A provider in code is the embedder's own: refused at once, with the same message. */
    @Test
    void aProviderInCodeWithInvalidWitIsRefusedWhenAdded() {
        HandlerProvider badWit = new HandlerProvider() {
            @Override public String type() {
                return "bad-wit";
            }

            @Override public Set<String> imports() {
                return Set.of("test:bad/bad");
            }

            @Override public Set<String> exports() {
                return Set.of();
            }

            @Override public Map<String, String> witFiles() {
                return Map.of("bad.wit", "package test:bad;\ninterface bad {\n    f: func(;\n}\n");
            }

            @Override public Handler create(HandlerContext context) {
                return new Handler() { };
            }
        };
        assertThatThrownBy(() -> HandlerRegistry.builder().add(badWit))
                .isInstanceOfSatisfying(TheaterException.class,
                        e -> assertThat(e.phase()).isEqualTo(TheaterException.Phase.PLUGIN))
                .hasMessage("provider " + badWit.getClass().getName() + " (type 'bad-wit') refused: its WIT is"
                        + " invalid: bad.wit:3:13: expected a parameter name or ')', found ';'");
    }
}
