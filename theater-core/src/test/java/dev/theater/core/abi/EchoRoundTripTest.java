package dev.theater.core.abi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.AbiArbitraries.Typed;
import dev.theater.core.abi.link.TestGuests;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CoreFunction;
import dev.theater.core.engine.EngineMode;
import java.util.EnumMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random values of random types cross the real echo guest: stored by Java into memory from cabi_realloc,
 * deep-copied by C code that knows the canonical layout independently, and loaded back by Java.
 */
class EchoRoundTripTest {

    /** One echo instance per engine mode, reset before every try. */
    private record Echo(WitInstance instance, WitExport copy, WitExport sizeAlign, WitExport reset, CoreFunction realloc) {
        static Echo start(EngineMode mode) {
            WitInterface echo = TestGuests.wit("echo").requireInterface("echo");
            WitInstance instance = WitLinker.forModule(TestGuests.module(mode, "echo")).withInterface(echo).instantiate();
            return new Echo(instance, instance.export(echo, "copy"), instance.export(echo, "size-align"),
                    instance.export(echo, "reset"), instance.core().export("cabi_realloc"));
        }
    }

    private static final Map<EngineMode, Echo> ECHOES = new EnumMap<>(EngineMode.class);

    private static synchronized Echo echo(EngineMode mode) {
        return ECHOES.computeIfAbsent(mode, Echo::start);
    }

    @Provide
    Arbitrary<Typed> typed() {
        return AbiArbitraries.typedValues(3);
    }

    @Property(tries = 300)
    void roundTripThroughTheGuestCompiled(@ForAll("typed") Typed t) {
        roundTrip(echo(EngineMode.COMPILER), t);
    }

    @Property(tries = 100)
    void roundTripThroughTheGuestInterpreted(@ForAll("typed") Typed t) {
        roundTrip(echo(EngineMode.INTERPRETER), t);
    }

    private static void roundTrip(Echo echo, Typed t) {
        echo.reset().call();
        String descriptor = AbiArbitraries.descriptor(t.type());
        AbiContext cx = echo.instance().abiContext();

        long sizeAlign = ((WitValue.U64) echo.sizeAlign().call(new WitValue.Str(descriptor)).orElseThrow()).value();
        int size = CanonicalAbi.size(t.type());
        int align = CanonicalAbi.alignment(t.type());
        assertThat(sizeAlign).as("size-align of %s", descriptor).isEqualTo(((long) size << 32) | align);

        int src = (int) echo.realloc().call(0, 0, align, size)[0];
        CanonicalAbi.store(cx, t.type(), t.value(), src);
        WitValue copied = echo.copy().call(new WitValue.Str(descriptor), new WitValue.U32(Integer.toUnsignedLong(src))).orElseThrow();
        int dst = (int) ((WitValue.U32) copied).value();
        assertThat(dst).isNotEqualTo(src);
        assertThat(CanonicalAbi.load(cx, t.type(), dst)).isEqualTo(t.value());
    }
}
