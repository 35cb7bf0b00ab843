package dev.theater.core.plugin;

import static dev.theater.core.plugin.PluginProblem.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testing.CapturedLogs;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A handler jar added as a dependency (on the class path) is found by ServiceLoader. */
class ServiceLoaderDiscoveryTest {

    /** What the registry and PF4J log about the broken jars: captured, not printed into the build log. */
    private final CapturedLogs logs = ProblemLogs.capture();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    @TempDir
    Path temp;

    private static URLClassLoader classPath(Path... jars) throws Exception {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, ServiceLoaderDiscoveryTest.class.getClassLoader());
    }

    /** Only the problems about our own jars: the test class path may hold other engineers' providers. */
    private static java.util.List<PluginProblem> problemsAbout(HandlerRegistry registry, Path... jars) {
        var sources = java.util.Arrays.stream(jars).map(Path::toString).toList();
        return registry.problems().stream().filter(p -> sources.contains(p.source())).toList();
    }

    @Test
    void findsAProviderOfAJarOnTheClassPath() throws Exception {
        Path jar = TestJar.named("greet-lib.jar").provider("lib.greet.GreetProvider", "greet", "test:greet/greeter")
                .writeTo(temp.resolve("lib"));

        try (URLClassLoader loader = classPath(jar);
             HandlerRegistry registry = HandlerRegistry.builder().classLoader(loader).build()) {
            assertThat(problemsAbout(registry, jar)).isEmpty();
            assertThat(registry.types()).contains("greet");
            assertThat(registry.origin("greet")).isEqualTo("class path: " + jar);
            assertThat(ProviderDriver.greet(registry.provider("greet").orElseThrow(), "test:greet/greeter", "ada"))
                    .isEqualTo("hi ada from greet");
        }
    }

    @Test
    void serviceLoaderCanBeSwitchedOff() throws Exception {
        Path jar = TestJar.named("greet-lib.jar").provider("lib.greet.GreetProvider", "greet", "test:greet/greeter")
                .writeTo(temp.resolve("lib"));

        try (URLClassLoader loader = classPath(jar);
             HandlerRegistry registry = HandlerRegistry.builder().classLoader(loader).serviceLoader(false).build()) {
            assertThat(registry.types()).isEmpty();
            assertThat(registry.problems()).isEmpty();
        }
    }

    @Test
    void brokenClassPathJarsAreReportedWithTheirJarAndTheOthersStillLoad() throws Exception {
        Path lib = temp.resolve("lib");
        Path missing = TestJar.named("a-missing.jar").service("lib.missing.Gone").writeTo(lib);
        Path throwing = TestJar.named("b-throwing.jar").providerWithConstructor("lib.throwing.Throwing", "throwing",
                "throw new IllegalStateException(\"no licence key\");", "test:throwing/t").writeTo(lib);
        Path unqualified = TestJar.named("c-unqualified.jar")
                .provider("lib.unq.Unqualified", "unq", "theater:simple").writeTo(lib);
        Path good = TestJar.named("d-greet.jar").provider("lib.greet.GreetProvider", "greet", "test:greet/greeter")
                .writeTo(lib);

        try (URLClassLoader loader = classPath(missing, throwing, unqualified, good);
             HandlerRegistry registry = HandlerRegistry.builder().classLoader(loader).build()) {
            assertThat(registry.types()).contains("greet").doesNotContain("throwing", "unq");
            assertThat(problemsAbout(registry, missing, throwing, unqualified, good)).containsExactly(
                    error(missing.toString(), "ServiceLoader could not load a handler provider:"
                            + " dev.theater.api.handler.HandlerProvider: Provider lib.missing.Gone not found"),
                    error(throwing.toString(), "ServiceLoader could not load a handler provider:"
                            + " dev.theater.api.handler.HandlerProvider: Provider lib.throwing.Throwing could not be"
                            + " instantiated: IllegalStateException: no licence key"),
                    error(unqualified.toString(), "provider lib.unq.Unqualified (type 'unq') refused: imports() lists"
                            + " 'theater:simple', which is not a qualified WIT interface name"
                            + " 'namespace:package/interface' (e.g. theater:simple/runtime)"));
            assertThat(logs.lines(ProblemLogs.REGISTRY)).containsAll(
                    ProblemLogs.lines(problemsAbout(registry, missing, throwing, unqualified, good)));
        }
    }

    @Test
    void aClassPathProviderWhoseConstructorNeverReturnsIsAbandonedAndTheOthersStillLoad() throws Exception {
        Path lib = temp.resolve("lib");
        Path hanging = TestJar.named("a-hang.jar").provider(ProviderSource.of("lib.hang.Hang", "hang").members(
                "public Hang() { while (true) { try { Thread.sleep(60_000); } catch (InterruptedException e) { } } }"))
                .writeTo(lib);
        Path good = TestJar.named("b-greet.jar").provider("lib.greet.GreetProvider", "greet", "test:greet/greeter")
                .writeTo(lib);

        try (URLClassLoader loader = classPath(hanging, good);
             HandlerRegistry registry = HandlerRegistry.builder().classLoader(loader)
                     .providerDeadline(java.time.Duration.ofMillis(500)).build()) {
            assertThat(registry.types()).contains("greet").doesNotContain("hang");
            assertThat(problemsAbout(registry, hanging, good)).containsExactly(error(hanging.toString(),
                    "provider lib.hang.Hang did not finish constructing within 500 ms; it was abandoned"
                            + " (its thread is left running)"));
            assertThat(ProviderDriver.greet(registry.provider("greet").orElseThrow(), "test:greet/greeter", "ada"))
                    .isEqualTo("hi ada from greet");
        }
    }
}
