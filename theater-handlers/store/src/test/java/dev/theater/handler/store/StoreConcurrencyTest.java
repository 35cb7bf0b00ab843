package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several real actors write one store at once, each on its own thread: the same content at the same label, and
 * contents of their own at two labels. Nothing is lost (every label names every content added to it, once) and
 * nothing is corrupt.
 */
class StoreConcurrencyTest {

    static final int ACTORS = 6;
    static final int ROUNDS = 25;

    @TempDir
    Path folder;
    @TempDir
    Path home;

    @Test
    void actorsWritingOneStoreAtOnceLoseNothingAndCorruptNothing() throws Exception {
        try (StoreApp app = new StoreApp(folder, home)) {
            ActorRef first = app.writer("w0", Optional.empty());
            String state = new String(first.state().orElseThrow(), StandardCharsets.UTF_8);
            String id = state.substring("{\"store\":\"".length(), state.length() - 2);
            List<ActorRef> writers = new ArrayList<>(List.of(first));
            for (int a = 1; a < ACTORS; a++) {
                writers.add(app.writer("w" + a, Optional.of(id)));
            }
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int a = 0; a < ACTORS; a++) {
                running.add(writers.get(a).send(("hammer t" + a + " " + ROUNDS).getBytes(StandardCharsets.UTF_8)));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            for (ActorRef w : writers) {
                assertThat(StoreApp.logs(w)).endsWith("hammer done t" + w.id().substring(1));
            }

            Set<String> own = new HashSet<>();
            long ownBytes = 0;
            for (int a = 0; a < ACTORS; a++) {
                for (int k = 0; k < ROUNDS; k++) {
                    byte[] bytes = ("hammer t" + a + " " + k).getBytes(StandardCharsets.UTF_8);
                    own.add(Names.sha256Hex(bytes));
                    ownBytes += bytes.length;
                }
            }
            String common = Names.sha256Hex("common".getBytes(StandardCharsets.UTF_8));
            StoreCheck check = StoreCheck.of(home.resolve("store"), id);
            assertThat(check.problems()).isEmpty();
            assertThat(check.labels().keySet()).containsExactly("all", "shared");
            assertThat(check.labels().get("all")).hasSize(ACTORS * ROUNDS).containsExactlyInAnyOrderElementsOf(own);
            Set<String> shared = new HashSet<>(own);
            shared.add(common);
            assertThat(check.labels().get("shared")).hasSize(ACTORS * ROUNDS + 1).containsExactlyInAnyOrderElementsOf(shared);
            assertThat(check.contents()).containsExactlyInAnyOrderElementsOf(shared);
            assertThat(check.bytes()).isEqualTo(ownBytes + "common".length());
            // the runtime's own count agrees with the disk
            ActorRef probe = app.probe("probe", "");
            assertThat(StoreApp.one(probe, "calculate-total-size", id)).isEqualTo("calculate-total-size ok "
                    + (ownBytes + "common".length()));
        }
    }
}
