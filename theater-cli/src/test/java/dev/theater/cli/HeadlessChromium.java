package dev.theater.cli;

import dev.theater.api.json.JsonReader;
import dev.theater.api.json.JsonValue;
import dev.theater.api.json.JsonValue.JArray;
import dev.theater.api.json.JsonValue.JObject;
import dev.theater.api.json.JsonValue.JString;
import dev.theater.api.json.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol with the JDK's own HTTP and WebSocket clients (no
 * Selenium, no driver binary): {@code chromium --headless=new --remote-debugging-port=0} writes the port it chose to
 * {@code <profile>/DevToolsActivePort}; the first page target's websocket then takes {@code Page.navigate} and
 * {@code Runtime.evaluate} commands. Enough to load a page, click, and read what the page shows.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration COMMAND = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JObject>> pending = new ConcurrentHashMap<>();

    /**
     * The Chromium to use: {@code $THEATER_CHROMIUM} if set, else the first of {@code chromium},
     * {@code chromium-browser}, {@code google-chrome}, {@code google-chrome-stable} on the {@code PATH}.
     */
    static Optional<Path> find() {
        String named = System.getenv("THEATER_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts {@code binary} headless with a new profile in {@code profile} (an empty folder) and opens its page. */
    static HeadlessChromium launch(Path binary, Path profile) throws IOException, InterruptedException {
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Process process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + START.toNanos();
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (!process.isAlive()) {
                    throw new IOException(binary + " ended with exit code " + process.exitValue() + " before it"
                            + " listened; its output: " + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(binary + " wrote no " + portFile + " within " + START + "; its output: "
                            + tail(log));
                }
                Thread.sleep(50);
                lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
            }
            int port = Integer.parseInt(lines.getFirst().trim());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(COMMAND).build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = ((JArray) JsonReader.parse(targets)).items().stream().map(JObject.class::cast)
                    .filter(t -> text(t, "type").equals("page")).map(t -> text(t, "webSocketDebuggerUrl")).findFirst()
                    .orElseThrow(() -> new IOException("no page target in " + targets));
            return new HeadlessChromium(process, profile, http, URI.create(pageSocket));
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(process);
            throw e;
        }
    }

    private HeadlessChromium(Process process, Path profile, HttpClient http, URI pageSocket) {
        this.process = process;
        this.profile = profile;
        this.page = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(pageSocket, new Replies()).orTimeout(COMMAND.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Loads {@code url} and waits until its document has loaded ({@code document.readyState} is complete). */
    void navigate(String url) throws InterruptedException, TimeoutException {
        JObject result = command("Page.navigate", new JsonWriter().raw('{').name("url").string(url).raw('}').toString());
        if (result.get("errorText").isPresent()) {
            throw new IllegalStateException("navigating to " + url + " failed: " + text(result, "errorText"));
        }
        waitFor("document.readyState", "complete"::equals, COMMAND);
    }

    /**
     * The value of the JavaScript {@code expression} in the page, as text (a promise is awaited); an exception the
     * page throws is an {@link IllegalStateException} with its description.
     */
    String evaluate(String expression) throws InterruptedException, TimeoutException {
        JObject result = command("Runtime.evaluate", new JsonWriter().raw('{').name("expression").string(expression)
                .raw(',').name("returnByValue").raw("true").raw(',').name("awaitPromise").raw("true").raw('}').toString());
        Optional<JsonValue> thrown = result.get("exceptionDetails");
        if (thrown.isPresent()) {
            JObject details = (JObject) thrown.get();
            String what = details.get("exception").map(e -> text((JObject) e, "description")).orElse(text(details, "text"));
            throw new IllegalStateException("`" + expression + "` threw: " + what);
        }
        JObject value = (JObject) result.get("result").orElseThrow();
        return value.get("value").map(HeadlessChromium::text).orElse("undefined");
    }

    /** Evaluates {@code expression} every 50 ms until {@code until} accepts its value, and returns that value. */
    String waitFor(String expression, Predicate<String> until, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            last = evaluate(expression);
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new TimeoutException("`" + expression + "` was still " + last + " after " + timeout);
    }

    private JObject command(String method, String paramsJson) throws InterruptedException, TimeoutException {
        int id = ids.incrementAndGet();
        CompletableFuture<JObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        String message = new JsonWriter().raw('{').name("id").number(id).raw(',').name("method").string(method)
                .raw(',').name("params").raw(paramsJson).raw('}').toString();
        page.sendText(message, true).join();
        try {
            JObject answer = reply.get(COMMAND.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.get("error").isPresent()) {
                throw new IllegalStateException(method + " failed: " + answer.get("error").get());
            }
            return (JObject) answer.get("result").orElseThrow();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(method + " failed", e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    /** Completes the command each reply answers (events, which carry no id, are ignored). */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JObject message = (JObject) JsonReader.parse(partial.toString());
                partial.setLength(0);
                message.get("id").ifPresent(id -> {
                    CompletableFuture<JObject> reply = pending.get((int) ((JsonValue.JNumber) id).asLong());
                    if (reply != null) {
                        reply.complete(message);
                    }
                });
            }
            ws.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(r -> r.completeExceptionally(error));
        }
    }

    private static String text(JObject object, String key) {
        return object.get(key).map(HeadlessChromium::text).orElse("");
    }

    /** A string's text, a number as written, a boolean as true or false, anything else as JSON. */
    private static String text(JsonValue v) {
        return switch (v) {
            case JString s -> s.value();
            case JsonValue.JNumber n -> n.text();
            case JsonValue.JBool b -> String.valueOf(b.value());
            default -> JsonWriter.write(v);
        };
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void kill(Process process) {
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // gone or going: nothing else to do
        }
    }

    /** Ends the browser and every process it started, and removes its profile. */
    @Override
    public void close() {
        page.abort();
        kill(process);
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
