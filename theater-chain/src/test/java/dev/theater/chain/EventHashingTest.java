package dev.theater.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class EventHashingTest {
    static final HexFormat HEX = HexFormat.of();

    /** The worked example of the README: the first event of a chain. */
    static ChainEvent first() {
        return ChainEvent.create(Optional.empty(), "wasm", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                1700000000000L, Optional.empty());
    }

    /** The worked example of the README: the second event, with a parent and a description. */
    static ChainEvent second() {
        return ChainEvent.create(Optional.of(first().hash()), "theater:simple/message-server-host/send",
                "{\"to\":\"b\"}".getBytes(StandardCharsets.UTF_8), 1700000000001L, Optional.of("send to b"));
    }

    @Test
    void encodesTheFirstEventAsTheReadmeSays() {
        byte[] bytes = EventHashing.encode(Optional.empty(), "wasm", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                1700000000000L, Optional.empty());
        assertThat(HEX.formatHex(bytes)).isEqualTo(
                "0100" + "00000004" + "7761736d" + "00000007" + "7b226e223a317d" + "0000018bcfe56800" + "00");
        assertThat(first().hash().hex()).isEqualTo(ReadmeVector.FIRST_HASH);
    }

    @Test
    void encodesTheSecondEventAsTheReadmeSays() {
        ChainEvent e = second();
        byte[] bytes = EventHashing.encode(e.parentHash(), e.eventType(), e.data(), e.timestamp(), e.description());
        assertThat(HEX.formatHex(bytes)).isEqualTo(ReadmeVector.SECOND_BYTES);
        assertThat(e.hash().hex()).isEqualTo(ReadmeVector.SECOND_HASH);
        assertThat(e.hashIsValid()).isTrue();
    }

    @Property(tries = 300)
    void decodeInvertsEncode(@ForAll byte[] data, @ForAll String type, @ForAll long timestamp,
                             @ForAll Optional<String> description, @ForAll boolean withParent) {
        net.jqwik.api.Assume.that(wellFormed(type) && description.map(EventHashingTest::wellFormed).orElse(true));
        Optional<Hash> parent = withParent ? Optional.of(first().hash()) : Optional.empty();
        ChainEvent e = ChainEvent.create(parent, type, data, timestamp, description);
        byte[] bytes = EventHashing.encode(parent, type, data, timestamp, description);
        assertThat(EventHashing.decode(e.hash(), bytes, 0, bytes.length)).isEqualTo(e);
    }

    @Test
    void rejectsAnUnpairedSurrogate() {
        assertThatThrownBy(() -> EventHashing.encode(Optional.empty(), "a\uD800b", new byte[0], 0, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event type has an unpaired surrogate at index 1; it cannot be encoded as UTF-8");
    }

    @Test
    void rejectsAParentThatIsNotSha256() {
        assertThatThrownBy(() -> EventHashing.encode(Optional.of(new Hash(new byte[20])), "t", new byte[0], 0,
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parent hash has 20 bytes; SHA-256 chains need 32");
    }

    @Test
    void decodeNamesTheBadField() {
        byte[] bytes = EventHashing.encode(Optional.empty(), "wasm", new byte[3], 5, Optional.empty());
        bytes[2] = 9; // the event type length 4 becomes 0x09000004, past the end
        assertThatThrownBy(() -> EventHashing.decode(first().hash(), bytes, 0, bytes.length))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event type length 150994948 runs past the end");
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
