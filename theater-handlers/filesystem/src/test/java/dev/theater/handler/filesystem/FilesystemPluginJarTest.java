package dev.theater.handler.filesystem;

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
class FilesystemPluginJarTest {

    @TempDir
    Path dir;

    @Test
    void theFilesystemHandlerLoadsAsAPluginJar() throws Exception {
        Path app = Files.createDirectories(dir.resolve("app"));
        GuestFolder.copyGuest("fs-probe", app);
        try (Theater theater = PluginJar.theater(dir, FilesystemHandlerProvider.class, "theater-handler-filesystem",
                new RuntimeHandlerProvider(), new MessageServerHandlerProvider())) {
            assertThat(theater.handlers().origin("filesystem")).startsWith("plugin theater-handler-filesystem");
            ActorRef probe = theater.start(FsApp.manifest("probe", "path = \"data\", new_dir = true"), app);
            assertThat(FsApp.one(probe, "write", "f.txt", "from a plugin")).isEqualTo("write-file ok");
            assertThat(FsApp.one(probe, "read", "f.txt")).isEqualTo("read-file ok from a plugin");
            assertThat(app.resolve("data/f.txt")).hasContent("from a plugin");
        }
    }
}
