package dev.theater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.EventData;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.json.ChainJson;
import dev.theater.core.testing.TestActors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One text, with every character JSON escapes, reaches the chain by every path there is: a host call's argument
 * (the guest logs it), an export call's parameter (the message it handles), a handler's own event, an event's
 * description in a chain export, and a stop reason. Each path writes it as the very same bytes.
 */
class OneJsonWriterTest {

    /** A newline, a quote, a backslash, a control character, DEL, non-ASCII and a character outside the BMP. */
    private static final String TEXT = "a\nb\"c\\d\u0001e\u007f é \uD83D\uDE00";
    /** {@code "got " + TEXT} as serde_json writes it, typed out by hand. */
    private static final String GOT = "\"got a\\nb\\\"c\\\\d\\u0001e\u007f é \uD83D\uDE00\"";
    private static final String RAW = "\"a\\nb\\\"c\\\\d\\u0001e\u007f é \uD83D\uDE00\"";

    @TempDir
    Path home;

    private final ProbeProvider probe = new ProbeProvider();
    private Theater theater;

    @AfterEach
    void close() {
        if (theater != null) {
            theater.close();
        }
    }

    @Test
    void everyPathWritesTheSameValueAsTheSameBytes() throws Exception {
        theater = Theater.builder().home(home).serviceLoader(false).addProvider(probe).build();
        ActorRef actor = theater.start("name = \"lifecycle\"\ncomponent_path = \""
                + TestActors.wasm("lifecycle").toString().replace("\\", "/") + "\"\n[[handlers]]\ntype = \"probe\"\n", home);

        actor.send(TEXT.getBytes(StandardCharsets.UTF_8)).join(); // the guest logs "got <TEXT>"
        actor.actor().handle().record("probe/said", EventData.builder().string("text", "got " + TEXT).build(),
                "got " + TEXT);
        actor.actor().handle().requestStop("got " + TEXT);
        actor.stopped().get(30, TimeUnit.SECONDS);

        List<ChainEvent> events = dev.theater.chain.ChainStore.readFile(theater.chains().fileOf("lifecycle"));
        assertThat(data(events, "theater:simple/runtime/log")).isEqualTo("{\"args\":{\"msg\":" + GOT + "}}");
        assertThat(data(events, "wasm")).startsWith("{\"export\":\"theater:simple/message-server-client#handle-send\","
                + "\"params\":[" + RAW + "],");
        assertThat(data(events, "probe/said")).isEqualTo("{\"text\":" + GOT + "}");
        assertThat(data(events, "lifecycle/stopping")).isEqualTo("{\"reason\":" + GOT + "}");
        String said = events.stream().filter(e -> e.eventType().equals("probe/said")).findFirst().orElseThrow().hash().hex();
        assertThat(ChainJson.export(events)).contains(",\"description\":" + GOT + "}")
                .contains("{\"hash\":\"" + said + "\"");
    }

    /** The data of the last event of {@code type} (the wasm event of init comes before the send's). */
    private static String data(List<ChainEvent> events, String type) {
        return events.stream().filter(e -> e.eventType().equals(type)).reduce((a, b) -> b)
                .map(e -> new String(e.data(), StandardCharsets.UTF_8)).orElseThrow(() -> new AssertionError("no " + type));
    }
}
