package dev.theater.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.core.EngineMode;
import dev.theater.core.WasmTrapException;
import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The C guest SDK's import return area at the core level (sdk/c/theater/import.h), below what a real handler can
 * produce: a host that writes a result's discriminant as the canonical ABI says is read right, one that leaves the
 * area alone or writes a discriminant outside the type makes the guest trap (the SDK poisons the area before each
 * call). Through test-actors/ms-requester ("tell <target> <text>" calls send, "ask" calls request).
 */
class SdkImportAreaTest {

    private static final CoreSignature LOG = CoreSignature.of(List.of(CoreType.I32, CoreType.I32), List.of());
    private static final CoreSignature SEND = CoreSignature.of(List.of(CoreType.I32, CoreType.I32, CoreType.I32,
            CoreType.I32, CoreType.I32), List.of());
    private static final String HANDLE_SEND = "theater:simple/message-server-client#handle-send";

    private final List<String> logged = new ArrayList<>();

    /** ms-requester whose send and request both behave as {@code host} says: (memory, core args). */
    private ModuleInstance requester(BiConsumer<GuestMemory, long[]> host) {
        return Engine.create(EngineMode.COMPILER).load(TestActors.wasm("ms-requester")).instantiate()
                .hostFunction("theater:simple/runtime", "log", LOG, (caller, args) -> {
                    logged.add(new String(caller.memory().readBytes((int) args[0], (int) args[1]), StandardCharsets.UTF_8));
                    return new long[0];
                })
                .hostFunction("theater:simple/message-server-host", "send", SEND, (caller, args) -> {
                    host.accept(caller.memory(), args);
                    return new long[0];
                })
                .hostFunction("theater:simple/message-server-host", "request", SEND, (caller, args) -> {
                    host.accept(caller.memory(), args);
                    return new long[0];
                })
                .build();
    }

    private static void handleSend(ModuleInstance guest, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int ptr = (int) guest.export("cabi_realloc").call(0, 0, 1, bytes.length)[0];
        guest.memory().writeBytes(ptr, bytes, 0, bytes.length);
        guest.export(HANDLE_SEND).call(0, 0, 0, ptr, bytes.length);
        guest.export("cabi_post_" + HANDLE_SEND).call(0);
    }

    @Test
    void okAndErrResultsAreLiftedWithTheirPayloads() {
        // ok for "ask" with the payload (ptr, len) of the message itself; err for "tell" with the same bytes as its text
        ModuleInstance guest = requester((memory, args) -> {
            int area = (int) args[4];
            boolean ask = memory.readBytes((int) args[2], (int) args[3]).length == 5;
            memory.writeByte(area, (byte) (ask ? 0 : 1));
            memory.writeInt(area + 4, (int) args[2]);
            memory.writeInt(area + 8, (int) args[3]);
        });
        handleSend(guest, "ask x hello");
        handleSend(guest, "tell x nope");
        assertThat(logged).containsExactly("reply: hello", "send failed: nope");
    }

    @Test
    void aHostThatWritesNothingMakesTheGuestTrap() {
        ModuleInstance guest = requester((memory, args) -> { });
        assertThatThrownBy(() -> handleSend(guest, "tell x hi")).isInstanceOf(WasmTrapException.class)
                .hasMessageEndingWith("export '" + HANDLE_SEND + "' trapped: Trapped on unreachable instruction");
        assertThat(logged).isEmpty();
    }

    @Test
    void aDiscriminantOutsideTheResultMakesTheGuestTrap() {
        ModuleInstance guest = requester((memory, args) -> memory.writeByte((int) args[4], (byte) 2));
        assertThatThrownBy(() -> handleSend(guest, "ask x hi")).isInstanceOf(WasmTrapException.class)
                .hasMessageEndingWith("export '" + HANDLE_SEND + "' trapped: Trapped on unreachable instruction");
        assertThat(logged).isEmpty();
    }
}
