package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue.JNumber;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/http-counter, as its README says, through a real {@code theater run} of a copy of the folder on a port the
 * system picks: the page shows the count, {@code POST /increment} answers the next count with its time, every open
 * {@code /events} websocket gets it pushed, and a second run with the same folder starts from the count the first
 * one left in the store. Also the README's {@code curl} lines, as written but for the port, where curl is installed.
 */
class HttpCounterExampleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern COUNT_JSON = Pattern.compile("\\{\"count\":(\\d+),\"at\":(\\d+)}");

    @TempDir
    Path home;

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(HttpCounterRun run, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(run.url(path))).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> increment(HttpCounterRun run) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(run.url("/increment"))).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A count and its time, from {@code {"count":n,"at":ms}} (exactly that text: the actor writes it so). */
    record Count(long count, long at) {
        static Count of(String json) {
            assertThat(json).matches(COUNT_JSON);
            JObject o = (JObject) JsonReader.parse(json);
            return new Count(((JNumber) o.get("count").orElseThrow()).asLong(), ((JNumber) o.get("at").orElseThrow()).asLong());
        }
    }

    /** A websocket client on /events that keeps every text message it gets. */
    static final class Events implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        static Events open(HttpClient http, HttpCounterRun run) throws Exception {
            Events events = new Events();
            events.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + run.port + "/events"), events).get(20, TimeUnit.SECONDS);
            // the answer to a message comes after the actor has taken the connection: pushes reach it from then on
            events.ws.sendText("count", true).get(20, TimeUnit.SECONDS);
            events.next();
            return events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        Count next() throws InterruptedException {
            String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message on /events within " + WAIT).isNotNull();
            return Count.of(message);
        }

        void close() throws Exception {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(300) // every wait below fails first, with what the process printed
    void servesCountsPushesThemAndKeepsThemAcrossARestart() throws Exception {
        Path manifest = HttpCounterRun.copyExample(folder);
        long before;
        Count third;
        try (HttpCounterRun run = new HttpCounterRun(home, manifest)) {
            assertThat(run.countAtStart).isZero(); // a store holding only its store.json: opened, no count yet

            HttpResponse<String> page = get(run, "/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).contains("text/html; charset=utf-8");
            assertThat(page.body()).contains("<span id=\"count\">0</span>", "<button id=\"increment\">",
                    "fetch('/increment', {method: 'POST'})", "location.host + '/events'");
            HttpResponse<String> count = get(run, "/count");
            assertThat(count.headers().firstValue("content-type")).contains("application/json");
            assertThat(count.body()).isEqualTo("{\"count\":0,\"at\":0}");

            Events one = Events.open(http, run);
            before = System.currentTimeMillis();
            HttpResponse<String> first = increment(run);
            long after = System.currentTimeMillis();
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("content-type")).contains("application/json");
            Count c1 = Count.of(first.body());
            assertThat(c1.count()).isEqualTo(1);
            assertThat(c1.at()).isBetween(before, after); // timing.now, read during the call
            assertThat(one.next()).isEqualTo(c1);        // pushed, the same bytes
            run.process.awaitLine("counter: count 1 at " + c1.at(), WAIT);

            Events two = Events.open(http, run);
            Count c2 = Count.of(increment(run).body());
            assertThat(c2.count()).isEqualTo(2);
            assertThat(c2.at()).isGreaterThanOrEqualTo(c1.at());
            assertThat(one.next()).isEqualTo(c2);
            assertThat(two.next()).isEqualTo(c2); // every open connection

            two.close();
            third = Count.of(increment(run).body());
            assertThat(third.count()).isEqualTo(3);
            assertThat(one.next()).isEqualTo(third);
            assertThat(one.messages).isEmpty(); // one push per increment
            assertThat(get(run, "/").body()).contains("<span id=\"count\">3</span>", "data-at=\"" + third.at() + "\"");
            assertThat(get(run, "/count").body()).isEqualTo("{\"count\":3,\"at\":" + third.at() + "}");

            // what the server refuses: a route without its method, a path with no route
            assertThat(http.send(HttpRequest.newBuilder(URI.create(run.url("/increment"))).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
            assertThat(get(run, "/nope").statusCode()).isEqualTo(404);
            one.close();

            List<String> printed = run.stop();
            assertThat(printed).contains("counter: count 1 at " + c1.at(), "counter: count 2 at " + c2.at(),
                    "counter: count 3 at " + third.at());
        }

        // what the store wrote, and what git would ignore
        Path store = folder.resolve("store/336197e420993ece7743ec237b77e66a");
        assertThat(store.resolve("content")).isDirectory();
        assertThat(store.resolve("labels")).isDirectory();

        // the second run: the same folder, a new process
        try (HttpCounterRun again = new HttpCounterRun(home, manifest)) {
            assertThat(again.countAtStart).isEqualTo(3);
            assertThat(get(again, "/count").body()).isEqualTo("{\"count\":3,\"at\":" + third.at() + "}");
            Count c4 = Count.of(increment(again).body());
            assertThat(c4.count()).isEqualTo(4);
            assertThat(c4.at()).isGreaterThanOrEqualTo(third.at());
            again.stop();
        }

        // the chain of both runs (one file under the home): what the README says it records
        List<String> types = ChainStore.readFile(home.resolve("chains/counter.chain")).stream().map(ChainEvent::eventType)
                .toList();
        assertThat(types).contains("theater:simple/store/get-by-label", "theater:simple/store/get",
                "theater:simple/store/replace-content-at-label", "theater:simple/timing/now",
                "theater:simple/http-framework/create-server", "theater:simple/http-framework/start-server",
                "theater:simple/http-framework/send-websocket-message", "http-framework/server-started",
                "http-framework/websocket-opened", "http-framework/websocket-closed");
        assertThat(types.stream().filter("theater:simple/store/replace-content-at-label"::equals)).hasSize(4);
        assertThat(types.stream().filter("theater:simple/timing/now"::equals)).hasSize(4);
    }

    @Test
    @Timeout(300)
    void theReadmesCurlLinesDoWhatItSays() throws Exception {
        List<String> curls = readmeCurlLines();
        assertThat(curls).containsExactly("curl -s -X POST http://127.0.0.1:8080/increment",
                "curl -s http://127.0.0.1:8080/count", "curl -s http://127.0.0.1:8080/");
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("curl"), () -> {
            System.out.println("HttpCounterExampleTest: no curl on the PATH; the README's curl lines are not run");
            return "no curl on the PATH";
        });
        try (HttpCounterRun run = new HttpCounterRun(home, HttpCounterRun.copyExample(folder))) {
            List<String> answers = new ArrayList<>();
            for (String line : curls) {
                String[] argv = line.replace(":8080/", ":" + run.port + "/").split(" ");
                Process curl = new ProcessBuilder(argv).redirectErrorStream(true).start();
                answers.add(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(curl.exitValue()).as(line).isZero();
            }
            Matcher first = COUNT_JSON.matcher(answers.get(0));
            assertThat(first.matches()).as(answers.get(0)).isTrue();
            assertThat(first.group(1)).isEqualTo("1");
            assertThat(answers.get(1)).isEqualTo(answers.get(0));
            assertThat(answers.get(2)).contains("<span id=\"count\">1</span>");
            run.stop();
        }
    }

    /** The {@code curl} lines of the README's shell blocks, without their comments. */
    static List<String> readmeCurlLines() throws Exception {
        List<String> lines = new ArrayList<>();
        boolean inShell = false;
        for (String line : Files.readAllLines(HttpCounterRun.EXAMPLE.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inShell = !inShell && line.equals("```sh");
            } else if (inShell && line.startsWith("curl ")) {
                int comment = line.indexOf(" #");
                lines.add((comment < 0 ? line : line.substring(0, comment)).strip());
            }
        }
        return lines;
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
