package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/http-counter's page in headless Chromium (driven over the DevTools protocol, {@link HeadlessChromium}):
 * a click on {@code #increment} changes {@code #count} through the websocket, and so does an increment made outside
 * the page, in the same document (no reload). Skipped, with the reason printed, where no Chromium is installed
 * ({@code .ci/run} installs Debian's {@code chromium} when it can; {@code THEATER_CHROMIUM} names another binary).
 */
class HttpCounterBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String COUNT = "document.getElementById('count').textContent";
    private static final String STATUS = "document.getElementById('status').textContent";

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @TempDir
    Path browserFiles;

    @Test
    @Timeout(300) // every wait below fails first
    void aClickChangesTheCountOnThePageThroughTheWebsocket() throws Exception {
        Optional<Path> chromium = HeadlessChromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), () -> {
            String named = System.getenv("THEATER_CHROMIUM");
            String reason = (named != null && !named.isBlank()
                    ? "THEATER_CHROMIUM=" + named + " is not an executable file"
                    : "no Chromium found (chromium, chromium-browser, google-chrome or google-chrome-stable on the PATH;"
                            + " THEATER_CHROMIUM may name one)") + ": the http-counter browser test is skipped";
            System.out.println("HttpCounterBrowserTest: " + reason);
            return reason;
        });
        try (HttpCounterRun run = new HttpCounterRun(home, HttpCounterRun.copyExample(folder));
                HeadlessChromium browser = HeadlessChromium.launch(chromium.get(), browserFiles.resolve("profile"))) {
            browser.navigate(run.url("/"));
            assertThat(browser.evaluate(COUNT)).isEqualTo("0");
            browser.waitFor(STATUS, "live"::equals, WAIT); // the websocket is open and the actor has it
            browser.evaluate("window.sameDocument = 'yes'"); // gone if the page reloaded

            browser.evaluate("document.getElementById('increment').click()");
            assertThat(browser.waitFor(COUNT, "1"::equals, WAIT)).isEqualTo("1");

            // an increment the page did not make reaches it only through the websocket
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create(run.url("/increment")))
                    .timeout(WAIT).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(outside.body()).startsWith("{\"count\":2,");
            assertThat(browser.waitFor(COUNT, "2"::equals, WAIT)).isEqualTo("2");
            assertThat(browser.evaluate("window.sameDocument")).isEqualTo("yes");
            assertThat(browser.evaluate("document.getElementById('at').textContent")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            run.stop();
        }
    }
}
