package dev.theater.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerProvider;
import dev.theater.testing.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/** Handler plugins dropped into a plugins folder are found by PF4J, through their META-INF/services file. */
class PluginFolderTest {

    /** What the registry and PF4J log about the broken jars: captured, not printed into the build log. */
    private final CapturedLogs logs = ProblemLogs.capture();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    @TempDir
    Path temp;

    @Test
    void findsAProviderThatOnlyExistsInAPluginJar() throws Exception {
        Path plugins = temp.resolve("plugins");
        Path jar = TestJar.named("greet.jar").plugin("greet", "1.0.0")
                .provider("plug.greet.GreetProvider", "greet", "test:greet/greeter").writeTo(plugins);

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build()) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.types()).containsExactly("greet");
            assertThat(registry.origin("greet")).isEqualTo("plugin greet (" + jar + ")");
            HandlerProvider provider = registry.provider("greet").orElseThrow();
            assertThat(provider.getClass().getName()).isEqualTo("plug.greet.GreetProvider");
            assertThat(provider.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
            assertThatThrownBy(() -> Class.forName("plug.greet.GreetProvider"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(ProviderDriver.greet(provider, "test:greet/greeter", "ada")).isEqualTo("hi ada from greet");
        }
    }

    @Test
    void aPluginThatBundlesTheaterApiStillImplementsTheRuntimesHandlerProvider() {
        Path plugins = temp.resolve("plugins");
        TestJar.named("bundling.jar").plugin("bundling", "1.0.0")
                .provider("plug.bundling.BundlingProvider", "bundling", "test:bundling/api")
                .entry("dev/theater/api/handler/HandlerProvider.class", TestJar.classBytes(HandlerProvider.class))
                .entry("dev/theater/api/handler/Handler.class", TestJar.classBytes(Handler.class))
                .writeTo(plugins);

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build()) {
            assertThat(registry.problems()).isEmpty();
            HandlerProvider provider = registry.provider("bundling").orElseThrow();
            assertThat(provider).isInstanceOf(HandlerProvider.class);
            assertThat(ProviderDriver.greet(provider, "test:bundling/api", "bob")).isEqualTo("hi bob from bundling");
        }
    }

    @Test
    void aJarWithoutDirectoryEntriesIsFoundToo() {
        Path plugins = temp.resolve("plugins");
        Path jar = TestJar.named("flat.jar").plugin("flat", "1.0.0").noDirectoryEntries()
                .provider("plug.flat.FlatProvider", "flat", "test:flat/f").writeTo(plugins);

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build()) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.origin("flat")).isEqualTo("plugin flat (" + jar + ")");
            assertThat(ProviderDriver.greet(registry.provider("flat").orElseThrow(), "test:flat/f", "cy"))
                    .isEqualTo("hi cy from flat");
        }
    }

    @Test
    void aJarDroppedInLaterIsFoundByTheNextRegistryWithoutRebuilding() {
        Path plugins = temp.resolve("plugins");
        TestJar.named("greet.jar").plugin("greet", "1.0.0")
                .provider("plug.greet.GreetProvider", "greet", "test:greet/greeter").writeTo(plugins);
        try (HandlerRegistry first = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build()) {
            assertThat(first.types()).containsExactly("greet");
        }

        TestJar.named("wave.jar").plugin("wave", "0.1.0")
                .provider("plug.wave.WaveProvider", "wave", "test:wave/waver").writeTo(plugins);
        try (HandlerRegistry second = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build()) {
            assertThat(second.types()).containsExactly("greet", "wave");
        }
    }

    @Test
    void closeStopsAndUnloadsThePlugins() {
        Path plugins = temp.resolve("plugins");
        TestJar.named("greet.jar").plugin("greet", "1.0.0")
                .provider("plug.greet.GreetProvider", "greet", "test:greet/greeter").writeTo(plugins);
        HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build();
        var loader = (PluginClassLoader) registry.provider("greet").orElseThrow().getClass().getClassLoader();

        registry.close();
        registry.close();

        assertThat(loader.isClosed()).isTrue();
    }

    @Test
    void aMissingPluginsFolderIsAWarningAndNothingElse() {
        Path missing = temp.resolve("no-such-folder");

        HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(missing).serviceLoader(false).build();

        assertThat(registry.types()).isEmpty();
        assertThat(registry.problems()).containsExactly(PluginProblem.warning(missing.toString(),
                "plugins folder does not exist or is not a folder; no plugins loaded"));
        assertThat(Files.exists(missing)).isFalse();
    }
}
