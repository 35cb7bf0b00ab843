package dev.theater.chain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.json.JsonValue.JArray;
import dev.theater.chain.json.JsonValue.JNumber;
import dev.theater.chain.json.JsonValue.JObject;
import dev.theater.chain.json.JsonValue.JString;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
    @Test
    void parsesAndWritesCompactlyKeepingMemberOrder() {
        JsonValue v = Json.parse(" {\"z\": [1, -2.5e3, true, false, null], \"a\": {\"s\": \"x\\u00e9\\n\"} } ");
        assertThat(Json.write(v)).isEqualTo("{\"z\":[1,-2.5e3,true,false,null],\"a\":{\"s\":\"xé\\n\"}}");
        JObject o = (JObject) v;
        assertThat(o.members().keySet()).containsExactly("z", "a");
        assertThat(((JArray) o.members().get("z")).items().get(0)).isEqualTo(new JNumber("1"));
    }

    @Test
    void escapesLikeSerdeJson() {
        StringBuilder sb = new StringBuilder();
        Json.quote("q\" b\\ /\b\f\n\r\t\u0001\u001f\u007f é \uD83D\uDE00", sb);
        assertThat(sb).hasToString("\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f\u007f é \uD83D\uDE00\"");
    }

    @Property(tries = 500)
    void stringsRoundTrip(@ForAll String s) {
        StringBuilder sb = new StringBuilder();
        Json.quote(s, sb);
        assertThat(Json.parse(sb.toString())).isEqualTo(new JString(s));
    }

    @Property(tries = 200)
    void numbersRoundTrip(@ForAll long n) {
        assertThat(((JNumber) Json.parse(Long.toString(n))).asLong()).isEqualTo(n);
    }

    @Test
    void emptyContainers() {
        assertThat(Json.parse("[]")).isEqualTo(new JArray(List.of()));
        assertThat(Json.write(Json.parse("{ }"))).isEqualTo("{}");
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
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class).hasMessage(message);
    }

    @Test
    void countsLines() {
        assertThatThrownBy(() -> Json.parse("[\n1,\n  x]")).isInstanceOf(JsonException.class)
                .hasMessage("JSON line 3 column 3 (offset 7): unexpected 'x'");
    }

    @Test
    void rejectsRawControlCharactersInStrings() {
        assertThatThrownBy(() -> Json.parse("\"a\nb\"")).isInstanceOf(JsonException.class)
                .hasMessage("JSON line 1 column 3 (offset 2): control character in a string");
    }
}
