package dev.theater.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void seedFormatWithEveryKey() throws IOException {
        write("actors/state.json", "{\"count\": 1}");
        Path file = write("actors/manifest.toml", """
                name = "my-actor"
                component_path = "my_actor.wasm"
                version = "0.1.0"
                description = "Counts things"
                long_description = "Counts things, at length"
                save_chain = false
                init_state = "state.json"

                [limits]
                max_memory_pages = 16
                call_timeout_ms = 250
                mailbox_capacity = 8

                [[handlers]]
                type = "filesystem"
                config = { path = "data", new_dir = true }

                [[handlers]]
                type = "runtime"
                """);

        ActorManifest m = ManifestParser.parse(file);

        Path folder = dir.resolve("actors").toAbsolutePath().normalize();
        assertThat(m.name()).isEqualTo("my-actor");
        assertThat(m.wasm()).isEqualTo(folder.resolve("my_actor.wasm"));
        assertThat(m.version()).contains("0.1.0");
        assertThat(m.description()).contains("Counts things");
        assertThat(m.longDescription()).contains("Counts things, at length");
        assertThat(m.saveChain()).contains(false);
        assertThat(m.initState()).contains(new InitState(folder.resolve("state.json"),
                "{\"count\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(m.limits()).isEqualTo(new ActorLimits(16, Duration.ofMillis(250), 8));
        assertThat(m.handlers()).containsExactly(
                new HandlerSpec("filesystem", Map.of("path", "data", "new_dir", true), 14),
                new HandlerSpec("runtime", Map.of(), 18));
        assertThat(m.handlers("runtime")).extracting(HandlerSpec::line).containsExactly(18);
        assertThat(m.source()).isEqualTo(file.toString());
        assertThat(m.baseDir()).isEqualTo(folder);
    }

    @Test
    void classicFormatWithEveryKey() throws IOException {
        write("init.json", "[]");
        Path file = write("manifest.toml", """
                name = "wasi-http-test"
                version = "0.1.0"
                component = "./target/wasm32-unknown-unknown/release/wasi_http_test.wasm"
                description = "A test"
                long_description = "A longer test"
                save_chain = true
                init_state = "init.json"

                [[handler]]
                type = "runtime"

                [[handler]]
                type = "wasi-http"
                port = 8080
                host = "127.0.0.1"
                ratio = 0.5
                hosts = ["a", "b"]
                nested = { z = 1, a = { deep = true } }
                """);

        ActorManifest m = ManifestParser.parse(file);

        Path folder = dir.toAbsolutePath().normalize();
        assertThat(m.name()).isEqualTo("wasi-http-test");
        assertThat(m.wasm()).isEqualTo(folder.resolve("target/wasm32-unknown-unknown/release/wasi_http_test.wasm"));
        assertThat(m.version()).contains("0.1.0");
        assertThat(m.description()).contains("A test");
        assertThat(m.longDescription()).contains("A longer test");
        assertThat(m.saveChain()).contains(true);
        assertThat(m.initState().orElseThrow().bytes()).asString().isEqualTo("[]");
        assertThat(m.limits()).isEqualTo(ActorLimits.DEFAULTS);
        assertThat(m.handlers()).hasSize(2);
        assertThat(m.handlers().get(0)).isEqualTo(new HandlerSpec("runtime", Map.of(), 9));
        HandlerSpec http = m.handlers().get(1);
        assertThat(http.type()).isEqualTo("wasi-http");
        assertThat(http.line()).isEqualTo(12);
        assertThat(http.config()).containsExactly(
                entry("port", 8080L),
                entry("host", "127.0.0.1"),
                entry("ratio", 0.5),
                entry("hosts", List.of("a", "b")),
                entry("nested", Map.of("z", 1L, "a", Map.of("deep", true))));
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) http.config().get("nested");
        assertThat(nested.keySet()).containsExactly("z", "a");
    }

    @Test
    void minimalManifestTakesDefaults() throws IOException {
        ActorManifest m = ManifestParser.parse(write("m.toml", "name = \"a\"\ncomponent_path = \"a.wasm\"\n"));

        assertThat(m.version()).isEmpty();
        assertThat(m.description()).isEmpty();
        assertThat(m.longDescription()).isEmpty();
        assertThat(m.saveChain()).isEmpty();
        assertThat(m.initState()).isEmpty();
        assertThat(m.handlers()).isEmpty();
        assertThat(m.limits()).isEqualTo(new ActorLimits(1024, Duration.ofSeconds(30), 1024));
    }

    @Test
    void partialLimitsKeepTheOtherDefaults() throws IOException {
        ActorManifest m = ManifestParser.parse(write("m.toml", """
                name = "a"
                component_path = "a.wasm"
                limits.mailbox_capacity = 3
                """));

        assertThat(m.limits()).isEqualTo(new ActorLimits(1024, Duration.ofMillis(30_000), 3));
    }

    @Test
    void pathsResolveAgainstTheManifestFolderUnlessAbsolute() throws IOException {
        Path elsewhere = dir.resolve("elsewhere/x.wasm").toAbsolutePath();
        ActorManifest relative = ManifestParser.parse(write("a/b/m.toml",
                "name = \"a\"\ncomponent_path = \"../wasm/./a.wasm\"\n"));
        ActorManifest absolute = ManifestParser.parse(write("c/m.toml",
                "name = \"a\"\ncomponent_path = '" + elsewhere + "'\n"));

        assertThat(relative.wasm()).isEqualTo(dir.resolve("a/wasm/a.wasm").toAbsolutePath());
        assertThat(absolute.wasm()).isEqualTo(elsewhere);
    }

    @Test
    void manifestAsStringResolvesAgainstTheGivenFolder() throws IOException {
        Files.writeString(dir.resolve("s.json"), "{}");
        ActorManifest m = ManifestParser.parse("""
                name = "inline"
                component = "bin/inline.wasm"
                init_state = "s.json"
                """, "inline-test", dir);

        assertThat(m.wasm()).isEqualTo(dir.toAbsolutePath().resolve("bin/inline.wasm"));
        assertThat(m.initState().orElseThrow().path()).isEqualTo(dir.toAbsolutePath().resolve("s.json"));
        assertThat(m.source()).isEqualTo("inline-test");
    }

    @Test
    void manifestAsStringWithoutFolderUsesTheCurrentDirectory() {
        ActorManifest m = ManifestParser.parse("name = \"inline\"\ncomponent_path = \"x.wasm\"\n");

        assertThat(m.source()).isEqualTo("<string>");
        assertThat(m.baseDir()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(m.wasm()).isEqualTo(Path.of("x.wasm").toAbsolutePath());
    }

    @Test
    void initStateIsReadAsBytesAndCopied() throws IOException {
        byte[] bytes = {'{', '}', (byte) 0xff};
        Files.write(dir.resolve("state.json"), bytes);
        ActorManifest m = ManifestParser.parse(write("m.toml",
                "name = \"a\"\ncomponent_path = \"a.wasm\"\ninit_state = \"state.json\"\n"));

        InitState state = m.initState().orElseThrow();
        state.bytes()[0] = 'X';
        assertThat(state.bytes()).containsExactly(bytes);
    }

    @Test
    void handlerConfigIsUnmodifiable() {
        ActorManifest m = ManifestParser.parse("""
                name = "a"
                component_path = "a.wasm"
                [[handlers]]
                type = "t"
                config = { list = [1, [2]], table = { k = "v" } }
                """);

        Map<String, Object> config = m.handlers().getFirst().config();
        assertThat(config).containsExactly(
                entry("list", List.of(1L, List.of(2L))), entry("table", Map.of("k", "v")));
        assertThatThrownBy(() -> config.put("x", 1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) config.get("list")).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void seedConfigMayBeASubTableAndHandlersAnInlineArray() {
        ActorManifest subTable = ManifestParser.parse("""
                name = "a"
                component_path = "a.wasm"

                [[handlers]]
                type = "filesystem"
                [handlers.config]
                path = "data"
                """);
        ActorManifest inline = ManifestParser.parse("""
                name = "a"
                component_path = "a.wasm"
                handlers = [ { type = "runtime" }, { type = "timing", config = { max = 5 } } ]
                """);

        assertThat(subTable.handlers()).containsExactly(new HandlerSpec("filesystem", Map.of("path", "data"), 4));
        assertThat(inline.handlers()).containsExactly(
                new HandlerSpec("runtime", Map.of(), 3), new HandlerSpec("timing", Map.of("max", 5L), 3));
    }

    @Test
    void commentsAndMultiLineStringsDoNotConfuseHandlerLines() {
        ActorManifest m = ManifestParser.parse("""
                # [[handlers]] in a comment
                name = "a"
                description = \"\"\"
                [[handlers]]
                type = "not a handler"
                \"\"\"
                component_path = "a.wasm"
                [[handlers]] # the real one
                type = "runtime"
                """);

        assertThat(m.description()).contains("[[handlers]]\ntype = \"not a handler\"\n");
        assertThat(m.handlers()).containsExactly(new HandlerSpec("runtime", Map.of(), 8));
        assertThat(m.handlers("nothing")).isEmpty();
        assertThat(Optional.of(m.limits())).contains(ActorLimits.DEFAULTS);
    }
}
