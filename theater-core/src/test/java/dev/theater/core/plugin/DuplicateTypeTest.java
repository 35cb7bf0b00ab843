package dev.theater.core.plugin;

import static dev.theater.core.plugin.PluginProblem.warning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.testing.CapturedLogs;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same type found twice: code > plugins folder > class path, then first found; the loser is named in a warning. */
class DuplicateTypeTest {

    /** What the registry and PF4J log about the broken jars: captured, not printed into the build log. */
    private final CapturedLogs logs = ProblemLogs.capture();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    private static final String RULE = "; precedence is code > plugins folder > class path/module path, then first found";

    @TempDir
    Path temp;

    private Path plugin(String file, String id, String className) {
        return TestJar.named(file).plugin(id, "1.0.0").provider(className, "greet", "test:greet/greeter")
                .writeTo(temp.resolve("plugins"));
    }

    private Path library(String file, String className) {
        return TestJar.named(file).provider(className, "greet", "test:greet/greeter").writeTo(temp.resolve("lib"));
    }

    private static URLClassLoader classPath(Path jar) throws Exception {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, DuplicateTypeTest.class.getClassLoader());
    }

    @Test
    void thePluginsFolderWinsOverTheClassPath() throws Exception {
        Path pluginJar = plugin("greet-2.jar", "greet", "plug.greet.GreetProvider");
        Path libJar = library("greet-1.jar", "lib.greet.GreetProvider");

        try (URLClassLoader loader = classPath(libJar);
             HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(temp.resolve("plugins"))
                     .classLoader(loader).build()) {
            assertThat(registry.provider("greet").orElseThrow().getClass().getName())
                    .isEqualTo("plug.greet.GreetProvider");
            assertThat(registry.origin("greet")).isEqualTo("plugin greet (" + pluginJar + ")");
            assertThat(registry.problems()).contains(warning(libJar.toString(), "handler type 'greet' is provided"
                    + " twice: using plugin greet (" + pluginJar + "), ignoring class path: " + libJar + RULE));
        }
    }

    @Test
    void codeWinsOverThePluginsFolder() {
        Path pluginJar = plugin("greet.jar", "greet", "plug.greet.GreetProvider");
        HandlerProvider mine = new CodeProvider("greet", Set.of("test:greet/greeter"));

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(temp.resolve("plugins"))
                .serviceLoader(false).add(mine).build()) {
            assertThat(registry.provider("greet")).containsSame(mine);
            assertThat(registry.origin("greet")).isEqualTo("built-in (code)");
            assertThat(registry.problems()).containsExactly(warning(pluginJar.toString(), "handler type 'greet' is"
                    + " provided twice: using built-in (code), ignoring plugin greet (" + pluginJar + ")" + RULE));
            assertThat(logs.lines(ProblemLogs.REGISTRY)).containsExactlyElementsOf(
                    ProblemLogs.lines(registry.problems()));
        }
    }

    @Test
    void twoPluginsOfOneTypeTheFirstJarByFileNameWins() {
        Path first = plugin("a-greet.jar", "greet-a", "plug.a.GreetProvider");
        Path second = plugin("b-greet.jar", "greet-b", "plug.b.GreetProvider");

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(temp.resolve("plugins"))
                .serviceLoader(false).build()) {
            assertThat(registry.origin("greet")).isEqualTo("plugin greet-a (" + first + ")");
            assertThat(registry.problems()).containsExactly(warning(second.toString(), "handler type 'greet' is"
                    + " provided twice: using plugin greet-a (" + first + "), ignoring plugin greet-b (" + second + ")"
                    + RULE));
        }
    }

    @Test
    void theSameClassAddedInCodeAndFoundOnTheClassPathIsNoConflict() throws Exception {
        Path libJar = library("greet.jar", "lib.greet.GreetProvider");

        try (URLClassLoader loader = classPath(libJar)) {
            var mine = (HandlerProvider) loader.loadClass("lib.greet.GreetProvider").getConstructor().newInstance();
            try (HandlerRegistry registry = HandlerRegistry.builder().classLoader(loader).add(mine).build()) {
                assertThat(registry.provider("greet")).containsSame(mine);
                assertThat(registry.problems()).noneMatch(p -> p.message().contains("'greet'"));
            }
        }
    }

    @Test
    void twoPluginsFoldersAreBothSearchedAndTheFolderGivenFirstWins() {
        Path mine = TestJar.named("greet.jar").plugin("my-greet", "1.0.0").provider("mine.GreetProvider", "greet",
                "test:greet/greeter").writeTo(temp.resolve("mine"));
        Path theirs = TestJar.named("greet.jar").plugin("greet", "1.0.0").provider("theirs.GreetProvider", "greet",
                "test:greet/greeter").writeTo(temp.resolve("built-in"));
        Path other = TestJar.named("other.jar").plugin("other", "1.0.0").provider("theirs.OtherProvider", "other",
                "test:other/other").writeTo(temp.resolve("built-in"));

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(temp.resolve("mine"))
                .pluginsDirectory(temp.resolve("built-in")).serviceLoader(false).build()) {
            assertThat(registry.types()).containsExactly("greet", "other");
            assertThat(registry.origin("greet")).isEqualTo("plugin my-greet (" + mine + ")");
            assertThat(registry.origin("other")).isEqualTo("plugin other (" + other + ")");
            assertThat(registry.problems()).containsExactly(warning(theirs.toString(), "handler type 'greet' is"
                    + " provided twice: using plugin my-greet (" + mine + "), ignoring plugin greet (" + theirs + ")"
                    + RULE));
        }
    }

    @Test
    void oneFolderGivenTwiceIsSearchedOnce() {
        Path jar = plugin("greet.jar", "greet", "plug.greet.GreetProvider");

        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(temp.resolve("plugins"))
                .pluginsDirectory(temp.resolve("x/../plugins")).serviceLoader(false).build()) {
            assertThat(registry.origin("greet")).isEqualTo("plugin greet (" + jar + ")");
            assertThat(registry.problems()).isEmpty();
        }
    }
}
