package dev.theater.chain.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.testing.SpecialFloats;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WitJsonTest {

    @Property(tries = 2000)
    void utf8CheckAgreesWithTheJdkDecoder(@ForAll @Size(max = 12) byte[] bytes) {
        assertThat(WitJson.isUtf8(bytes)).isEqualTo(jdkSaysUtf8(bytes));
    }

    @Test
    void utf8CheckOnNearlyValidText() {
        Random random = new Random(42);
        String text = "héllo wörld ✓ 𝄞 end";
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            byte[] cut = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            assertThat(WitJson.isUtf8(cut)).as(java.util.HexFormat.of().formatHex(cut)).isEqualTo(jdkSaysUtf8(cut));
        }
    }

    private static boolean jdkSaysUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Test
    void writesValuesByTheirTypes() {
        WitType.Record person = new WitType.Record("person", List.of(
                new WitType.Field("name", WitType.Primitive.STRING),
                new WitType.Field("tags", new WitType.ListOf(WitType.Primitive.STRING))));
        WitType.Variant shape = new WitType.Variant("shape", List.of(
                new WitType.Case("circle", Optional.of(WitType.Primitive.F64)), new WitType.Case("dot", Optional.empty())));
        WitType result = new WitType.Result(Optional.of(new WitType.ListOf(WitType.Primitive.U8)), Optional.of(WitType.Primitive.STRING));

        byte[] json = WitJson.object(List.of("who", "shape", "out", "big", "raw"),
                List.of(person, shape, result, WitType.Primitive.U64, new WitType.ListOf(WitType.Primitive.U8)),
                List.of(WitValue.RecordValue.of(new WitValue.Str("ann \"a\""), new WitValue.ListValue(List.of(new WitValue.Str("x")))),
                        new WitValue.VariantValue(1, Optional.empty()),
                        WitValue.ResultValue.ok(WitValue.Bytes.utf8("{\"k\":1}")),
                        new WitValue.U64(-1L),
                        new WitValue.Bytes(new byte[] {(byte) 0xff, 0})));

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"who\":{\"name\":\"ann \\\"a\\\"\",\"tags\":[\"x\"]},"
                + "\"shape\":{\"dot\":null},\"out\":{\"ok\":\"{\\\"k\\\":1}\"},\"big\":18446744073709551615,"
                + "\"raw\":{\"base64\":\"/wA=\"}}");
    }

    private static final WitType BYTES = new WitType.ListOf(WitType.Primitive.U8);

    private static String hashed(byte[] b) throws Exception {
        return "{\"size\":" + b.length + ",\"sha256\":\""
                + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b)) + "\"}";
    }

    /** At the limit a payload is written in full; one byte past it, as its size and hash, wherever it sits. */
    @Test
    void payloadsPastTheLimitAreWrittenAsSizeAndHash() throws Exception {
        byte[] at = "x".repeat(8).getBytes(StandardCharsets.UTF_8);
        byte[] past = "x".repeat(9).getBytes(StandardCharsets.UTF_8);
        byte[] binaryPast = new byte[9];
        binaryPast[0] = (byte) 0xFF;
        WitType.Record rec = new WitType.Record("r", List.of(new WitType.Field("body", BYTES),
                new WitType.Field("name", WitType.Primitive.STRING)));
        WitType listOfRecords = new WitType.ListOf(rec);
        WitValue records = new WitValue.ListValue(List.of(
                new WitValue.RecordValue(List.of(new WitValue.Bytes(at), new WitValue.Str("xxxxxxxx"))),
                new WitValue.RecordValue(List.of(new WitValue.Bytes(binaryPast), new WitValue.Str("xxxxxxxxx")))));

        byte[] json = WitJson.object(List.of("a", "p", "s", "l"),
                List.of(BYTES, BYTES, WitType.Primitive.STRING, listOfRecords),
                List.of(new WitValue.Bytes(at), new WitValue.Bytes(past), new WitValue.Str("ééééé"), records), 8);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"xxxxxxxx\",\"p\":" + hashed(past)
                + ",\"s\":" + hashed("ééééé".getBytes(StandardCharsets.UTF_8))
                + ",\"l\":[{\"body\":\"xxxxxxxx\",\"name\":\"xxxxxxxx\"},{\"body\":" + hashed(binaryPast)
                + ",\"name\":" + hashed(past) + "}]}");
        assertThat(new String(WitJson.object(List.of("e"), List.of(BYTES), List.of(new WitValue.Bytes(new byte[0])), 0),
                StandardCharsets.UTF_8)).isEqualTo("{\"e\":\"\"}"); // limit 0: empty payloads still fit
    }

    /** Whether a string is hashed depends on its UTF-8 length only, whatever its length in chars. */
    @Property(tries = 2000)
    void aStringIsHashedExactlyWhenItsUtf8IsPastTheLimit(@ForAll String text, @ForAll @IntRange(max = 200) int limit)
            throws Exception {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] json = WitJson.object(List.of("s"), List.of(WitType.Primitive.STRING), List.of(new WitValue.Str(text)), limit);

        var node = JSON.readTree(json).get("s");
        if (utf8.length > limit) {
            assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"s\":" + hashed(utf8) + "}");
        } else {
            assertThat(node.asString()).isEqualTo(new String(utf8, StandardCharsets.UTF_8));
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** Any string, written as a JSON string and read back by Jackson, is the same text (lone surrogates become '?'). */
    @Property(tries = 3000)
    void stringsRoundTripThroughAJsonParser(@ForAll String text) {
        String expected = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        byte[] json = WitJson.object(List.of("s"), List.of(WitType.Primitive.STRING), List.of(new WitValue.Str(text)));

        assertThat(JSON.readTree(json).get("s").asString()).isEqualTo(expected);
    }

    /** Valid UTF-8 bytes are written as the text they encode; anything else as base64 of the exact bytes. */
    @Property(tries = 3000)
    void bytesRoundTripThroughAJsonParser(@ForAll @Size(max = 40) byte[] bytes, @ForAll String text) {
        for (byte[] payload : List.of(bytes, text.getBytes(StandardCharsets.UTF_8))) {
            byte[] json = WitJson.object(List.of("b"), List.of(new WitType.ListOf(WitType.Primitive.U8)),
                    List.of(new WitValue.Bytes(payload)));
            var node = JSON.readTree(json).get("b");
            if (node.isString()) {
                assertThat(node.asString().getBytes(StandardCharsets.UTF_8)).isEqualTo(payload);
            } else {
                assertThat(java.util.Base64.getDecoder().decode(node.get("base64").asString())).isEqualTo(payload);
            }
        }
    }

    @Provide
    Arbitrary<Double> doubles() {
        return SpecialFloats.doubles();
    }

    @Provide
    Arbitrary<Float> floats() {
        return SpecialFloats.floats();
    }

    /** Integers and finite floats as JSON numbers that read back exactly (-0.0 and subnormals too); NaN and ±∞ as strings. */
    @Property(tries = 1000)
    void numbersRoundTrip(@ForAll long n, @ForAll("doubles") double d, @ForAll("floats") float f) {
        byte[] json = WitJson.object(List.of("s", "u", "d", "f"),
                List.of(WitType.Primitive.S64, WitType.Primitive.U64, WitType.Primitive.F64, WitType.Primitive.F32),
                List.of(new WitValue.S64(n), new WitValue.U64(n), new WitValue.F64(d), new WitValue.F32(f)));
        var tree = JSON.readTree(json);

        assertThat(tree.get("s").asLong()).isEqualTo(n);
        assertThat(tree.get("u").bigIntegerValue().toString()).isEqualTo(Long.toUnsignedString(n));
        if (Double.isFinite(d)) {
            assertThat(tree.get("d").isNumber()).isTrue();
            assertThat(Double.doubleToRawLongBits(tree.get("d").asDouble())).as("%s", d).isEqualTo(Double.doubleToRawLongBits(d));
        } else {
            assertThat(tree.get("d").asString()).isEqualTo(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
        if (Float.isFinite(f)) {
            // read the number's own text as an f32: Jackson would read it as a double, and narrowing may round twice
            String text = new String(json, StandardCharsets.UTF_8);
            String number = text.substring(text.indexOf("\"f\":") + 4, text.length() - 1);
            assertThat(tree.get("f").isNumber()).isTrue();
            assertThat(Float.floatToRawIntBits(Float.parseFloat(number))).as("%s", f).isEqualTo(Float.floatToRawIntBits(f));
        } else {
            assertThat(tree.get("f").asString()).isEqualTo(Float.isNaN(f) ? "NaN" : f > 0 ? "Infinity" : "-Infinity");
        }
    }

    @Test
    void nonFiniteFloatsAreStringsWhereverTheySit() {
        WitType f32s = new WitType.ListOf(WitType.Primitive.F32);
        WitType maybe = new WitType.OptionOf(WitType.Primitive.F64);
        byte[] json = WitJson.object(List.of("f", "d", "l", "o"), List.of(WitType.Primitive.F32, WitType.Primitive.F64, f32s, maybe),
                List.of(new WitValue.F32(Float.intBitsToFloat(0x7fc00001)), new WitValue.F64(Double.NEGATIVE_INFINITY),
                        new WitValue.ListValue(List.of(new WitValue.F32(0f), new WitValue.F32(-0f), new WitValue.F32(Float.POSITIVE_INFINITY),
                                new WitValue.F32(Float.MIN_VALUE), new WitValue.F32(Float.intBitsToFloat(0xff800001)))),
                        WitValue.OptionValue.some(new WitValue.F64(Double.longBitsToDouble(0xfff8000000000000L)))));

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"f\":\"NaN\",\"d\":\"-Infinity\",\"l\":[0.0,-0.0,\"Infinity\",1.4E-45,\"NaN\"],\"o\":\"NaN\"}");
    }
}
