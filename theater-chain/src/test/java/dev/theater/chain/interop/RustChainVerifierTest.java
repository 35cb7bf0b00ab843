package dev.theater.chain.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.chain.FailureReason;
import dev.theater.chain.VerificationReport;
import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonException;
import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Test vectors made with python3 (json + hashlib.sha1), not with this code: see the resources' README. */
class RustChainVerifierTest {
    static String resource(String name) throws IOException {
        try (InputStream in = RustChainVerifierTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rust-chain-classic.json, 8169e38bb18be5b29b33e142b6a04cfd3ebe3d35",
        "rust-chain-minimal.json, 0e4edbfc853d552c05f02e7b640ab43247ee9fb4",
    })
    void verifiesAGenuineExport(String name, String head) throws IOException {
        VerificationReport report = RustChainVerifier.verify(resource(name));
        assertThat(report.describe()).isEqualTo("rust-json: 4 events verified");
        assertThat(report.head().orElseThrow().hex()).isEqualTo(head);
    }

    @Test
    void reSerializesLikeSerdeJson() throws IOException {
        JObject first = (JObject) ((JArray) JsonReader.parse(resource("rust-chain-classic.json"))).items().get(0);
        assertThat(RustChainVerifier.canonical(first)).isEqualTo("{\"hash\":[],\"parent_hash\":null,"
                + "\"event_type\":\"runtime-init\",\"data\":[123,34,97,99,116,111,114,95,105,100,34,58,34,57,102,49,99,"
                + "34,125],\"timestamp\":1714000000,\"description\":\"Actor initialized\"}");
    }

    @Test
    void aChangedDataByteIsAHashMismatchAtThatEvent() throws IOException {
        VerificationReport report = RustChainVerifier.verify(resource("rust-chain-classic-tampered.json"));
        assertThat(report.validCount()).isEqualTo(2);
        assertThat(report.failure().orElseThrow().reason()).isEqualTo(FailureReason.HASH_MISMATCH);
        assertThat(report.failure().get().hash().orElseThrow().hex()).isEqualTo("adf03438b00778232444f877dd8c493d6cc5913f");
        assertThat(report.describe()).isEqualTo("rust-json: 2 events verified, then event 2 at offset 1493 "
                + "(hash adf03438b00778232444f877dd8c493d6cc5913f): HASH_MISMATCH: SHA-1 of the event is "
                + "c764edca6334588f7c182e5141735a8d10e68893");
    }

    @Test
    void aReplacedParentIsABrokenLink() throws IOException {
        VerificationReport report = RustChainVerifier.verify(resource("rust-chain-classic-relinked.json"));
        // offsets count Java chars: event 2's emoji is two of them (2166 code points)
        assertThat(report.failure().orElseThrow().describe()).isEqualTo(
                "event 3 at offset 2167 (hash 8169e38bb18be5b29b33e142b6a04cfd3ebe3d35): BROKEN_PARENT_LINK: "
                        + "expected parent "
                        + "adf03438b00778232444f877dd8c493d6cc5913f but the event names parent "
                        + "7db4d3f68aec7d67146485358991f15fe83e0fff");
        assertThat(report.validCount()).isEqualTo(3);
    }

    @Test
    void malformedExportsAreRejected() {
        assertThatThrownBy(() -> RustChainVerifier.verify("{}")).isInstanceOf(JsonException.class)
                .hasMessage("a Rust Theater chain export is a JSON array of events");
        assertThatThrownBy(() -> RustChainVerifier.verify("[{\"hash\":[1,256],\"parent_hash\":null}]"))
                .isInstanceOf(JsonException.class).hasMessage("event 0: \"hash\" holds 256, not a byte");
        assertThatThrownBy(() -> RustChainVerifier.verify("[{\"hash\":[1]}]"))
                .isInstanceOf(JsonException.class).hasMessage("event 0: \"parent_hash\" is missing");
    }
}
