package dev.theater.handler.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.HandlerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config keys: defaults, bad values named with the manifest line, and what a child may have. */
class FilesystemConfigTest {

    private static HandlerConfig config(Map<String, Object> values) {
        return new HandlerConfig("filesystem", values, "app.toml:7");
    }

    @Test
    void defaultsDenyEverythingButTheFolder() {
        assertThat(FilesystemConfig.from(config(Map.of("path", "data")))).isEqualTo(new FilesystemConfig("data", false,
                false, List.of(), 16L << 20, 30_000, 1L << 20));
    }

    @Test
    void badValuesAreErrorsNamingKeyAndLine() {
        String at = "app.toml:7: handler 'filesystem': config key ";
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of()))).hasMessage(at + "'path' is required: the"
                + " folder this actor may use, relative to the manifest's folder (e.g. path = \"data\")");
        for (String path : new String[] {"/srv/data", "../outside", "a/../../b", "", ".", "a/.."}) {
            assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", path)))).hasMessage(at + "'path' must be"
                    + " a folder inside the manifest's folder, relative to it (e.g. \"data\"), found \"" + path + "\"");
        }
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "max_file_bytes", 0L))))
                .hasMessage(at + "'max_file_bytes' must be within 1..1073741824, found 0");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "command_timeout_ms", -5L))))
                .hasMessage(at + "'command_timeout_ms' must be within 1..3600000, found -5");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "max_output_bytes", 1L << 40))))
                .hasMessage(at + "'max_output_bytes' must be within 1..67108864, found 1099511627776");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "read_only", "yes"))))
                .hasMessage(at + "'read_only' must be a boolean, found string yes");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "allowed_commands", "ls"))))
                .hasMessage(at + "'allowed_commands' must be a list of command names, e.g. [\"git\", \"/usr/bin/make\"]");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "allowed_commands", List.of("bin/ls")))))
                .hasMessage(at + "'allowed_commands' holds \"bin/ls\": a command is a bare name (looked up in"
                        + " /usr/local/bin:/usr/bin:/bin) or an absolute path");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "allowed_commands", List.of("")))))
                .hasMessage(at + "'allowed_commands' must hold non-empty strings, found ");
        assertThatThrownBy(() -> FilesystemConfig.from(config(Map.of("path", "d", "read_only", true,
                "allowed_commands", List.of("ls"))))).hasMessage(at + "'allowed_commands' cannot be set with read_only ="
                + " true: a command could write");
    }

    @Test
    void aChildGetsItsParentsFolderOrOneInsideItAndNeverMore() {
        FilesystemHandlerProvider provider = new FilesystemHandlerProvider();
        HandlerConfig parent = config(Map.of("path", "data", "allowed_commands", List.of("ls", "git"),
                "max_file_bytes", 1000L));
        assertThat(provider.widens(parent, config(Map.of("path", "data/child", "allowed_commands", List.of("git"),
                "max_file_bytes", 10L)))).isEmpty();
        assertThat(provider.widens(parent, config(Map.of("path", "other", "max_file_bytes", 10L)))).hasValue("config"
                + " key 'path' = \"other\" is not the parent's folder \"data\" nor inside it");
        assertThat(provider.widens(parent, config(Map.of("path", "data-2", "max_file_bytes", 10L)))).isPresent();
        assertThat(provider.widens(parent, config(Map.of("path", "data", "max_file_bytes", 10L, "allowed_commands",
                List.of("sh"))))).hasValue("config key 'allowed_commands' holds \"sh\", which the parent may not run (the"
                + " parent's: [ls, git])");
        assertThat(provider.widens(parent, config(Map.of("path", "data")))).hasValue("config key 'max_file_bytes' ="
                + " 16777216 (the default) is more than the parent's 1000; set it to at most 1000");
        HandlerConfig readOnly = config(Map.of("path", "data", "read_only", true));
        assertThat(provider.widens(readOnly, config(Map.of("path", "data")))).hasValue("config key 'read_only' = false,"
                + " but the parent's folder is read_only");
        assertThat(provider.widens(readOnly, config(Map.of("path", "data/x", "read_only", true, "new_dir", true))))
                .hasValue("config key 'new_dir' = true, but the parent's folder is read_only");
        assertThat(provider.widens(config(Map.of("path", "data", "command_timeout_ms", 100L)),
                config(Map.of("path", "data", "command_timeout_ms", 101L)))).hasValue("config key 'command_timeout_ms' ="
                + " 101 is more than the parent's 100; set it to at most 100");
    }
}
