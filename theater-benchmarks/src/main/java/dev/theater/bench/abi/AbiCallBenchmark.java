package dev.theater.bench.abi;

import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.engine.CoreFunction;
import dev.theater.core.EngineMode;
import dev.theater.core.engine.GuestMemory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (a) a WIT-typed {@code handle-send} call with a 100-byte state and a 100-byte message, against (b) the raw core
 * reference moving the same bytes ({@code raw-copy}: write 200 bytes, call, read 100 back), (b') the same
 * {@code handle-send} called at the core level (no ABI layer, same guest work), and (c) a wasm-to-host
 * call of the {@code send}-shaped import, per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AbiCallBenchmark {

    static final int SEND_CALLS = 1000;

    @Param({"COMPILER", "INTERPRETER"})
    public EngineMode mode;

    private WitInstance instance;
    private List<WitValue> handleSendArgs;
    private WitExport handleSend;
    private WitExport callSend;
    private List<WitValue> callSendArgs;
    private CoreFunction rawCopy;
    private CoreFunction rawHandleSend;
    private GuestMemory memory;
    private int rawBuffer;
    private byte[] state;
    private byte[] message;

    @Setup
    public void setUp() {
        instance = ShapesGuest.start(mode);
        state = ShapesGuest.payload(100, 1);
        message = ShapesGuest.payload(100, 2);
        handleSendArgs = List.of(WitValue.OptionValue.some(new WitValue.Bytes(state)),
                WitValue.TupleValue.of(new WitValue.Bytes(message)));
        handleSend = instance.export(ShapesGuest.CLIENT, "handle-send");
        callSend = instance.export(ShapesGuest.SHAPES, "call-send");
        callSendArgs = List.of(new WitValue.U32(SEND_CALLS), new WitValue.Str("actor-2"), new WitValue.Bytes(message));
        rawCopy = instance.core().export("raw-copy");
        rawHandleSend = instance.core().export("theater:simple/message-server-client#handle-send");
        memory = instance.core().memory();
        rawBuffer = (int) instance.core().export("cabi_realloc").call(0, 0, 8, 200)[0];
    }

    /** (a) By interface and name, as a handler calls it: one plan lookup, then lower, call, lift, post-return. */
    @Benchmark
    public Optional<WitValue> witHandleSend() {
        return instance.call(ShapesGuest.CLIENT, "handle-send", handleSendArgs);
    }

    /** (a') Through a kept call plan: no lookup at all. */
    @Benchmark
    public Optional<WitValue> witHandleSendPlan() {
        return handleSend.call(handleSendArgs);
    }

    /** (b) Raw core reference: 200 bytes in, one call, 100 bytes out. */
    @Benchmark
    public byte[] rawCopy() {
        memory.writeBytes(rawBuffer, state, 0, 100);
        memory.writeBytes(rawBuffer + 100, message, 0, 100);
        int copy = (int) rawCopy.call(rawBuffer + 100, 100)[0];
        return memory.readBytes(copy, 100);
    }

    /** (b') The same guest function as (a) called at the core level: 200 bytes in, one call, the result area and 100 bytes out. */
    @Benchmark
    public byte[] rawHandleSend() {
        memory.writeBytes(rawBuffer, state, 0, 100);
        memory.writeBytes(rawBuffer + 100, message, 0, 100);
        int ret = (int) rawHandleSend.call(1, rawBuffer, 100, rawBuffer + 100, 100)[0];
        return memory.readBytes(memory.readInt(ret + 8), memory.readInt(ret + 12));
    }

    /** (c) Wasm to host: call-send makes {@value #SEND_CALLS} send calls; reported per send. */
    @Benchmark
    @OperationsPerInvocation(SEND_CALLS)
    public Optional<WitValue> hostSend() {
        return callSend.call(callSendArgs);
    }
}
