package dev.theater.core.engine;

import dev.theater.core.EngineMode;
import dev.theater.core.WasmTrapException;
import dev.theater.core.WasmLinkException;
import dev.theater.core.WasmLoadException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EngineTest {

    private static final String SPIN = "theater:test/runaway#spin";
    private static final String GROW = "theater:test/runaway#grow";
    private static final String TRAP = "theater:test/runaway#trap";
    private static final CoreSignature TWO_I32 = CoreSignature.of(List.of(CoreType.I32, CoreType.I32), List.of());
    private static final CoreSignature FIVE_I32 = CoreSignature.of(List.of(CoreType.I32, CoreType.I32, CoreType.I32,
            CoreType.I32, CoreType.I32), List.of());
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void compilesEachDistinctModuleOnce() {
        Engine engine = Engine.create(EngineMode.COMPILER);
        CompiledModule first = engine.compile("runaway.wasm", TestActors.bytes("runaway"));
        CompiledModule again = engine.compile("runaway.wasm", TestActors.bytes("runaway"));
        CompiledModule renamed = engine.compile("copy-of-runaway.wasm", TestActors.bytes("runaway"));

        assertThat(again).isSameAs(first);
        assertThat(renamed.sha256()).isEqualTo(first.sha256());
        assertThat(renamed.sourceName()).isEqualTo("copy-of-runaway.wasm");
        assertThat(engine.cachedModules()).isEqualTo(1);
    }

    @Test
    void readsExportSignatures() {
        CompiledModule module = Engine.create(EngineMode.INTERPRETER).load(TestActors.wasm("runaway"));

        assertThat(module.export(GROW).orElseThrow().signature())
                .isEqualTo(CoreSignature.of(List.of(CoreType.I32), List.of(CoreType.I32)));
        assertThat(module.export(SPIN).orElseThrow().signature().toString()).isEqualTo("() -> ()");
        assertThat(module.export("no-such-export")).isEmpty();
    }

    @Test
    void refusesAFileThatIsNotWasm(@TempDir Path dir) throws Exception {
        Path notWasm = dir.resolve("notes.txt");
        Files.writeString(notWasm, "hello, I am not a module", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Engine.create(EngineMode.COMPILER).load(notWasm))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage(notWasm + " is not a WebAssembly module (it does not start with \\0asm)");
    }

    @Test
    void refusesATruncatedModuleNamingIt() {
        byte[] bytes = TestActors.bytes("runaway");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

        assertThatThrownBy(() -> Engine.create(EngineMode.COMPILER).compile("half.wasm", truncated))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("invalid WebAssembly module half.wasm: section size mismatch, unexpected end of section or"
                        + " function, length out of bounds for section10")
                .cause().isInstanceOf(com.dylibso.chicory.wasm.MalformedException.class);
    }

    @Test
    void loadsAnEmptyComponentAndRefusesAnUnknownBinaryVersionNamingBoth() {
        byte[] component = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        byte[] unknown = {0, 'a', 's', 'm', 0x02, 0, 0, 0};

        CompiledModule empty = Engine.create(EngineMode.COMPILER).compile("app.component.wasm", component);
        assertThat(empty.isComponent()).isTrue();
        assertThat(empty.functionImports()).isEmpty();
        assertThat(empty.functionExports()).isEmpty();
        assertThatThrownBy(() -> Engine.create(EngineMode.COMPILER).compile("v2.wasm", unknown))
                .isInstanceOf(WasmLoadException.class)
                .hasMessage("v2.wasm has an unknown WebAssembly binary version (bytes 4-7: 02 00 00 00); a core module has"
                        + " 01 00 00 00, a component 0d 00 01 00");
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void stopsARunawayExportAtItsDeadline(EngineMode mode) {
        ModuleInstance instance = Engine.create(mode).load(TestActors.wasm("runaway")).instantiate().build();

        assertThatThrownBy(() -> instance.export(SPIN).callWithin(Duration.ofMillis(200)))
                .isInstanceOf(WasmTimeoutException.class)
                .hasMessage("export 'theater:test/runaway#spin' exceeded its deadline of 200 ms and was stopped");
        // the interrupt was the deadline's own: the caller's thread is not left interrupted
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        // and the instance still answers
        assertThat(instance.export(GROW).call(0)[0]).isGreaterThan(0);
    }

    /** The same deadline stops a component's lifted export: the interrupt reaches the core instance it lifts. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void stopsARunawayComponentExportAtItsDeadline(EngineMode mode) {
        Path component = TestActors.wasm("runaway").resolveSibling("runaway.component.wasm");
        ModuleInstance instance = Engine.create(mode).load(component).instantiate().build();

        assertThatThrownBy(() -> instance.export(SPIN).callWithin(Duration.ofMillis(200)))
                .isInstanceOf(WasmTimeoutException.class)
                .hasMessage("export 'theater:test/runaway#spin' exceeded its deadline of 200 ms and was stopped");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(instance.export(GROW).call(0)[0]).isGreaterThan(0);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void anInterruptFromOutsideStopsTheGuest(EngineMode mode) throws Exception {
        ModuleInstance instance = Engine.create(mode).load(TestActors.wasm("runaway")).instantiate().build();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                instance.export(SPIN).call();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        Thread.sleep(100);
        caller.interrupt();
        caller.join(Duration.ofSeconds(10));

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(WasmInterruptedException.class)
                .isNotInstanceOf(WasmTimeoutException.class)
                .hasMessage(TestActors.wasm("runaway") + ": export 'theater:test/runaway#spin' was interrupted");
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void capsMemoryGrowth(EngineMode mode) {
        CompiledModule module = Engine.create(mode).load(TestActors.wasm("runaway"));
        int initialPages = (int) (module.instantiate().build().memory().sizeBytes() / 65536);
        ModuleInstance capped = module.instantiate().maxMemoryPages(initialPages + 2).build();

        assertThat(capped.export(GROW).call(2)[0]).isEqualTo(initialPages);
        assertThat(capped.export(GROW).call(1)[0]).isEqualTo(-1);
        assertThat(capped.memory().sizeBytes()).isEqualTo((initialPages + 2) * 65536L);
    }

    @Test
    void refusesALimitBelowTheModulesInitialMemory() {
        CompiledModule module = Engine.create(EngineMode.COMPILER).load(TestActors.wasm("runaway"));
        int initialPages = (int) (module.instantiate().build().memory().sizeBytes() / 65536);

        assertThatThrownBy(() -> module.instantiate().maxMemoryPages(initialPages - 1).build())
                .isInstanceOf(WasmLinkException.class)
                .hasMessage(module.sourceName() + ": the module needs " + initialPages
                        + " pages of memory at start but the limit is " + (initialPages - 1) + " pages");
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void reportsATrapNamingModuleAndExport(EngineMode mode) {
        ModuleInstance instance = Engine.create(mode).load(TestActors.wasm("runaway")).instantiate().build();

        assertThatThrownBy(() -> instance.export(TRAP).call())
                .isInstanceOf(WasmTrapException.class)
                .hasMessage(TestActors.wasm("runaway")
                        + ": export 'theater:test/runaway#trap' trapped: Trapped on unreachable instruction");
    }

    @Test
    void reportsAnOutOfBoundsAccess() {
        ModuleInstance instance = Engine.create(EngineMode.COMPILER).load(TestActors.wasm("runaway")).instantiate().build();
        long size = instance.memory().sizeBytes();

        assertThatThrownBy(() -> instance.memory().readInt((int) size - 2))
                .isInstanceOf(WasmTrapException.class)
                .hasMessage(TestActors.wasm("runaway") + ": memory access out of bounds: 4 bytes at " + (size - 2)
                        + " (memory is " + size + " bytes)");
    }

    @Test
    void namesAMissingExport() {
        ModuleInstance instance = Engine.create(EngineMode.COMPILER).load(TestActors.wasm("runaway")).instantiate().build();

        assertThatThrownBy(() -> instance.export("theater:test/runaway#fly"))
                .isInstanceOf(WasmLinkException.class)
                .hasMessage(TestActors.wasm("runaway") + " has no exported function 'theater:test/runaway#fly'");
    }

    @Test
    void refusesMissingAndMismatchedImports() {
        CompiledModule module = Engine.create(EngineMode.COMPILER).load(TestActors.wasm("shapes"));
        CoreSignature wrong = CoreSignature.of(List.of(CoreType.I64), List.of());

        assertThatThrownBy(() -> module.instantiate()
                .hostFunction("theater:simple/runtime", "log", wrong, (caller, args) -> new long[0])
                .build())
                .isInstanceOf(WasmLinkException.class)
                .hasMessage(module.sourceName() + ": import 'theater:simple/runtime.log' has core signature (i32, i32) -> ()"
                        + " but the host provides (i64) -> (); import 'theater:simple/message-server-host.send'"
                        + " (i32, i32, i32, i32, i32) -> () is not provided by the host");
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void theHostSeesWhatItWroteIntoTheInstancesMemory(EngineMode mode) {
        ModuleInstance instance = Engine.create(mode).load(TestActors.wasm("shapes")).instantiate()
                .hostFunction("theater:simple/runtime", "log", TWO_I32, (caller, args) -> new long[0])
                .hostFunction("theater:simple/message-server-host", "send", FIVE_I32, (caller, args) -> new long[0])
                .build();
        byte[] payload = "0123456789".getBytes(StandardCharsets.US_ASCII);
        int src = (int) instance.export("cabi_realloc").call(0, 0, 1, payload.length)[0];
        instance.memory().writeBytes(src, payload, 0, payload.length);

        int copy = (int) instance.export("raw-copy").call(src, payload.length)[0];

        assertThat(copy).isNotEqualTo(src);
        assertThat(instance.memory().readBytes(copy, payload.length)).isEqualTo(payload);
    }

    /** A host call made from inside an export reads the bytes the guest wrote, and its writes reach the guest. */
    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void hostFunctionsSeeTheCallersMemory(EngineMode mode) {
        List<String> calls = new ArrayList<>();
        AtomicReference<ModuleInstance> logCaller = new AtomicReference<>();
        ModuleInstance instance = Engine.create(mode).load(TestActors.wasm("shapes")).instantiate()
                .hostFunction("theater:simple/runtime", "log", TWO_I32, (caller, args) -> {
                    logCaller.set(caller);
                    calls.add("log " + HEX.formatHex(caller.memory().readBytes((int) args[0], (int) args[1])));
                    return new long[0];
                })
                .hostFunction("theater:simple/message-server-host", "send", FIVE_I32, (caller, args) -> {
                    calls.add("send " + HEX.formatHex(caller.memory().readBytes((int) args[0], (int) args[1]))
                            + " " + HEX.formatHex(caller.memory().readBytes((int) args[2], (int) args[3])));
                    if (calls.size() == 1) {
                        caller.memory().writeByte((int) args[4], (byte) 0); // ok: the guest counts it
                    }
                    return new long[0];
                })
                .build();
        byte[] id = "actor-é".getBytes(StandardCharsets.UTF_8);
        byte[] msg = {0, 1, (byte) 0xFF};
        int idPtr = (int) instance.export("cabi_realloc").call(0, 0, 1, id.length)[0];
        int msgPtr = (int) instance.export("cabi_realloc").call(0, 0, 1, msg.length)[0];
        instance.memory().writeBytes(idPtr, id, 0, id.length);
        instance.memory().writeBytes(msgPtr, msg, 0, msg.length);

        // call-send(n, actor-id, msg) passes our pointers on to send twice; the host wrote ok (0) only the first time
        assertThat(instance.export("theater:test/shapes#call-send").call(2, idPtr, id.length, msgPtr, msg.length))
                .containsExactly(1);
        assertThat(calls).containsExactly("send 6163746f722dc3a9 0001ff", "send 6163746f722dc3a9 0001ff");

        // init(none, (actor-id)) builds "init <actor-id>" in its own heap and logs it
        calls.clear();
        idPtr = (int) instance.export("cabi_realloc").call(0, 0, 1, id.length)[0];
        instance.memory().writeBytes(idPtr, id, 0, id.length);
        instance.export("theater:simple/actor#init").call(0, 0, 0, idPtr, id.length);

        assertThat(calls).containsExactly("log " + HEX.formatHex("init actor-é".getBytes(StandardCharsets.UTF_8)));
        assertThat(logCaller.get()).isSameAs(instance);
    }

    @ParameterizedTest
    @EnumSource(EngineMode.class)
    void aHostFailureReachesTheCallerUnchanged(EngineMode mode) {
        CompiledModule module = Engine.create(mode).load(TestActors.wasm("shapes"));
        IllegalStateException failure = new IllegalStateException("the mailbox of 'b' is closed");
        ModuleInstance instance = module.instantiate()
                .hostFunction("theater:simple/runtime", "log", TWO_I32, (caller, args) -> new long[0])
                .hostFunction("theater:simple/message-server-host", "send", FIVE_I32, (caller, args) -> {
                    throw failure;
                })
                .build();
        int id = (int) instance.export("cabi_realloc").call(0, 0, 1, 1)[0];
        instance.memory().writeByte(id, (byte) 'b');

        // call-send(n: u32, actor-id: string, msg: list<u8>) flattens to (n, id-ptr, id-len, msg-ptr, msg-len)
        assertThatThrownBy(() -> instance.export("theater:test/shapes#call-send").call(1, id, 1, id, 1))
                .isSameAs(failure);
    }
}
