package dev.theater.handler.filesystem;

import static dev.theater.handler.filesystem.FsApp.command;
import static dev.theater.handler.filesystem.FsApp.one;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escape suite: attempts to reach outside the granted folder, each through the real fs-probe guest, every one an
 * {@code err} that says it was refused, while sentinel files outside the folder (and the manifest's folder above it)
 * are never read, changed or joined by new files: their content, size and mtime are compared before and after, and
 * no guest line carries their content. Then a symbolic link swapped in and out while the guest reads and writes.
 */
class FilesystemEscapeTest {

    static final String SECRET = "SENTINEL-SECRET-d41d8cd9";

    @TempDir
    Path base;
    @TempDir
    Path home;

    private Path app;
    private Path data;
    private Path outside;
    private FsApp fs;
    private ServerSocketChannel socket;

    @BeforeEach
    void layout() throws Exception {
        app = Files.createDirectories(base.resolve("app"));
        data = Files.createDirectories(app.resolve("data"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("dir/victim.txt"), SECRET + "-victim");
        Files.writeString(app.resolve("beside-the-root.txt"), SECRET + "-beside");

        Files.writeString(data.resolve("inside.txt"), "inside");
        Files.createDirectories(data.resolve("sub"));
        Files.createSymbolicLink(data.resolve("link-out"), Path.of("../../outside/secret.txt"));
        Files.createSymbolicLink(data.resolve("link-dir-out"), Path.of("../../outside"));
        Files.createSymbolicLink(data.resolve("link-abs"), outside.resolve("secret.txt").toAbsolutePath());
        Files.createSymbolicLink(data.resolve("link-in"), Path.of("inside.txt"));
        Files.createSymbolicLink(data.resolve("sub/link-up"), Path.of(".."));
        Files.createLink(data.resolve("hard"), outside.resolve("secret.txt"));
        Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("fifo").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(data.resolve("socket")));
        fs = new FsApp(app, home);
    }

    @AfterEach
    void close() throws Exception {
        fs.close();
        socket.close();
    }

    /** Everything outside the granted folder: path to kind, size, mtime and content. */
    private Map<String, String> sentinels() throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.filter(p -> !p.startsWith(data)).toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String content = a.isRegularFile() && !p.toString().endsWith(".wasm") ? Files.readString(p) : "";
                all.put(base.relativize(p).toString(), (a.isDirectory() ? "dir " : "file ") + a.size() + " "
                        + a.lastModifiedTime().toMillis() + " " + content);
            }
        }
        return all;
    }

    record Attempt(String function, String... fields) {}

    private List<Attempt> attempts() {
        String secretAbs = outside.resolve("secret.txt").toAbsolutePath().toString();
        List<Attempt> list = new ArrayList<>();
        String[] escapes = {"../outside/secret.txt", secretAbs, "~/outside/secret.txt", "sub/../../outside/secret.txt",
            "inside.txt\0../../outside/secret.txt", "link-dir-out/secret.txt", "..\\outside\\secret.txt"};
        for (String p : escapes) {
            list.add(new Attempt("read-file", "read", p));
            list.add(new Attempt("write-file", "write", p, "PWNED"));
            list.add(new Attempt("list-files", "list", p));
            list.add(new Attempt("delete-file", "delete-file", p));
            list.add(new Attempt("create-dir", "create-dir", p));
            list.add(new Attempt("delete-dir", "delete-dir", p));
            list.add(new Attempt("path-exists", "exists", p));
        }
        for (String p : new String[] {"link-out", "link-abs", "link-in", "hard", "fifo", "socket", "sub/link-up/inside.txt"}) {
            list.add(new Attempt("read-file", "read", p));
            list.add(new Attempt("write-file", "write", p, "PWNED"));
            list.add(new Attempt("path-exists", "exists", p));
        }
        list.add(new Attempt("list-files", "list", "link-dir-out"));
        list.add(new Attempt("list-files", "list", "sub/link-up"));
        list.add(new Attempt("delete-dir", "delete-dir", "link-dir-out"));
        list.add(new Attempt("delete-dir", "delete-dir", "sub/link-up"));
        list.add(new Attempt("create-dir", "create-dir", "link-dir-out/new"));
        list.add(new Attempt("write-file", "write", "link-dir-out/new.txt", "PWNED"));
        list.add(new Attempt("delete-file", "delete-file", "link-dir-out/dir/victim.txt"));
        list.add(new Attempt("delete-dir", "delete-dir", ""));
        list.add(new Attempt("delete-dir", "delete-dir", "."));
        list.add(new Attempt("read-file", "read", "a/".repeat(2100) + "x"));          // over 4096 bytes
        list.add(new Attempt("write-file", "write", "n".repeat(300), "PWNED"));    // a name over 255 bytes
        list.add(new Attempt("create-dir", "create-dir", "d/".repeat(200)));        // over 128 names
        list.add(new Attempt("write-file", "write", ".theater-tmp-0123", "PWNED")); // the handler's own names
        list.add(new Attempt("read-file", "read", "sub/../inside.txt"));            // '..' even when it stays inside
        list.add(new Attempt("read-file", "read", "/etc/passwd"));
        list.add(new Attempt("read-file", "read", "~root/.ssh/id_rsa"));
        for (String command : new String[] {"sh", "/bin/sh", "bash", "ls;cat", "ls ", "/usr/bin/ls", "LS", "../../bin/ls"}) {
            list.add(new Attempt("execute-command", "exec", ".", command, "-c", "cat ../../outside/secret.txt"));
        }
        for (String dir : new String[] {"../outside", outside.toAbsolutePath().toString(), "link-dir-out", "~",
            "sub/link-up", "fifo"}) {
            list.add(new Attempt("execute-command", "exec", dir, "ls"));
        }
        return list;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyEscapeIsRefusedAndNothingOutsideIsReadChangedOrCreated() throws Exception {
        ActorRef probe = fs.probe("probe", "path = \"data\", allowed_commands = [\"ls\", \"cat\"]");
        ActorRef noCommands = fs.probe("plain", "path = \"data\"");
        ActorRef readOnly = fs.probe("reader", "path = \"data\", read_only = true");
        Map<String, String> before = sentinels(); // after the manifests are written
        List<Attempt> attempts = attempts();
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Attempt a : attempts) {
            check(probe, a, problems, seen);
        }
        check(noCommands, new Attempt("execute-command", "exec", ".", "ls"), problems, seen);
        for (String[] write : new String[][] {{"write", "inside.txt", "PWNED"}, {"delete-file", "inside.txt"},
            {"create-dir", "newdir"}, {"delete-dir", "sub"}}) {
            String fn = write[0].equals("write") ? "write-file" : write[0];
            check(readOnly, new Attempt(fn, write), problems, seen);
        }
        assertThat(problems).isEmpty();
        assertThat(seen).as("attempts").hasSizeGreaterThanOrEqualTo(60);
        assertThat(String.join("\n", seen)).doesNotContain(SECRET);
        assertThat(sentinels()).isEqualTo(before);
        // the folder's own files are as they were too: no link was replaced, nothing written through one
        assertThat(data.resolve("inside.txt")).hasContent("inside");
        assertThat(Files.isSymbolicLink(data.resolve("link-out"))).isTrue();
        assertThat(Files.isSymbolicLink(data.resolve("link-dir-out"))).isTrue();
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("inside.txt", "sub",
                    "link-out", "link-dir-out", "link-abs", "link-in", "hard", "fifo", "socket");
        }
    }

    private static void check(ActorRef actor, Attempt a, List<String> problems, List<String> seen) {
        List<String> lines = command(actor, a.fields());
        String line = lines.isEmpty() ? "(nothing)" : lines.getFirst();
        seen.add(line);
        if (lines.size() != 1 || !line.startsWith(a.function() + " err ") || !line.contains(": refused: ")) {
            problems.add(String.join(" | ", a.fields()).replace('\0', '0') + " -> " + lines);
        }
    }

    @Test
    void theRefusalsSayWhy() throws Exception {
        ActorRef probe = fs.probe("probe", "path = \"data\"");
        assertThat(one(probe, "read", "../outside/secret.txt")).isEqualTo("read-file err read-file"
                + " \"../outside/secret.txt\": refused: '..' is not allowed; paths stay inside the granted folder");
        assertThat(one(probe, "read", "link-out")).isEqualTo("read-file err read-file \"link-out\": refused:"
                + " \"link-out\" is a symbolic link");
        assertThat(one(probe, "write", "link-dir-out/x", "y")).isEqualTo("write-file err write-file \"link-dir-out/x\":"
                + " refused: \"link-dir-out\" is a symbolic link");
        assertThat(one(probe, "read", "hard")).isEqualTo("read-file err read-file \"hard\": refused: the file has 2 hard"
                + " links; a file with other names may be one outside the granted folder");
        assertThat(one(probe, "read", "fifo")).isEqualTo("read-file err read-file \"fifo\": refused: \"fifo\" is a"
                + " special file (a FIFO, socket or device)");
        assertThat(one(probe, "read", "a\0b")).isEqualTo("read-file err read-file \"a\\x00b\": refused: it contains"
                + " a NUL byte");
        assertThat(one(probe, "exists", "/etc")).isEqualTo("path-exists err path-exists \"/etc\": refused: it is"
                + " absolute; paths are relative to the granted folder");
        assertThat(one(probe, "exists", "~")).isEqualTo("path-exists err path-exists \"~\": refused: '~' is not a"
                + " home folder here; paths are relative to the granted folder");
        assertThat(one(probe, "read", "x".repeat(300))).startsWith("read-file err read-file \"" + "x".repeat(80)
                + "\"…: refused: a name in it is longer than 255 bytes");
        assertThat(one(probe, "exec", ".", "sh", "-c", "id")).isEqualTo("execute-command err execute-command \"sh\":"
                + " refused: no command is allowed (allowed_commands is empty)");
    }

    @Test
    void deletingALinkRemovesTheLinkNeverItsTarget() throws Exception {
        ActorRef probe = fs.probe("probe", "path = \"data\"");
        Map<String, String> before = sentinels();
        assertThat(one(probe, "delete-file", "link-out")).isEqualTo("delete-file ok");
        assertThat(one(probe, "delete-file", "hard")).isEqualTo("delete-file ok");
        Files.createSymbolicLink(data.resolve("sub/out"), Path.of("../../../outside"));
        assertThat(one(probe, "delete-dir", "sub")).isEqualTo("delete-dir ok"); // the link inside goes, not outside/
        assertThat(data.resolve("link-out")).doesNotExist();
        assertThat(data.resolve("sub")).doesNotExist();
        assertThat(sentinels()).isEqualTo(before);
    }

    /**
     * A link swapped in for a folder between the check and the use (the time-of-check-to-time-of-use race): a thread
     * flips {@code swap} between a real folder and a link to {@code outside} while the guest reads and writes through
     * it. Each call sees the real folder or is refused; nothing outside is read or written.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aLinkSwappedInBetweenCheckAndUseIsNeverFollowed() throws Exception {
        Path real = Files.createDirectories(data.resolve("parked-real"));
        Files.writeString(real.resolve("secret.txt"), "inside-copy");
        Path link = Files.createSymbolicLink(data.resolve("parked-link"), Path.of("../../outside"));
        Path swap = data.resolve("swap");
        Files.move(real, swap);
        ActorRef probe = fs.probe("probe", "path = \"data\"");
        Map<String, String> before = sentinels();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread swapper = Thread.ofPlatform().start(() -> {
            try {
                while (running.get()) {
                    Files.move(swap, real, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, swap, StandardCopyOption.ATOMIC_MOVE);
                    Thread.onSpinWait();
                    Files.move(swap, link, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(real, swap, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        int ok = 0;
        int refused = 0;
        List<String> wrong = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String read = one(probe, "read", "swap/secret.txt");
                String write = one(probe, "write", "swap/written-" + i + ".txt", "PWNED");
                String list = command(probe, "list", "swap").getFirst();
                for (String line : List.of(read, write, list)) {
                    if (line.equals("read-file ok inside-copy") || line.equals("write-file ok") || line.startsWith("list-files ok")) {
                        ok++;
                    } else if (line.contains(" err ") && (line.contains("refused") || line.contains("does not exist"))) {
                        refused++;
                    } else {
                        wrong.add(line);
                    }
                }
            }
        } finally {
            running.set(false);
            swapper.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(ok + refused).isEqualTo(600);
        assertThat(refused).as("some calls met the link").isPositive();
        assertThat(sentinels()).isEqualTo(before);
        assertThat(FsApp.logs(probe).toString()).doesNotContain(SECRET);
    }
}
