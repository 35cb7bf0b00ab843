package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same built-in handler jars, found once through ServiceLoader (they are Maven dependencies of this
 * module, so on the test class path) and once through PF4J (copied into a plugins folder), run ping-pong.
 */
class BuiltInHandlersBothWaysTest {

    @TempDir
    Path home;

    @Test
    void foundThroughServiceLoaderAsADependency() {
        try (Theater theater = Theater.builder().home(home).build()) {
            assertThat(theater.handlers().origin("runtime")).startsWith("class path: ");
            assertThat(theater.handlers().origin("message-server")).startsWith("class path: ");
            playPingPong(theater);
        }
    }

    @Test
    void foundThroughPf4jInAPluginsFolder(@TempDir Path plugins) throws IOException {
        try (Stream<Path> jars = Files.list(RunCommandTest.PLUGINS)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        try (Theater theater = Theater.builder().home(home).serviceLoader(false).pluginsDirectory(plugins).build()) {
            assertThat(theater.handlers().origin("runtime")).startsWith("plugin theater-handler-runtime (");
            assertThat(theater.handlers().origin("message-server")).startsWith("plugin theater-handler-message-server (");
            assertThat(theater.handlers().problems()).isEmpty();
            playPingPong(theater);
        }
    }

    private static void playPingPong(Theater theater) {
        ActorRef pong = theater.start(RunCommandTest.ROOT.resolve("examples/ping-pong/pong.toml"));
        ActorRef ping = theater.start(RunCommandTest.ROOT.resolve("examples/ping-pong/ping.toml"));

        assertThat(text(ping)).isEqualTo("{\"sent\":3}");
        assertThat(text(pong)).isEqualTo("{\"count\":4}");
        assertThat(new String(pong.request("ping 9".getBytes(StandardCharsets.UTF_8)).join(), StandardCharsets.UTF_8))
                .isEqualTo("pong 9");
    }

    private static String text(ActorRef actor) {
        return new String(actor.state().orElseThrow(), StandardCharsets.UTF_8);
    }
}
