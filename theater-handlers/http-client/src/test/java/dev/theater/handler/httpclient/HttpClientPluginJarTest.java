package dev.theater.handler.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import dev.theater.handler.messageserver.MessageServerHandlerProvider;
import dev.theater.handler.runtime.RuntimeHandlerProvider;
import dev.theater.handler.testing.GuestFolder;
import dev.theater.handler.testing.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler's classes, packed as the plugin jar the build makes, load from a plugins folder with PF4J and work. */
class HttpClientPluginJarTest {

    @TempDir
    Path dir;

    @Test
    void theHttpClientHandlerLoadsAsAPluginJar() throws Exception {
        TestServers servers = TestServers.shared();
        Path app = Files.createDirectories(dir.resolve("app"));
        GuestFolder.copyGuest("http-probe", app);
        try (Theater theater = PluginJar.theater(dir, HttpClientHandlerProvider.class, "theater-handler-http-client",
                new RuntimeHandlerProvider(), new MessageServerHandlerProvider())) {
            assertThat(theater.handlers().origin("http-client")).startsWith("plugin theater-handler-http-client");
            ActorRef probe = theater.start(HttpApp.manifest("probe", "allowed_hosts = [\"http://127.0.0.1:*\"]"), app);
            assertThat(HttpApp.sendBody(probe, "POST", servers.http("/echo"), "from a plugin"))
                    .contains("send-http ok 200 13", "b from a plugin");
        }
    }
}
