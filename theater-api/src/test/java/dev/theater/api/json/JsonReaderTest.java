package dev.theater.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JNumber;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict reader: what it accepts, the order it keeps, and where it says malformed input goes wrong. */
class JsonReaderTest {
    @Test
    void parsesKeepingMemberOrderAndNumberText() {
        JsonValue v = JsonReader.parse(" {\"z\": [1, -2.5e3, true, false, null], \"a\": {\"s\": \"x\\u00e9\\n\"} } ");
        JObject o = (JObject) v;
        assertThat(o.members().keySet()).containsExactly("z", "a");
        assertThat(((JArray) o.members().get("z")).items()).containsExactly(new JNumber("1"), new JNumber("-2.5e3"),
                new JsonValue.JBool(true), new JsonValue.JBool(false), JsonValue.JNull.NULL);
        assertThat(((JObject) o.members().get("a")).get("s")).contains(new JString("xé\n"));
    }

    @Test
    void readsUtf8Bytes() {
        assertThat(JsonReader.parse("\"é\"".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(new JString("é"));
    }

    @Property(tries = 200)
    void numbersRoundTrip(@ForAll long n) {
        assertThat(((JNumber) JsonReader.parse(Long.toString(n))).asLong()).isEqualTo(n);
    }

    @Test
    void emptyContainers() {
        assertThat(JsonReader.parse("[]")).isEqualTo(new JArray(List.of()));
        assertThat(JsonReader.parse("{ }")).isEqualTo(new JObject(java.util.Map.of(), 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1,]                | JSON line 1 column 4 (offset 3): unexpected ']'",
        "{\"a\":1 \"b\":2}   | JSON line 1 column 8 (offset 7): expected ',' or '}'",
        "{\"a\":1,\"a\":2}   | JSON line 1 column 8 (offset 7): duplicate member \"a\"",
        "01                  | JSON line 1 column 2 (offset 1): unexpected '1' after the value",
        "\"abc               | JSON line 1 column 5 (offset 4): unexpected end of input, expected closing '\"'",
        "\"\\x\"             | JSON line 1 column 3 (offset 2): bad escape '\\x'",
        "tru                 | JSON line 1 column 1 (offset 0): unexpected 't'",
        "-                   | JSON line 1 column 2 (offset 1): expected a digit",
        "1.                  | JSON line 1 column 3 (offset 2): expected a digit",
        "''                  | JSON line 1 column 1 (offset 0): unexpected end of input",
    })
    void rejectsMalformedJsonNamingWhere(String text, String message) {
        assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void countsLines() {
        assertThatThrownBy(() -> JsonReader.parse("[\n1,\n  x]")).isInstanceOf(JsonException.class)
                .hasMessage("JSON line 3 column 3 (offset 7): unexpected 'x'");
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        assertThatThrownBy(() -> JsonReader.parse("\"a\nb\"")).isInstanceOf(JsonException.class)
                .hasMessage("JSON line 1 column 3 (offset 2): control character in a string");
    }
}
