package dev.theater.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonValue.JString;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The one writer: serde_json's escapes, compact output, and what the reader reads back. */
class JsonWriterTest {

    @Test
    void escapesLikeSerdeJson() {
        String written = new JsonWriter().string("q\" b\\ /\b\f\n\r\t\u0001\u001f\u007f é \uD83D\uDE00").toString();
        assertThat(written).isEqualTo("\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f\u007f é \uD83D\uDE00\"");
    }

    @Test
    void aStringAndItsUtf8BytesAreWrittenAlike() {
        String text = "line one\nline \"two\"\u0000 – é";
        assertThat(new JsonWriter().string(text).toByteArray())
                .isEqualTo(new JsonWriter().utf8String(text.getBytes(StandardCharsets.UTF_8)).toByteArray());
    }

    @Test
    void aLoneSurrogateIsWrittenAsAQuestionMark() {
        assertThat(new JsonWriter().string("a\uD800b").toString()).isEqualTo("\"a?b\"");
    }

    @Test
    void writesParsedValuesCompactlyInTheirOrder() {
        JsonValue v = JsonReader.parse(" {\"z\": [1, -2.5e3, true, false, null], \"a\": {\"s\": \"x\\u00e9\\n\"} } ");
        assertThat(JsonWriter.write(v)).isEqualTo("{\"z\":[1,-2.5e3,true,false,null],\"a\":{\"s\":\"xé\\n\"}}");
        assertThat(JsonWriter.write(JsonReader.parse("{ }"))).isEqualTo("{}");
    }

    @Test
    void numbers() {
        JsonWriter out = new JsonWriter().raw('[').number(-7).raw(',').unsigned(-1L).raw(',').number(1.5, false)
                .raw(',').number(0.1f, true).raw(',').number(Double.NaN, false).raw(',')
                .number(Double.POSITIVE_INFINITY, false).raw(',').number(Float.NEGATIVE_INFINITY, true).raw(']');
        assertThat(out.toString()).isEqualTo("[-7,18446744073709551615,1.5,0.1,\"NaN\",\"Infinity\",\"-Infinity\"]");
    }

    @Property(tries = 500)
    void stringsRoundTripThroughTheReader(@ForAll String s) {
        String expected = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(JsonReader.parse(new JsonWriter().string(s).toString())).isEqualTo(new JString(expected));
    }
}
