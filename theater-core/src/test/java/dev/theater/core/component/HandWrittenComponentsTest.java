package dev.theater.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.EngineMode;
import dev.theater.core.WasmLinkException;
import dev.theater.core.WasmLoadException;
import dev.theater.core.abi.link.TestGuests;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hand-written components of test-actors/components (one that runs, and variations that each use an unsupported
 * feature or mistype a function): each loads, or fails at start with an error naming the feature or both types.
 */
class HandWrittenComponentsTest {

    static final WitInterface RUNTIME = TestGuests.simple("runtime");
    static final WitInterface ACTOR = TestGuests.simple("actor");

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(TestGuests.folder().resolve("components").resolve(name + ".wasm"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static CompiledModule load(EngineMode mode, String name) {
        return Engine.create(mode).compile(name + ".wasm", bytes(name));
    }

    static WitLinker linker(CompiledModule module) {
        return WitLinker.forModule(module).withInterface(ACTOR)
                .define(RUNTIME, "log", (cx, args) -> Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void aComponentWithoutShimsRunsItsInit(EngineMode mode) {
        CompiledModule module = load(mode, "minimal");

        assertThat(module.isComponent()).isTrue();
        assertThat(module.functionImports()).isEmpty();
        assertThat(module.functionExports()).extracting(e -> e.name())
                .containsExactly("theater:simple/actor#init", "cabi_realloc");
        WitValue result = linker(module).instantiate()
                .call(ACTOR, "init", java.util.List.of(WitValue.OptionValue.none(), WitValue.TupleValue.of(new WitValue.Str("a"))))
                .orElseThrow();
        assertThat(result).isEqualTo(WitValue.ResultValue.ok(WitValue.TupleValue.of(WitValue.OptionValue.none())));
    }

    @Test
    void refusesUtf16Strings() {
        assertThatThrownBy(() -> load(EngineMode.COMPILER, "utf16"))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("utf16.wasm: component section canon (at 0x")
                .hasMessageEndingWith("canon lift with string-encoding=utf16: UTF-16 strings are not supported by this runtime");
    }

    @Test
    void refusesResources() {
        assertThatThrownBy(() -> load(EngineMode.COMPILER, "resource"))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("resource.wasm: component section type (at 0x")
                .hasMessageEndingWith("resource types are not supported by this runtime");
    }

    @Test
    void refusesStreams() {
        assertThatThrownBy(() -> load(EngineMode.COMPILER, "stream"))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("stream.wasm: component section type (at 0x")
                .hasMessageEndingWith("streams are not supported by this runtime");
    }

    @Test
    void refusesAsyncFunctions() {
        assertThatThrownBy(() -> load(EngineMode.COMPILER, "async"))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("async.wasm: component section canon (at 0x")
                .hasMessageEndingWith("canon lift with the async option: async functions are not supported by this runtime");
    }

    @Test
    void refusesATypeThatWouldTakeForeverToWalk() {
        assertThatThrownBy(() -> load(EngineMode.COMPILER, "type-bomb"))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("type-bomb.wasm: component section type (at 0x")
                .hasMessageEndingWith("a type that expands to more than 100000 nodes");
    }

    @Test
    void refusesAnExportWhoseTypeIsNotTheWitType() {
        CompiledModule module = load(EngineMode.COMPILER, "export-mismatch");

        assertThatThrownBy(() -> linker(module).instantiate())
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("export-mismatch.wasm: component export 'theater:simple/actor#init' has type"
                        + " func(state: option<list<u8>>, params: tuple<u32>) -> result<tuple<option<list<u8>>>, string>"
                        + " but WIT theater:simple/actor.init is"
                        + " func(state: option<list<u8>>, params: tuple<string>) -> result<tuple<option<list<u8>>>, string>");
    }

    @Test
    void refusesAnImportWhoseTypeIsNotTheWitType() {
        CompiledModule module = load(EngineMode.COMPILER, "import-mismatch");

        assertThatThrownBy(() -> linker(module).instantiate())
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("import-mismatch.wasm: component import 'theater:simple/runtime.log' has type func(msg: u32)"
                        + " but WIT theater:simple/runtime.log is func(msg: string)");
    }

    @Test
    void refusesWasiImportsNamingThem() {
        CompiledModule module = load(EngineMode.COMPILER, "wasi");

        assertThatThrownBy(() -> linker(module).instantiate())
                .isInstanceOf(WasmLinkException.class)
                .hasMessage("wasi.wasm: component import 'wasi:clocks/monotonic-clock@0.2.0.now': WASI interfaces are not"
                        + " supported by this runtime (actors reach the world through handlers); build the component"
                        + " without WASI (for componentize-js: disable all WASI features)");
    }

    @Test
    void everyTruncationOfAComponentIsALoadErrorUnlessItEndsBetweenSections() {
        byte[] whole = bytes("import-mismatch");
        java.util.Set<Integer> boundaries = sectionBoundaries(whole);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            int at = length;
            if (boundaries.contains(length)) { // a shorter component, and a valid one
                assertThat(Engine.create(EngineMode.INTERPRETER).compile("cut.wasm", cut).isComponent()).isTrue();
            } else {
                assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).compile("cut.wasm", cut))
                        .as("cut at %d bytes", at)
                        .isInstanceOf(WasmLoadException.class);
            }
        }
    }

    /** The offsets at which a top-level section ends (8: the preamble's end). */
    static java.util.Set<Integer> sectionBoundaries(byte[] component) {
        java.util.Set<Integer> ends = new java.util.HashSet<>();
        int pos = 8;
        ends.add(pos);
        while (pos < component.length) {
            pos++; // the id
            int size = 0;
            int shift = 0;
            int b;
            do {
                b = component[pos++] & 0xff;
                size |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            pos += size;
            ends.add(pos);
        }
        return ends;
    }

    @Test
    void anUnknownSectionIsNamed() {
        byte[] bad = bytes("minimal").clone();
        bad[8] = 13; // the first section's id
        assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).compile("bad.wasm", bad))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("bad.wasm: component section #13 (at 0x8) at offset 0x8: unknown section id 13");
    }

    @Test
    void aBadCoreModuleInsideIsNamedWithItsIndex() {
        byte[] bad = bytes("minimal").clone();
        int core = indexOf(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        bad[core + 8] = (byte) 0x7f; // the core module's first section id: unknown
        assertThatThrownBy(() -> Engine.create(EngineMode.INTERPRETER).compile("bad.wasm", bad))
                .isInstanceOf(WasmLoadException.class)
                .hasMessageStartingWith("invalid WebAssembly module bad.wasm (core module 0): ");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
