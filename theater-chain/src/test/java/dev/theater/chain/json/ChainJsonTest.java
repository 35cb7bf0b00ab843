package dev.theater.chain.json;

import dev.theater.api.json.JsonException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainIntegrityException;
import dev.theater.chain.FailureReason;
import dev.theater.chain.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainJsonTest {
    static List<ChainEvent> chain() {
        List<ChainEvent> events = new ArrayList<>();
        Optional<Hash> parent = Optional.empty();
        String[] types = {"lifecycle/start", "wasm", "theater:simple/message-server-host/send"};
        for (int i = 0; i < 3; i++) {
            byte[] data = i == 1 ? new byte[] {0, (byte) 0xff, 0x22} : ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            Optional<String> desc = i == 2 ? Optional.of("say \"hi\"\n\u0001 é") : Optional.empty();
            ChainEvent e = ChainEvent.create(parent, types[i], data, 1_700_000_000_000L + i, desc);
            events.add(e);
            parent = Optional.of(e.hash());
        }
        return events;
    }

    @Test
    void exportsOneEventPerLine() {
        ChainEvent first = chain().get(0);
        String json = ChainJson.export(chain().subList(0, 1));
        assertThat(json).isEqualTo("{\"format\":\"theater-chain/1\",\"hash_algorithm\":\"sha-256\",\"data_encoding\":\"base64\",\"events\":[\n"
                + "{\"hash\":\"" + first.hash().hex() + "\",\"parent_hash\":null,\"event_type\":\"lifecycle/start\","
                + "\"data\":\"eyJpIjowfQ==\",\"timestamp\":1700000000000,\"description\":null}\n]}\n");
    }

    @Test
    void importsWhatItExported() {
        List<ChainEvent> events = chain();
        assertThat(ChainJson.importVerified(ChainJson.export(events))).isEqualTo(events);
        assertThat(ChainJson.importVerified(ChainJson.export(List.of()))).isEmpty();
    }

    @Test
    void aTamperedExportIsRejectedAtTheBadEvent() {
        List<ChainEvent> events = chain();
        String tampered = ChainJson.export(events).replace("\"timestamp\":1700000000001", "\"timestamp\":1700000000009");
        assertThat(ChainJson.verify(tampered).failure().orElseThrow().reason()).isEqualTo(FailureReason.HASH_MISMATCH);
        assertThatThrownBy(() -> ChainJson.importVerified(tampered)).isInstanceOf(ChainIntegrityException.class)
                .hasMessageStartingWith("json: 1 events verified, then event 1 (hash " + events.get(1).hash().hex()
                        + "): HASH_MISMATCH: SHA-256 of the event is ");
    }

    @Test
    void aDroppedEventBreaksTheLink() {
        List<ChainEvent> events = chain();
        String json = ChainJson.export(List.of(events.get(0), events.get(2)));
        assertThatThrownBy(() -> ChainJson.importVerified(json)).isInstanceOf(ChainIntegrityException.class)
                .hasMessage("json: 1 events verified, then event 1 (hash " + events.get(2).hash().hex()
                        + "): BROKEN_PARENT_LINK: expected parent " + events.get(0).hash().hex()
                        + " but the event names parent " + events.get(1).hash().hex());
    }

    @Test
    void schemaErrorsNameTheEventAndMember() {
        assertThatThrownBy(() -> ChainJson.parse("[]")).isInstanceOf(JsonException.class)
                .hasMessage("a chain export is a JSON object");
        assertThatThrownBy(() -> ChainJson.parse("{\"format\":\"other\"}")).isInstanceOf(JsonException.class)
                .hasMessage("unsupported chain export format 'other'; expected 'theater-chain/1'");
        String head = "{\"format\":\"theater-chain/1\",\"events\":[";
        assertThatThrownBy(() -> ChainJson.parse(head + "{\"hash\":\"zz\"}]}")).isInstanceOf(JsonException.class)
                .hasMessage("event 0: \"hash\" is not hex: 'zz'");
        assertThatThrownBy(() -> ChainJson.parse(head + "{\"hash\":\"00\",\"event_type\":\"t\",\"data\":\"!!\"}]}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("event 0: \"data\" is not base64: Illegal base64 character 21");
        assertThatThrownBy(() -> ChainJson.parse(head + "{\"hash\":\"00\",\"event_type\":\"t\",\"data\":\"\",\"timestamp\":1.5}]}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("event 0: \"timestamp\" 1.5 is not a 64-bit integer");
    }

    @Test
    void anEventThatCannotBeEncodedIsUnreadable() {
        ChainEvent e = chain().get(0);
        String json = ChainJson.export(List.of(e)).replace("lifecycle/start", "bad\\ud800");
        assertThat(ChainJson.verify(json).describe()).isEqualTo("json: 0 events verified, then event 0 (hash "
                + e.hash().hex() + "): UNREADABLE_RECORD: the event cannot be encoded: event type has an unpaired"
                + " surrogate at index 3; it cannot be encoded as UTF-8");
    }
}
