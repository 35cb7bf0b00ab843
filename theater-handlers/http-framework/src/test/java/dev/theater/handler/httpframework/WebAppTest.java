package dev.theater.handler.httpframework;

import dev.theater.handler.testing.Logs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the http-framework tests that drive web-probe share: an app folder and a home (both temporary), a {@link WebApp}
 * built before each test with {@link #logs} listening to every chain, and closed after it (its servers with it).
 */
abstract class WebAppTest {

    @TempDir
    Path folder;
    @TempDir
    Path home;
    final Logs logs = new Logs();
    WebApp app;

    @BeforeEach
    final void startTheater() {
        app = new WebApp(folder, home, b -> b.chainListeners(logs));
    }

    @AfterEach
    final void closeTheater() {
        app.close();
    }
}
