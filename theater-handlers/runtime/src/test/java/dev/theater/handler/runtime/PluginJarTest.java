package dev.theater.handler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.testing.PluginJar;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's classes, packed as the plugin jar the build makes, load from a plugins folder with PF4J. */
class PluginJarTest {

    @TempDir
    Path home;

    @Test
    void theRuntimeHandlerLoadsAsAPluginJar() throws Exception {
        try (Theater theater = PluginJar.theater(home, RuntimeHandlerProvider.class, "theater-handler-runtime",
                new DriverProvider())) {
            assertThat(theater.handlers().origin("runtime")).startsWith("plugin theater-handler-runtime");
            ActorRef probe = theater.start(RuntimeGuestTest.MANIFEST, RuntimeGuestTest.PROBE);
            assertThat(probe.chain().stream().filter(e -> e.eventType().equals("theater:simple/runtime/log"))
                    .map(e -> e.dataAsString()).toList()).isEqualTo(List.of("{\"args\":{\"msg\":\"probe probe\"}}"));
        }
    }
}
