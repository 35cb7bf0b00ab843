package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of the root README, compiled and run. The code between the README markers below
 * must be the README's {@code java} block, line for line (the test checks it), so the README cannot rot.
 * Surefire runs this module's tests from the project root, so the example's relative paths hold.
 */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleRunsAndPrintsWhatItSays() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(console);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "pong 7",
                "message-server/received",
                "theater:simple/runtime/log",
                "wasm",
                "{\"count\":2}",
                "STOPPED");
    }

    private static void example() throws Exception {
        // README:begin
        try (Theater theater = Theater.builder()
                .home(Files.createTempDirectory("theater-home"))   // chains are kept under <home>/chains
                .build()) {                                        // handler jars on the class path are found
            ActorRef pong = theater.start(Path.of("examples/ping-pong/pong.toml"));

            byte[] reply = pong.request("ping 7".getBytes(StandardCharsets.UTF_8)).join();
            System.out.println(new String(reply, StandardCharsets.UTF_8));              // pong 7

            var subscription = pong.subscribe(event -> System.out.println(event.eventType()));
            pong.send("hello".getBytes(StandardCharsets.UTF_8)).join();   // message-server/received, …/runtime/log, wasm
            subscription.closeAfterDelivery().join();                     // every event of that send has been printed
            System.out.println(new String(pong.state().orElseThrow(), StandardCharsets.UTF_8)); // {"count":2}

            pong.stop();
            System.out.println(pong.stopped().join());                                // STOPPED
        }
        // README:end
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws Exception {
        List<String> source = Files.readAllLines(Path.of("theater-cli/src/test/java/dev/theater/cli/EmbeddingExampleTest.java"));
        List<String> code = strip(source.subList(source.indexOf("        // README:begin") + 1,
                source.indexOf("        // README:end")));
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int start = readme.indexOf("<!-- embedding example: theater-cli/src/test/java/dev/theater/cli/EmbeddingExampleTest.java -->");
        assertThat(start).as("README marker").isNotNegative();
        List<String> block = readme.subList(start + 2, readme.subList(start + 2, readme.size()).indexOf("```") + start + 2);
        assertThat(strip(block)).isEqualTo(code);
    }

    private static List<String> strip(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
