package dev.theater.api.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventDataTest {

    @Test
    void fieldsKeepTheirOrderNamesAndTypes() {
        EventData data = EventData.builder().string("kind", "send").u64("size", 5).bool("ok", true)
                .optionalString("id", Optional.empty()).bytes("raw", new byte[] {1}).s64("n", -1).build();
        assertThat(data.type().fields()).extracting(WitType.Field::name).containsExactly("kind", "size", "ok", "id", "raw", "n");
        assertThat(data.type().fields().get(3).type()).isEqualTo(new WitType.OptionOf(WitType.Primitive.STRING));
        assertThat(data.value().fields()).containsExactly(new WitValue.Str("send"), new WitValue.U64(5),
                new WitValue.Bool(true), WitValue.OptionValue.none(), new WitValue.Bytes(new byte[] {1}),
                new WitValue.S64(-1));
        assertThat(EventData.empty().value().fields()).isEqualTo(List.of());
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        assertThatThrownBy(() -> EventData.builder().string("a", "x").string("a", "y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("event data field 'a' is given twice");
    }
}
