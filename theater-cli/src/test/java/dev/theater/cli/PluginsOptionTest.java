package dev.theater.cli;

import static dev.theater.cli.Scaffolded.theater;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugins DIR} of {@code run} and {@code handlers} adds DIR's jars to the built-in handlers (the plugins
 * folder of the distribution), {@code --no-builtin-handlers} leaves those out, a missing folder is an error. The
 * tests run on a class path that also holds the built-in handlers (ServiceLoader finds them there), so where a
 * built-in comes from tells whether the distribution's plugins folder was loaded.
 */
class PluginsOptionTest {

    @TempDir
    Path dir;

    private Path jars;

    @BeforeEach
    void scaffoldAHandler() throws Exception {
        jars = Scaffolded.handlerPlugin(dir, "hello-handler");
    }

    private String helloHandlerLine() {
        return "hello-handler  imports [acme:hello-handler/greeter]  exports []  from plugin hello-handler ("
                + jars.resolve("hello-handler.jar").toAbsolutePath().normalize() + ")";
    }

    private static String runtimeLine(String origin) {
        return "runtime  imports [theater:simple/runtime]  exports []  from " + origin;
    }

    @Test
    void handlersLoadsThePluginsFolderBesideTheBuiltInHandlers() {
        Scaffolded.Run run = theater("handlers", "--plugins", jars.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(helloHandlerLine())
                .contains(runtimeLine("plugin theater-handler-runtime (" + BuiltInHandlers.pluginJar("runtime") + ")"));
    }

    @Test
    void noBuiltinHandlersLeavesTheDistributionsPluginsOut() {
        Scaffolded.Run run = theater("handlers", "--no-builtin-handlers", "--plugins", jars.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains(helloHandlerLine())
                .contains(runtimeLine("class path: " + BuiltInHandlers.classPathLocation("runtime")))
                .noneMatch(line -> line.contains(RunCommandTest.PLUGINS.toAbsolutePath().normalize().toString()));
    }

    @Test
    void runLoadsThePluginsFolderBesideTheBuiltInHandlers() {
        Path hello = RunCommandTest.ROOT.resolve("examples/hello/hello.toml");

        Scaffolded.Run run = theater("run", "--home", dir.resolve("home").toString(), "--plugins", jars.toString(),
                "--exit-after", "0ms", hello.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("hello: hello from hello");
        // the built-in plugins were loaded: each wins over its copy on the test class path, with a warning
        assertThat(run.err()).contains("theater: " + BuiltInHandlers.duplicateWarning("runtime"));
    }

    @Test
    void runWithNoBuiltinHandlersLoadsOnlyThePluginsFolderGiven() {
        Path hello = RunCommandTest.ROOT.resolve("examples/hello/hello.toml");

        Scaffolded.Run run = theater("run", "--home", dir.resolve("home").toString(), "--no-builtin-handlers",
                "--plugins", jars.toString(), "--exit-after", "0ms", hello.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("hello: hello from hello"); // runtime and message-server: the test class path
        assertThat(run.err()).noneMatch(line -> line.contains("provided twice"));
    }

    @Test
    void aMissingPluginsFolderIsAnErrorForRunAndHandlers() {
        Path missing = dir.resolve("no-such-plugins");
        Path hello = RunCommandTest.ROOT.resolve("examples/hello/hello.toml");

        Scaffolded.Run handlers = theater("handlers", "--plugins", missing.toString());
        Scaffolded.Run run = theater("run", "--home", dir.resolve("home").toString(), "--plugins", missing.toString(),
                "--exit-after", "0ms", hello.toString());

        for (Scaffolded.Run r : new Scaffolded.Run[] {handlers, run}) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).containsExactly("theater: --plugins: no such folder: " + missing);
            assertThat(r.out()).isEmpty();
        }
        assertThat(Files.exists(dir.resolve("home/chains/hello.chain"))).as("nothing was started").isFalse();
    }

    @Test
    void aFileGivenAsThePluginsFolderIsAnError() {
        Path jar = jars.resolve("hello-handler.jar");

        Scaffolded.Run run = theater("handlers", "--plugins", jar.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).containsExactly("theater: --plugins: not a folder: " + jar);
    }
}
