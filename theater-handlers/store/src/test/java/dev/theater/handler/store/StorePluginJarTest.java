package dev.theater.handler.store;

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
class StorePluginJarTest {

    @TempDir
    Path dir;

    @Test
    void theStoreHandlerLoadsAsAPluginJar() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        GuestFolder.copyGuest("store-probe", app);
        try (Theater theater = PluginJar.theater(dir, StoreHandlerProvider.class, "theater-handler-store",
                new RuntimeHandlerProvider(), new MessageServerHandlerProvider())) {
            assertThat(theater.handlers().origin("store")).startsWith("plugin theater-handler-store");
            ActorRef probe = theater.start(StoreApp.manifest("probe", "store-probe", ""), app);
            String id = StoreApp.ok(probe, "new");
            String hash = StoreApp.ok(probe, "store-at-label", id, "l", "from a plugin");
            assertThat(StoreApp.one(probe, "get", id, hash)).isEqualTo("get ok from a plugin");
        }
    }
}
