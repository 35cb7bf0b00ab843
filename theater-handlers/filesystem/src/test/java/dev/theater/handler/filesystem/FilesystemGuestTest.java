package dev.theater.handler.filesystem;

import static dev.theater.handler.filesystem.FsApp.command;
import static dev.theater.handler.filesystem.FsApp.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainEvent;
import dev.theater.core.ActorRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code theater:simple/filesystem} function through the real fs-probe guest (test-actors/fs-probe, contract in
 * test-actors/README.md) against real files, with what the guest sees, what is on disk and what the chain records.
 */
class FilesystemGuestTest {

    @TempDir
    Path folder;
    @TempDir
    Path home;

    private FsApp app;
    private ActorRef probe;
    private Path data;

    @BeforeEach
    void start() {
        app = new FsApp(folder, home);
        probe = app.probe("probe", "path = \"data\", new_dir = true"); // the seed's example config
        data = folder.resolve("data");
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void theSeedConfigCreatesTheFolderAndEveryFileFunctionWorks() throws Exception {
        assertThat(FsApp.logs(probe)).containsExactly("fs-probe probe");
        assertThat(data).isDirectory().isEmptyDirectory();

        assertThat(one(probe, "create-dir", "notes/2024/jan")).isEqualTo("create-dir ok");
        assertThat(data.resolve("notes/2024/jan")).isDirectory();
        assertThat(one(probe, "create-dir", "notes/2024/jan")).isEqualTo("create-dir ok"); // already there: fine
        assertThat(one(probe, "write", "notes/2024/jan/a.txt", "hello, file")).isEqualTo("write-file ok");
        assertThat(data.resolve("notes/2024/jan/a.txt")).hasContent("hello, file");
        assertThat(one(probe, "read", "notes/2024/jan/a.txt")).isEqualTo("read-file ok hello, file");
        assertThat(one(probe, "read", "./notes//2024/./jan/a.txt")).isEqualTo("read-file ok hello, file");

        assertThat(one(probe, "write", "notes/2024/jan/a.txt", "replaced")).isEqualTo("write-file ok");
        assertThat(data.resolve("notes/2024/jan/a.txt")).hasContent("replaced");
        assertThat(one(probe, "write", "notes/b.txt", "")).isEqualTo("write-file ok");
        assertThat(data.resolve("notes/b.txt")).isEmptyFile();
        assertThat(one(probe, "read", "notes/b.txt")).isEqualTo("read-file ok");
        Files.writeString(data.resolve("notes/c ü.txt"), "from outside the actor");
        assertThat(command(probe, "list", "notes")).containsExactly("list-files ok 3", "  2024", "  b.txt", "  c ü.txt");
        assertThat(command(probe, "list", "")).containsExactly("list-files ok 1", "  notes");
        assertThat(command(probe, "list", ".")).containsExactly("list-files ok 1", "  notes");
        assertThat(command(probe, "list", "notes/2024/jan")).containsExactly("list-files ok 1", "  a.txt");

        assertThat(one(probe, "exists", "notes/b.txt")).isEqualTo("path-exists ok true");
        assertThat(one(probe, "exists", "notes/2024")).isEqualTo("path-exists ok true");
        assertThat(one(probe, "exists", "")).isEqualTo("path-exists ok true");
        assertThat(one(probe, "exists", "notes/missing.txt")).isEqualTo("path-exists ok false");
        assertThat(one(probe, "exists", "missing/deeper/still")).isEqualTo("path-exists ok false");
        assertThat(one(probe, "exists", "notes/b.txt/under-a-file")).isEqualTo("path-exists ok false");

        assertThat(one(probe, "delete-file", "notes/b.txt")).isEqualTo("delete-file ok");
        assertThat(data.resolve("notes/b.txt")).doesNotExist();
        assertThat(one(probe, "exists", "notes/b.txt")).isEqualTo("path-exists ok false");

        assertThat(one(probe, "delete-dir", "notes")).isEqualTo("delete-dir ok"); // and everything in it
        assertThat(data).isEmptyDirectory();
        assertThat(command(probe, "list", "")).containsExactly("list-files ok 0");
    }

    @Test
    void largeFilesRoundTripAndTheWriteLeavesNoTemporaryFile() throws Exception {
        assertThat(one(probe, "write-pattern", "big.bin", "3000000")).isEqualTo("write-file ok");
        assertThat(Files.size(data.resolve("big.bin"))).isEqualTo(3_000_000);
        assertThat(one(probe, "read-size", "big.bin")).isEqualTo("read-file ok 3000000 bytes, pattern yes");
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("big.bin");
        }
    }

    @Test
    void everyCallIsRecordedAndLargeContentBySizeAndHash() throws Exception {
        app.close();
        app = new FsApp(folder, home, b -> b.chainPayloadLimit(1024));
        probe = app.probe("probe", "path = \"data\", new_dir = true");
        one(probe, "write", "small.txt", "tiny");
        one(probe, "read", "small.txt");
        one(probe, "write-pattern", "large.txt", "5000");
        one(probe, "read-size", "large.txt");
        one(probe, "exists", "small.txt");
        List<ChainEvent> calls = probe.chain().stream()
                .filter(e -> e.eventType().startsWith("theater:simple/filesystem/")).toList();
        assertThat(calls).extracting(ChainEvent::eventType).containsExactly("theater:simple/filesystem/write-file",
                "theater:simple/filesystem/read-file", "theater:simple/filesystem/write-file",
                "theater:simple/filesystem/read-file", "theater:simple/filesystem/path-exists");
        String large = sha256(Files.readAllBytes(data.resolve("large.txt")));
        assertThat(calls.get(0).dataAsString()).isEqualTo("{\"args\":{\"path\":\"small.txt\",\"content\":\"tiny\"},"
                + "\"result\":{\"ok\":null}}");
        assertThat(calls.get(1).dataAsString()).isEqualTo("{\"args\":{\"path\":\"small.txt\"},\"result\":{\"ok\":"
                + "\"tiny\"}}"); // bytes that are UTF-8 as text
        assertThat(calls.get(2).dataAsString()).isEqualTo("{\"args\":{\"path\":\"large.txt\",\"content\":{\"size\":5000,"
                + "\"sha256\":\"" + large + "\"}},\"result\":{\"ok\":null}}");
        assertThat(calls.get(3).dataAsString()).isEqualTo("{\"args\":{\"path\":\"large.txt\"},\"result\":{\"ok\":"
                + "{\"size\":5000,\"sha256\":\"" + large + "\"}}}");
        assertThat(calls.get(4).dataAsString()).isEqualTo("{\"args\":{\"path\":\"small.txt\"},\"result\":{\"ok\":true}}");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void readOnlyAllowsReadingAndListing() throws Exception {
        Files.writeString(data.resolve("r.txt"), "read me");
        ActorRef reader = app.probe("reader", "path = \"data\", read_only = true");
        assertThat(one(reader, "read", "r.txt")).isEqualTo("read-file ok read me");
        assertThat(command(reader, "list", "")).containsExactly("list-files ok 1", "  r.txt");
        assertThat(one(reader, "exists", "r.txt")).isEqualTo("path-exists ok true");
    }

    @Test
    void twoActorsWithTheSameFolderSeeEachOthersFiles() {
        ActorRef other = app.probe("other", "path = \"data\"");
        assertThat(one(probe, "write", "shared.txt", "from probe")).isEqualTo("write-file ok");
        assertThat(one(other, "read", "shared.txt")).isEqualTo("read-file ok from probe");
    }
}
