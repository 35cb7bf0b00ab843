package dev.theater.handler.store;

import static dev.theater.handler.store.StoreApp.command;
import static dev.theater.handler.store.StoreApp.ok;
import static dev.theater.handler.store.StoreApp.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.core.ActorRef;
import dev.theater.core.ActorStatus;
import dev.theater.handler.testing.ProbeCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error of the store functions reaches the guest as an {@code err} naming what it was about, changes nothing,
 * and leaves the actor running; hostile names never reach outside the store's folder.
 */
class StoreErrorsGuestTest {

    @TempDir
    Path root;

    private Path folder;
    private Path home;
    private StoreApp app;
    private ActorRef probe;
    private String id;

    @BeforeEach
    void start() throws IOException {
        folder = Files.createDirectories(root.resolve("app"));
        home = root.resolve("home");
        app = new StoreApp(folder, home);
        probe = app.probe("probe", "");
        id = ok(probe, "new");
    }

    @AfterEach
    void close() {
        app.close();
    }

    private static String sha256(String s) {
        return Names.sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final String NOT_AN_ID = " is not a store id (a store id is the 32 lowercase hex characters that new returned)";

    @Test
    void aMalformedOrUnknownStoreIdIsAnErrInEveryFunction() {
        String hash = sha256("x");
        String unknown = "f".repeat(32);
        for (String bad : new String[] {"../" + id.substring(3), "", "/", id.toUpperCase(), unknown}) {
            String why = bad.equals(unknown) ? "store '" + unknown + "' does not exist" : "'" + bad + "'" + NOT_AN_ID;
            assertThat(command(probe, "store", bad, "x")).containsExactly("store err " + why);
            assertThat(command(probe, "get", bad, hash)).containsExactly("get err " + why);
            assertThat(command(probe, "exists", bad, hash)).containsExactly("exists err " + why);
            assertThat(command(probe, "label", bad, "l", hash)).containsExactly("label err " + why);
            assertThat(command(probe, "get-by-label", bad, "l")).containsExactly("get-by-label err " + why);
            assertThat(command(probe, "remove-label", bad, "l")).containsExactly("remove-label err " + why);
            assertThat(command(probe, "remove-from-label", bad, "l", hash)).containsExactly("remove-from-label err " + why);
            assertThat(command(probe, "store-at-label", bad, "l", "x")).containsExactly("store-at-label err " + why);
            assertThat(command(probe, "replace-content-at-label", bad, "l", "x"))
                    .containsExactly("replace-content-at-label err " + why);
            assertThat(command(probe, "replace-at-label", bad, "l", hash)).containsExactly("replace-at-label err " + why);
            assertThat(command(probe, "list-labels", bad)).containsExactly("list-labels err " + why);
            assertThat(command(probe, "list-all-content", bad)).containsExactly("list-all-content err " + why);
            assertThat(command(probe, "calculate-total-size", bad)).containsExactly("calculate-total-size err " + why);
        }
        assertThat(one(probe, "get", "0".repeat(5000), hash)).isEqualTo("get err '" + "0".repeat(80) + "'...(5000 chars)"
                + NOT_AN_ID);
        assertThat(probe.status()).isEqualTo(ActorStatus.RUNNING);
    }

    @Test
    void missingContentUnknownLabelsAndMalformedRefsAreErrs() {
        String absent = sha256("absent");
        String hello = ok(probe, "store", id, "hello");
        assertThat(one(probe, "get", id, absent)).isEqualTo("get err content " + absent + " is not in store '" + id + "'");
        assertThat(one(probe, "label", id, "l", absent)).isEqualTo("label err content " + absent + " is not in store '"
                + id + "'");
        assertThat(one(probe, "replace-at-label", id, "l", absent)).isEqualTo("replace-at-label err content " + absent
                + " is not in store '" + id + "'");
        assertThat(one(probe, "remove-label", id, "l")).isEqualTo("remove-label err label 'l' is not in store '" + id + "'");
        assertThat(one(probe, "remove-from-label", id, "l", hello)).isEqualTo("remove-from-label err label 'l' is not in"
                + " store '" + id + "'");
        ok(probe, "label", id, "l", hello);
        assertThat(one(probe, "remove-from-label", id, "l", absent)).isEqualTo("remove-from-label err label 'l' in store '"
                + id + "' does not name content " + absent);
        for (String badRef : new String[] {"../../../etc/passwd", hello.toUpperCase(), hello.substring(1), ""}) {
            String why = "content ref '" + badRef + "' is not a SHA-256 hash (64 lowercase hex characters)";
            assertThat(one(probe, "get", id, badRef)).isEqualTo("get err " + why);
            assertThat(one(probe, "exists", id, badRef)).isEqualTo("exists err " + why);
            assertThat(one(probe, "label", id, "l", badRef)).isEqualTo("label err " + why);
            assertThat(one(probe, "remove-from-label", id, "l", badRef)).isEqualTo("remove-from-label err " + why);
            assertThat(one(probe, "replace-at-label", id, "l", badRef)).isEqualTo("replace-at-label err " + why);
        }
        assertThat(one(probe, "label", id, "", hello)).isEqualTo("label err a label may not be empty");
        assertThat(one(probe, "store-at-label", id, "", "x")).isEqualTo("store-at-label err a label may not be empty");
        String longLabel = "y".repeat(1025);
        assertThat(one(probe, "replace-content-at-label", id, longLabel, "x")).isEqualTo("replace-content-at-label err"
                + " label '" + "y".repeat(80) + "'...(1025 chars) is 1025 bytes long; a label is at most 1024 bytes (UTF-8)");
        assertThat(one(probe, "exists", id, sha256("x"))).isEqualTo("exists ok false"); // a bad label stored nothing
        assertThat(command(probe, "list-labels", id)).containsExactly("list-labels ok 1", "  l");
    }

    @Test
    void quotasAreErrsThatChangeNothing() {
        ActorRef small = app.probe("small", "max_bytes = 1000, max_content_bytes = 600");
        String sid = ok(small, "new");
        ok(small, "store-pattern", sid, "600", "1");
        assertThat(one(small, "store-pattern", sid, "601", "1")).isEqualTo("store err content of 601 bytes is more than"
                + " max_content_bytes = 600");
        assertThat(one(small, "store-pattern", sid, "401", "2")).isEqualTo("store err store '" + sid + "' holds 600 bytes;"
                + " adding 401 would make 1001, more than its quota max_bytes = 1000");
        assertThat(one(small, "store-at-label", sid, "l", "z".repeat(401))).isEqualTo("store-at-label err store '" + sid
                + "' holds 600 bytes; adding 401 would make 1001, more than its quota max_bytes = 1000");
        assertThat(one(small, "get-by-label", sid, "l")).isEqualTo("get-by-label ok none"); // the label was not touched
        assertThat(one(small, "calculate-total-size", sid)).isEqualTo("calculate-total-size ok 600");
        assertThat(app.storeFolder(sid).resolve("tmp")).isEmptyDirectory();
        // the quota is the writing actor's: a store grows past it through an actor allowed more
        String big = ok(probe, "store-pattern", sid, "800", "3");
        assertThat(one(small, "calculate-total-size", sid)).isEqualTo("calculate-total-size ok 1400");
        assertThat(one(small, "get", sid, big)).isEqualTo("get err content " + big + " in store '" + sid + "' is 800"
                + " bytes, more than max_content_bytes = 600");
        assertThat(one(probe, "get-pattern", sid, big, "800", "3")).isEqualTo("get ok 800 bytes match");
    }

    @Test
    void damagedFilesOnDiskAreErrsNamingThemNeverWrongBytes() throws Exception {
        String hash = ok(probe, "store-at-label", id, "notes", "hello");
        Path content = app.storeFolder(id).resolve("content").resolve(hash);
        Files.writeString(content, "hallo");
        assertThat(one(probe, "get", id, hash)).isEqualTo("get err content " + hash + " in store '" + id + "' is corrupt:"
                + " its 5 bytes hash to " + sha256("hallo"));
        Path label = app.storeFolder(id).resolve("labels").resolve(sha256("notes"));
        Files.writeString(label, Files.readString(label).replace("notes", "nates"));
        String corrupt = "label file labels/" + sha256("notes") + " in store '" + id + "' is corrupt: its checksum does"
                + " not match its contents";
        assertThat(one(probe, "get-by-label", id, "notes")).isEqualTo("get-by-label err " + corrupt);
        assertThat(one(probe, "list-labels", id)).isEqualTo("list-labels err " + corrupt);
        assertThat(one(probe, "remove-label", id, "notes")).isEqualTo("remove-label ok");
    }

    @Test
    void hostileNamesNeverBecomePathsAndNothingIsWrittenOutsideTheStore() throws Exception {
        String hash = ok(probe, "store", id, "x");
        List<String> labels = List.of("../../../../outside", "/etc/passwd", "a/b/c", "nul\0byte", "..", "\\..\\..",
                "line\nbreak", "ü".repeat(512));
        for (String label : labels) {
            assertThat(one(probe, "label", id, label, hash)).isEqualTo("label ok");
            assertThat(one(probe, "get-by-label", id, label)).isEqualTo("get-by-label ok " + hash);
        }
        List<String> listed = command(probe, "list-labels", id);
        assertThat(listed.getFirst()).isEqualTo("list-labels ok " + labels.size());
        assertThat(listed.subList(1, listed.size())).containsExactlyInAnyOrderElementsOf(labels.stream().map(l -> "  " + l)
                .toList());
        // a label that is not UTF-8 never reaches the handler: lifting it fails the call
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(("label" + ProbeCommands.SEP + id + ProbeCommands.SEP).getBytes(StandardCharsets.UTF_8));
        raw.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '/', '.', '.'});
        raw.writeBytes((ProbeCommands.SEP + hash).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> probe.send(raw.toByteArray()).get(30, TimeUnit.SECONDS))
                .hasMessageContaining("are not valid UTF-8");
        assertThat(probe.stopped().get(30, TimeUnit.SECONDS)).isEqualTo(ActorStatus.FAILED);
        // only the store's own files, anywhere under the temp root (and the runtime's chains and compile cache)
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.toList()) {
                String rel = root.relativize(p).toString();
                assertThat(rel).matches("|app(/[a-z-]+\\.(wasm|toml))?|home(/chains(/.*)?|/cache(/.*)?|/store(/" + id
                        + "(/(store\\.json|tmp|content|labels|(content|labels)/[0-9a-f]{64}))?)?)?");
            }
        }
        assertThat(Files.list(app.storeFolder(id).resolve("labels")).count()).isEqualTo(labels.size());
    }
}
