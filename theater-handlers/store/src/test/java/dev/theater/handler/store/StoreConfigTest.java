package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config keys: defaults, bad values named with the manifest line, where stores live, and what a child may have. */
class StoreConfigTest {

    private static HandlerConfig config(Map<String, Object> values) {
        return new HandlerConfig("store", values, "app.toml:7");
    }

    @Test
    void defaultsAreTheRuntimesStoreFolderAndTheDocumentedLimits() {
        StoreConfig c = StoreConfig.from(config(Map.of()));
        assertThat(c).isEqualTo(new StoreConfig(Optional.empty(), 1L << 30, 64L << 20));
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingKeyAndLine() {
        assertThatThrownBy(() -> StoreConfig.from(config(Map.of("max_byte", 5L)))).isInstanceOf(HandlerException.class)
                .hasMessage("app.toml:7: handler 'store': config key 'max_byte' is not a known key; the known"
                        + " keys are [max_bytes, max_content_bytes, path]");
        assertThatThrownBy(() -> StoreConfig.from(config(Map.of("max_bytes", 0L)))).hasMessage("app.toml:7:"
                + " handler 'store': config key 'max_bytes' must be within 1..1125899906842624, found 0");
        assertThatThrownBy(() -> StoreConfig.from(config(Map.of("max_content_bytes", 2L << 30)))).hasMessage("app.toml:7:"
                + " handler 'store': config key 'max_content_bytes' must be within 1..1073741824, found 2147483648");
        assertThatThrownBy(() -> StoreConfig.from(config(Map.of("max_bytes", "big")))).hasMessage("app.toml:7:"
                + " handler 'store': config key 'max_bytes' must be an integer, found string big");
        for (String path : new String[] {"/var/stores", "../outside", "a/../../b", "", ".", "a/.."}) {
            assertThatThrownBy(() -> StoreConfig.from(config(Map.of("path", path)))).hasMessage("app.toml:7:"
                    + " handler 'store': config key 'path' must be a folder inside the manifest's folder, relative to it"
                    + " (e.g. \"data/stores\"), found \"" + path + "\"");
        }
    }

    @Test
    void storesLiveInTheHomeOrInTheConfiguredFolderUnderTheManifest(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path app = Files.createDirectories(dir.resolve("app"));
        assertThat(StoreConfig.from(config(Map.of())).root(app, home)).isEqualTo(home.toRealPath().resolve("store"));
        assertThat(StoreConfig.from(config(Map.of("path", "data/./stores"))).root(app, home))
                .isEqualTo(app.toRealPath().resolve("data/stores"));
        // two names of one folder are one folder, so their actors share the stores' locks
        Files.createSymbolicLink(dir.resolve("link"), app);
        assertThat(StoreConfig.from(config(Map.of("path", "data"))).root(dir.resolve("link"), home))
                .isEqualTo(app.toRealPath().resolve("data"));
    }

    @Test
    void aChildKeepsItsParentsFolderAndAtMostItsQuotas() {
        StoreHandlerProvider provider = new StoreHandlerProvider();
        HandlerConfig parent = config(Map.of("path", "data", "max_bytes", 1000L));
        assertThat(provider.widens(parent, config(Map.of("path", "data", "max_bytes", 10L, "max_content_bytes", 5L))))
                .isEmpty();
        assertThat(provider.widens(parent, config(Map.of("path", "data")))).hasValue("config key 'max_bytes' ="
                + " 1073741824 (the default) is more than the parent's 1000; set it to at most 1000");
        assertThat(provider.widens(parent, config(Map.of("max_bytes", 10L)))).hasValue("config key 'path' = (unset) is"
                + " not the parent's \"data\"; a child's stores are where its parent's are");
        assertThat(provider.widens(config(Map.of()), config(Map.of("path", "elsewhere")))).hasValue("config key 'path' ="
                + " \"elsewhere\" is not the parent's (unset); a child's stores are where its parent's are");
        assertThat(provider.widens(config(Map.of("max_content_bytes", 100L)), config(Map.of("max_content_bytes", 101L))))
                .hasValue("config key 'max_content_bytes' = 101 is more than the parent's 100; set it to at most 100");
    }
}
