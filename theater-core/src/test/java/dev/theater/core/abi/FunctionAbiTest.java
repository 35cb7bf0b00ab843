package dev.theater.core.abi;

import dev.theater.core.AbiException;
import static dev.theater.core.abi.WitTypes.*;
import static dev.theater.core.engine.CoreType.I32;
import static dev.theater.core.engine.CoreType.I64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Function-level flattening (flatten_functype), spilling and return pointers, on a heap memory. */
class FunctionAbiTest {

    static WitFunction fn(String name, WitType result, WitType... params) {
        return new WitFunction(name, IntStream.range(0, params.length)
                .mapToObj(i -> new WitFunction.Param("p" + i, params[i])).toList(), Optional.ofNullable(result), "");
    }

    static final WitType JSON = list(U8);
    static final WitFunction HANDLE_SEND = new WitFunction("handle-send", List.of(
            new WitFunction.Param("state", option(JSON)), new WitFunction.Param("params", tuple(JSON))),
            Optional.of(result(tuple(option(JSON)), STRING)), "");

    @Test
    void logTakesPointerAndLength() {
        FunctionAbi abi = FunctionAbi.of(fn("log", null, STRING));
        assertThat(abi.exportParams()).containsExactly(I32, I32);
        assertThat(abi.exportResults()).isEmpty();
        assertThat(abi.importParams()).containsExactly(I32, I32);
        assertThat(abi.importResults()).isEmpty();
    }

    @Test
    void handleSendReturnsThroughAPointer() {
        FunctionAbi abi = FunctionAbi.of(HANDLE_SEND);
        assertThat(abi.exportParams()).containsExactly(I32, I32, I32, I32, I32);
        assertThat(abi.exportResults()).containsExactly(I32);
        assertThat(abi.importParams()).containsExactly(I32, I32, I32, I32, I32, I32);
        assertThat(abi.importResults()).isEmpty();
    }

    @Test
    void sixteenFlatParamsStayFlatAndSeventeenSpill() {
        WitType[] sixteen = Collections.nCopies(16, U8).toArray(WitType[]::new);
        assertThat(FunctionAbi.of(fn("f", U64, sixteen)).exportParams()).hasSize(16);
        assertThat(FunctionAbi.of(fn("f", U64, sixteen)).exportResults()).containsExactly(I64);
        WitType[] seventeen = Collections.nCopies(17, U8).toArray(WitType[]::new);
        FunctionAbi abi = FunctionAbi.of(fn("f", STRING, seventeen));
        assertThat(abi.exportParams()).containsExactly(I32);
        assertThat(abi.importParams()).containsExactly(I32, I32);
    }

    @Test
    void spilledParamsRoundTripThroughMemory() {
        HeapMemory memory = new HeapMemory(4096);
        AbiContext cx = memory.context();
        WitType[] types = new WitType[17];
        List<WitValue> args = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            types[i] = i % 2 == 0 ? U64 : STRING;
            args.add(i % 2 == 0 ? new WitValue.U64(-i) : new WitValue.Str("p" + i));
        }
        FunctionAbi abi = FunctionAbi.of(fn("f", null, types));
        long[] core = abi.lowerArgs(cx, args);
        assertThat(core).hasSize(1);
        assertThat(core[0] % 8).isZero();
        assertThat(abi.liftArgs(cx, core)).isEqualTo(args);
    }

    @Test
    void importResultIsStoredThroughTheReturnPointer() {
        HeapMemory memory = new HeapMemory(4096);
        AbiContext cx = memory.context();
        FunctionAbi abi = FunctionAbi.of(fn("get", result(STRING, U32)));
        int retptr = memory.realloc(0, 0, 4, 12);
        WitValue ok = WitValue.ResultValue.ok(new WitValue.Str("héllo"));
        assertThat(abi.lowerResult(cx, Optional.of(ok), new long[] {retptr})).isEmpty();
        assertThat(abi.liftResult(cx, new long[] {retptr})).contains(ok);
    }

    @Test
    void wrongArgumentCountIsNamed() {
        AbiContext cx = new HeapMemory(64).context();
        cx.site("export 'theater:simple/message-server-client#handle-send'");
        assertThatThrownBy(() -> FunctionAbi.of(HANDLE_SEND).lowerArgs(cx, List.of(WitValue.OptionValue.none())))
                .isInstanceOf(AbiException.class)
                .hasMessage("export 'theater:simple/message-server-client#handle-send': WIT 'handle-send: "
                        + "func(state: option<list<u8>>, params: tuple<list<u8>>) -> result<tuple<option<list<u8>>>, string>' "
                        + "takes 2 arguments, got 1");
    }

    @Test
    void missingHostResultIsNamed() {
        AbiContext cx = new HeapMemory(64).context();
        cx.site("import 'theater:simple/timing.now'");
        assertThatThrownBy(() -> FunctionAbi.of(fn("now", U64)).lowerResult(cx, Optional.empty(), new long[0]))
                .isInstanceOf(AbiException.class)
                .hasMessage("import 'theater:simple/timing.now': WIT 'now: func() -> u64' returns u64, but the host returned nothing");
    }
}
