package dev.theater.handler.store;

import static dev.theater.handler.store.StoreApp.command;
import static dev.theater.handler.store.StoreApp.ok;
import static dev.theater.handler.store.StoreApp.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code theater:simple/store} function through a real guest (test-actors/store-probe, contract in
 * test-actors/README.md), with the results a guest sees and what the chain records.
 */
class StoreGuestTest {

    @TempDir
    Path folder;
    @TempDir
    Path home;

    private StoreApp app;
    private ActorRef probe;

    @BeforeEach
    void start() {
        app = new StoreApp(folder, home);
        probe = app.probe("probe", "");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static String sha256(String s) {
        return Names.sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFunctionDoesWhatTheWitSays() {
        assertThat(StoreApp.logs(probe)).containsExactly("store-probe probe");
        String id = ok(probe, "new");
        assertThat(id).matches("[0-9a-f]{32}");
        String hello = ok(probe, "store", id, "hello");
        assertThat(hello).isEqualTo(sha256("hello"));
        assertThat(ok(probe, "store", id, "hello")).isEqualTo(hello); // the same bytes again: the same ref
        assertThat(one(probe, "get", id, hello)).isEqualTo("get ok hello");
        assertThat(one(probe, "exists", id, hello)).isEqualTo("exists ok true");
        assertThat(one(probe, "exists", id, sha256("nothing"))).isEqualTo("exists ok false");

        assertThat(one(probe, "get-by-label", id, "notes")).isEqualTo("get-by-label ok none");
        assertThat(one(probe, "label", id, "notes", hello)).isEqualTo("label ok");
        assertThat(ok(probe, "get-by-label", id, "notes")).isEqualTo(hello);
        String world = ok(probe, "store-at-label", id, "notes", "world");
        assertThat(world).isEqualTo(sha256("world"));
        assertThat(ok(probe, "get-by-label", id, "notes")).isEqualTo(world); // the latest added
        assertThat(one(probe, "remove-from-label", id, "notes", world)).isEqualTo("remove-from-label ok");
        assertThat(ok(probe, "get-by-label", id, "notes")).isEqualTo(hello);

        String again = ok(probe, "replace-content-at-label", id, "pinned", "again");
        assertThat(ok(probe, "get-by-label", id, "pinned")).isEqualTo(again);
        assertThat(one(probe, "replace-at-label", id, "pinned", hello)).isEqualTo("replace-at-label ok");
        assertThat(ok(probe, "get-by-label", id, "pinned")).isEqualTo(hello);
        assertThat(one(probe, "label", id, "pinned", world)).isEqualTo("label ok");

        assertThat(command(probe, "list-labels", id)).containsExactly("list-labels ok 2", "  notes", "  pinned");
        assertThat(command(probe, "list-all-content", id)).containsExactlyElementsOf(Stream.concat(
                Stream.of("list-all-content ok 3"), Stream.of(hello, world, again).sorted().map(h -> "  " + h)).toList());
        assertThat(one(probe, "calculate-total-size", id)).isEqualTo("calculate-total-size ok 15");

        assertThat(one(probe, "remove-label", id, "notes")).isEqualTo("remove-label ok");
        assertThat(one(probe, "get-by-label", id, "notes")).isEqualTo("get-by-label ok none");
        assertThat(command(probe, "list-labels", id)).containsExactly("list-labels ok 1", "  pinned");
        assertThat(one(probe, "get", id, hello)).isEqualTo("get ok hello"); // content outlives its labels
    }

    @Test
    void theStoreAndItsLabelsOutliveTheRuntime() {
        String id = ok(probe, "new");
        String hash = ok(probe, "store-at-label", id, "kept", "across restarts");
        app.close();
        app = new StoreApp(folder, home);
        ActorRef again = app.probe("again", "");
        assertThat(ok(again, "get-by-label", id, "kept")).isEqualTo(hash);
        assertThat(one(again, "get", id, hash)).isEqualTo("get ok across restarts");
        assertThat(one(again, "calculate-total-size", id)).isEqualTo("calculate-total-size ok 15");
    }

    @Test
    void everyCallIsRecordedAndLargeContentAsItsContentRef() throws Exception {
        app.close();
        app = new StoreApp(folder, home, b -> b.chainPayloadLimit(1024));
        probe = app.probe("probe", "");
        String id = ok(probe, "new");
        String small = ok(probe, "store-pattern", id, "1024", "3");
        String large = ok(probe, "store-pattern", id, "1048576", "5");
        assertThat(one(probe, "get-pattern", id, large, "1048576", "5")).isEqualTo("get ok 1048576 bytes match");
        List<ChainEvent> calls = probe.chain().stream().filter(e -> e.eventType().startsWith("theater:simple/store/"))
                .toList();
        assertThat(calls).extracting(ChainEvent::eventType).containsExactly("theater:simple/store/new",
                "theater:simple/store/store", "theater:simple/store/store", "theater:simple/store/get");
        assertThat(calls.get(0).dataAsString()).isEqualTo("{\"args\":{},\"result\":{\"ok\":\"" + id + "\"}}");
        // up to the limit in full (the pattern bytes are not UTF-8: base64) ...
        assertThat(calls.get(1).dataAsString()).startsWith("{\"args\":{\"store-id\":\"" + id + "\",\"content\":{\"base64\":\"")
                .endsWith("\"}},\"result\":{\"ok\":{\"hash\":\"" + small + "\"}}}");
        // ... past it as size and SHA-256, which is the content ref: the chain names the content in the store
        assertThat(calls.get(2).dataAsString()).isEqualTo("{\"args\":{\"store-id\":\"" + id + "\",\"content\":{\"size\":"
                + "1048576,\"sha256\":\"" + large + "\"}},\"result\":{\"ok\":{\"hash\":\"" + large + "\"}}}");
        assertThat(calls.get(3).dataAsString()).isEqualTo("{\"args\":{\"store-id\":\"" + id + "\",\"content-ref\":{\"hash\":\""
                + large + "\"}},\"result\":{\"ok\":{\"size\":1048576,\"sha256\":\"" + large + "\"}}}");
        assertThat(Files.size(app.storeFolder(id).resolve("content").resolve(large))).isEqualTo(1048576);
    }

    @Test
    void storeIdsAreCapabilitiesAnActorUsesAnothersStoreOnlyWithItsId() {
        ActorRef other = app.probe("other", "");
        String id = ok(probe, "new");
        ok(probe, "store-at-label", id, "mine", "secret");
        // 128 random bits: never the same twice, nothing to guess from
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(ok(probe, "new"));
        }
        assertThat(ids).hasSize(20).allMatch(s -> s.matches("[0-9a-f]{32}")).doesNotContain(id);
        String guess = "0".repeat(32);
        assertThat(one(other, "list-labels", guess)).isEqualTo("list-labels err store '" + guess + "' does not exist");
        // passed its id (here by probe, through message-server), the other actor can use the store
        assertThat(one(probe, "share", "other", id)).isEqualTo("share ok");
        List<String> otherLogs = awaitLines(other, 3);
        assertThat(otherLogs.subList(otherLogs.size() - 2, otherLogs.size())).containsExactly("list-labels ok 1", "  mine");
        assertThat(one(other, "get", id, sha256("secret"))).isEqualTo("get ok secret");
    }

    private static List<String> awaitLines(ActorRef actor, int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (StoreApp.logs(actor).size() < count + 1) { // + its init line
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + actor.id() + "' logged only " + StoreApp.logs(actor));
            }
            Thread.onSpinWait();
        }
        return StoreApp.logs(actor);
    }

    @Test
    void configPathPutsAnActorsStoresUnderItsManifestFolder() throws Exception {
        ActorRef local = app.probe("local", "path = \"data/stores\"");
        String id = ok(local, "new");
        ok(local, "store", id, "here");
        assertThat(folder.resolve("data/stores").resolve(id).resolve("content").resolve(sha256("here"))).hasContent("here");
        assertThat(Files.exists(home.resolve("store").resolve(id))).isFalse();
        // the id names a store in the actor's own stores folder: elsewhere it does not exist
        assertThat(one(probe, "get", id, sha256("here"))).isEqualTo("get err store '" + id + "' does not exist");
    }
}
