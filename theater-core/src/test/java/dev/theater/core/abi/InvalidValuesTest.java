package dev.theater.core.abi;

import dev.theater.core.AbiException;
import static dev.theater.core.abi.WitTypes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invalid guest data and wrong host values fail with messages naming the call and the type. */
class InvalidValuesTest {

    private HeapMemory memory;
    private AbiContext cx;

    @BeforeEach
    void setUp() {
        memory = new HeapMemory(4096);
        cx = memory.context();
        cx.site("export 'theater:test/echo#copy'");
    }

    @Test
    void badDiscriminant() {
        memory.writeByte(16, (byte) 5);
        assertThatThrownBy(() -> CanonicalAbi.load(cx, option(U8), 16))
                .isInstanceOf(AbiException.class)
                .hasMessage("export 'theater:test/echo#copy': cannot lift option<u8>: invalid discriminant 5 (2 cases)");
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, enumOf(3), new long[] {0x100}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift e: invalid discriminant 256 (3 cases)");
    }

    @Test
    void surrogateIsNotAChar() {
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, CHAR, new long[] {0xD800}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift char: 0xd800 is not a Unicode scalar value");
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, CHAR, new long[] {-1}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift char: 0xffffffff is not a Unicode scalar value");
    }

    @Test
    void invalidUtf8() {
        memory.writeBytes(32, new byte[] {(byte) 0xC3, 0x28}, 0, 2);
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, STRING, new long[] {32, 2}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift string: 2 bytes at 0x20 are not valid UTF-8");
        memory.writeBytes(32, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3); // an encoded surrogate
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, STRING, new long[] {32, 3}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift string: 3 bytes at 0x20 are not valid UTF-8");
    }

    @Test
    void outOfBoundsAndMisalignedPointers() {
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, list(U8), new long[] {0xFFFF0000L, 100}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift list<u8>: pointer 0xffff0000 + 100 bytes "
                        + "is outside memory (4096 bytes)");
        assertThatThrownBy(() -> CanonicalAbi.liftFlat(cx, list(U32), new long[] {2, 1}))
                .hasMessage("export 'theater:test/echo#copy': cannot lift list<u32>: pointer 0x2 is not aligned to 4");
    }

    @Test
    void wrongHostValues() {
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, U32, new WitValue.Str("x")))
                .hasMessage("export 'theater:test/echo#copy': cannot lower u32: got Str[value=x]");
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, flags(3), new WitValue.FlagsValue(8)))
                .hasMessage("export 'theater:test/echo#copy': cannot lower f: got FlagsValue[bits=8]");
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, result(U8, null), WitValue.ResultValue.okEmpty()))
                .hasMessage("export 'theater:test/echo#copy': cannot lower result<u8>: case 0 needs a payload: "
                        + "ResultValue[ok=true, payload=Optional.empty]");
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(cx, tuple(U8, U8), WitValue.TupleValue.of(new WitValue.U8(1))))
                .hasMessage("export 'theater:test/echo#copy': cannot lower tuple<u8, u8>: got 1 elements, needs 2: "
                        + "TupleValue[elements=[U8[value=1]]]");
    }

    @Test
    void nonzeroIsTrueAndIntegersTruncate() {
        assertThat(CanonicalAbi.liftFlat(cx, BOOL, new long[] {2})).isEqualTo(new WitValue.Bool(true));
        assertThat(CanonicalAbi.liftFlat(cx, U8, new long[] {0x1FF})).isEqualTo(new WitValue.U8(0xFF));
        assertThat(CanonicalAbi.liftFlat(cx, S8, new long[] {0xFF})).isEqualTo(new WitValue.S8((byte) -1));
        assertThat(CanonicalAbi.liftFlat(cx, U32, new long[] {-1})).isEqualTo(new WitValue.U32(0xFFFF_FFFFL));
    }

    @Test
    void missingAllocatorIsNamed() {
        AbiContext noRealloc = new AbiContext(memory, Allocator.missing("plain.wasm"));
        noRealloc.site("export 'theater:test/echo#copy'");
        assertThatThrownBy(() -> CanonicalAbi.lowerFlat(noRealloc, STRING, new WitValue.Str("hi")))
                .hasMessage("export 'theater:test/echo#copy': cannot lower string: plain.wasm does not export "
                        + "cabi_realloc, which is needed to pass this value");
    }
}
