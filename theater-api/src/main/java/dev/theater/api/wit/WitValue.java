package dev.theater.api.wit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WIT value as handlers see it: lifted from guest memory, or to be lowered into it.
 *
 * <p>Unsigned integers are held in the next wider Java type (u8 and u16 in {@code int}, u32 in
 * {@code long}); u64 is held in a {@code long} read as unsigned. A {@code list<u8>} always lifts as
 * {@link Bytes}; lowering accepts {@link Bytes} or a {@link ListValue} of {@link U8}.
 */
public sealed interface WitValue {

    record Bool(boolean value) implements WitValue {}

    record S8(byte value) implements WitValue {}

    /** 0..255. */
    record U8(int value) implements WitValue {
        public U8 {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("u8 out of range: " + value);
            }
        }
    }

    record S16(short value) implements WitValue {}

    /** 0..65535. */
    record U16(int value) implements WitValue {
        public U16 {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("u16 out of range: " + value);
            }
        }
    }

    record S32(int value) implements WitValue {}

    /** 0..2^32-1. */
    record U32(long value) implements WitValue {
        public U32 {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("u32 out of range: " + value);
            }
        }
    }

    record S64(long value) implements WitValue {}

    /** The 64 bits of an unsigned value; use {@link Long#toUnsignedString(long)} to print it. */
    record U64(long value) implements WitValue {
        @Override
        public String toString() {
            return "U64[value=" + Long.toUnsignedString(value) + "]";
        }
    }

    record F32(float value) implements WitValue {}

    record F64(double value) implements WitValue {}

    /** A Unicode scalar value (not a surrogate). */
    record Char(int codePoint) implements WitValue {
        public Char {
            if (codePoint < 0 || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                throw new IllegalArgumentException("not a Unicode scalar value: " + codePoint);
            }
        }
    }

    record Str(String value) implements WitValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A {@code list<u8>}: JSON payloads and blobs travel as this. The array is not copied. */
    record Bytes(byte[] value) implements WitValue {
        public Bytes {
            Objects.requireNonNull(value, "value");
        }

        public static Bytes utf8(String text) {
            return new Bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        public String asUtf8() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + HexFormat.of().formatHex(value, 0, Math.min(value.length, 64))
                    + (value.length > 64 ? "...(" + value.length + " bytes)" : "") + "]";
        }
    }

    /** Any {@code list<T>} but {@code list<u8>}. */
    record ListValue(List<WitValue> elements) implements WitValue {
        public ListValue {
            elements = List.copyOf(elements);
        }
    }

    record OptionValue(Optional<WitValue> value) implements WitValue {
        public OptionValue {
            Objects.requireNonNull(value, "value");
        }

        public static OptionValue none() {
            return new OptionValue(Optional.empty());
        }

        public static OptionValue some(WitValue value) {
            return new OptionValue(Optional.of(value));
        }
    }

    /** {@code ok} tells which side; {@code payload} is empty when that side has no type. */
    record ResultValue(boolean ok, Optional<WitValue> payload) implements WitValue {
        public ResultValue {
            Objects.requireNonNull(payload, "payload");
        }

        public static ResultValue ok(WitValue payload) {
            return new ResultValue(true, Optional.of(payload));
        }

        public static ResultValue okEmpty() {
            return new ResultValue(true, Optional.empty());
        }

        public static ResultValue err(WitValue payload) {
            return new ResultValue(false, Optional.of(payload));
        }

        public static ResultValue errEmpty() {
            return new ResultValue(false, Optional.empty());
        }
    }

    record TupleValue(List<WitValue> elements) implements WitValue {
        public TupleValue {
            elements = List.copyOf(elements);
        }

        public static TupleValue of(WitValue... elements) {
            return new TupleValue(List.of(elements));
        }
    }

    /** Field values in the record type's field order. */
    record RecordValue(List<WitValue> fields) implements WitValue {
        public RecordValue {
            fields = List.copyOf(fields);
        }

        public static RecordValue of(WitValue... fields) {
            return new RecordValue(List.of(fields));
        }
    }

    /** {@code caseIndex} indexes the variant type's cases; {@code payload} is empty when the case has none. */
    record VariantValue(int caseIndex, Optional<WitValue> payload) implements WitValue {
        public VariantValue {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** {@code caseIndex} indexes the enum type's cases. */
    record EnumValue(int caseIndex) implements WitValue {}

    /** Bit {@code i} set means flag {@code i} of the flags type is set. */
    record FlagsValue(int bits) implements WitValue {}
}
