package dev.theater.handler.filesystem;

import static dev.theater.handler.filesystem.FsApp.command;
import static dev.theater.handler.filesystem.FsApp.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.core.ActorRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code err} of every function, every config failure at start, and {@code execute-command} (no shell, its
 * folder, its environment, exit codes, output caps, the timeout that kills the tree, a command that cannot start),
 * all through the real fs-probe guest, whole messages asserted.
 */
class FilesystemErrorsGuestTest {

    @TempDir
    Path folder;
    @TempDir
    Path home;

    private FsApp app;
    private Path data;

    @BeforeEach
    void start() throws Exception {
        app = new FsApp(folder, home);
        data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("f.txt"), "12345678901234567890");
        Files.createDirectories(data.resolve("sub"));
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void everyFileFunctionsErrors() {
        ActorRef p = app.probe("probe", "path = \"data\", max_file_bytes = 10");
        assertThat(one(p, "read", "nope.txt")).isEqualTo("read-file err read-file \"nope.txt\": \"nope.txt\" does not exist");
        assertThat(one(p, "read", "no/such.txt")).isEqualTo("read-file err read-file \"no/such.txt\": \"no\" does not exist");
        assertThat(one(p, "read", "sub")).isEqualTo("read-file err read-file \"sub\": it is a folder, not a file");
        assertThat(one(p, "read", "")).isEqualTo("read-file err read-file \"\": the granted folder itself is not a file");
        assertThat(one(p, "read", "f.txt")).isEqualTo("read-file err read-file \"f.txt\": the file is 20 bytes, more"
                + " than max_file_bytes = 10");
        assertThat(one(p, "read", "f.txt/x")).isEqualTo("read-file err read-file \"f.txt/x\": \"f.txt\" is a file, not a folder");

        assertThat(one(p, "write", "x.txt", "12345678901")).isEqualTo("write-file err write-file \"x.txt\": the content"
                + " is 11 bytes, more than max_file_bytes = 10");
        assertThat(one(p, "write", "sub", "x")).isEqualTo("write-file err write-file \"sub\": it is a folder, not a file");
        assertThat(one(p, "write", "no/x.txt", "x")).isEqualTo("write-file err write-file \"no/x.txt\": \"no\" does not exist");
        assertThat(one(p, "write", "f.txt/x", "x")).isEqualTo("write-file err write-file \"f.txt/x\": \"f.txt\" is a file,"
                + " not a folder");
        assertThat(one(p, "write", ".", "x")).isEqualTo("write-file err write-file \".\": the granted folder itself is not"
                + " a file");

        assertThat(one(p, "list", "nope")).isEqualTo("list-files err list-files \"nope\": \"nope\" does not exist");
        assertThat(one(p, "list", "f.txt")).isEqualTo("list-files err list-files \"f.txt\": \"f.txt\" is a file, not a folder");

        assertThat(one(p, "delete-file", "nope")).isEqualTo("delete-file err delete-file \"nope\": \"nope\" does not exist");
        assertThat(one(p, "delete-file", "sub")).isEqualTo("delete-file err delete-file \"sub\": it is a folder; use delete-dir");
        assertThat(one(p, "delete-file", "")).isEqualTo("delete-file err delete-file \"\": the granted folder itself is not"
                + " a file");

        assertThat(one(p, "create-dir", "f.txt")).isEqualTo("create-dir err create-dir \"f.txt\": \"f.txt\" is a file, not"
                + " a folder");
        assertThat(one(p, "create-dir", "f.txt/sub")).isEqualTo("create-dir err create-dir \"f.txt/sub\": \"f.txt\" is a"
                + " file, not a folder");

        assertThat(one(p, "delete-dir", "nope")).isEqualTo("delete-dir err delete-dir \"nope\": \"nope\" does not exist");
        assertThat(one(p, "delete-dir", "f.txt")).isEqualTo("delete-dir err delete-dir \"f.txt\": \"f.txt\" is a file, not"
                + " a folder");
        assertThat(one(p, "delete-dir", "")).isEqualTo("delete-dir err delete-dir \"\": refused: the granted folder itself"
                + " cannot be deleted");
        assertThat(one(p, "exists", "a/../b")).isEqualTo("path-exists err path-exists \"a/../b\": refused: '..' is not"
                + " allowed; paths stay inside the granted folder");
        // nothing was changed by any of them
        assertThat(data.resolve("f.txt")).hasContent("12345678901234567890");
        assertThat(data.resolve("sub")).isEmptyDirectory();
    }

    @Test
    void readOnlyRefusesEveryWrite() {
        ActorRef p = app.probe("reader", "path = \"data\", read_only = true");
        assertThat(one(p, "write", "f.txt", "x")).isEqualTo("write-file err write-file \"f.txt\": refused: the granted"
                + " folder is read_only");
        assertThat(one(p, "delete-file", "f.txt")).isEqualTo("delete-file err delete-file \"f.txt\": refused: the granted"
                + " folder is read_only");
        assertThat(one(p, "create-dir", "new")).isEqualTo("create-dir err create-dir \"new\": refused: the granted folder"
                + " is read_only");
        assertThat(one(p, "delete-dir", "sub")).isEqualTo("delete-dir err delete-dir \"sub\": refused: the granted folder"
                + " is read_only");
        assertThat(data.resolve("f.txt")).hasContent("12345678901234567890");
        assertThat(data.resolve("sub")).isDirectory();
        assertThat(data.resolve("new")).doesNotExist();
    }

    @Test
    void badConfigFailsTheStartNamingKeyAndLine() {
        assertThatThrownBy(() -> app.probe("missing", "path = \"not-there\"")).hasMessageContaining("missing.toml:7:"
                + " handler 'filesystem': config key 'path' names the folder " + folder.resolve("not-there")
                + ", which does not exist; create it or set new_dir = true");
        assertThatThrownBy(() -> app.probe("typo", "path = \"data\", readonly = true")).hasMessageContaining("typo.toml:7:"
                + " handler 'filesystem': config key 'readonly' is not a known key; the known keys are [allowed_commands,"
                + " command_timeout_ms, max_file_bytes, max_output_bytes, new_dir, path, read_only]");
        assertThatThrownBy(() -> app.probe("none", "")).hasMessageContaining("none.toml:7: handler 'filesystem': config"
                + " key 'path' is required");
        assertThat(folder.resolve("not-there")).doesNotExist();
    }

    @Test
    void commandsRunWithoutAShellInTheirFolderWithAMinimalEnvironment() throws Exception {
        ActorRef p = app.probe("cmd", "path = \"data\", allowed_commands = [\"echo\", \"pwd\", \"env\", \"ls\", \"false\"]");
        assertThat(command(p, "exec", "", "echo", "one arg; $HOME `id` | cat", "two")).containsExactly(
                "execute-command ok exit 0", "stdout one arg; $HOME `id` | cat two\n", "stderr ");
        assertThat(command(p, "exec", "sub", "pwd")).containsExactly("execute-command ok exit 0",
                "stdout " + data.toRealPath().resolve("sub") + "\n", "stderr ");
        assertThat(command(p, "exec", ".", "env")).containsExactly("execute-command ok exit 0",
                "stdout PATH=" + FilesystemConfig.COMMAND_PATH + "\n", "stderr ");
        List<String> ls = command(p, "exec", ".", "ls", "no-such-file");
        assertThat(ls.get(0)).isEqualTo("execute-command ok exit 2");
        assertThat(ls.get(2)).startsWith("stderr ").contains("ls: cannot access 'no-such-file'");
        assertThat(command(p, "exec", ".", "false")).containsExactly("execute-command ok exit 1", "stdout ", "stderr ");
        assertThat(one(p, "exec", "nope", "ls")).isEqualTo("execute-command err execute-command \"nope\": \"nope\" does not"
                + " exist");
        assertThat(one(p, "exec", "f.txt", "ls")).isEqualTo("execute-command err execute-command \"f.txt\": \"f.txt\" is a"
                + " file, not a folder");
        assertThat(one(p, "exec", ".", "cat", "f.txt")).isEqualTo("execute-command err execute-command \"cat\": refused:"
                + " the command is not in allowed_commands [echo, pwd, env, ls, false]");
    }

    @Test
    void outputIsCutAtMaxOutputBytesAndSaysSo() {
        ActorRef p = app.probe("cmd", "path = \"data\", allowed_commands = [\"seq\"], max_output_bytes = 100");
        List<String> lines = command(p, "exec", ".", "seq", "1", "100000"); // 588,895 bytes of output
        assertThat(lines.get(0)).isEqualTo("execute-command ok exit 0");
        assertThat(lines.get(1)).startsWith("stdout 1\n2\n3\n").endsWith("\n[theater: stdout cut: 588895 bytes, the"
                + " first 100 kept (max_output_bytes)]");
        assertThat(lines.get(1).length()).isEqualTo("stdout ".length() + 100
                + ("\n[theater: stdout cut: 588895 bytes, the first 100 kept (max_output_bytes)]").length());
    }

    @Test
    void aCommandPastItsTimeoutIsKilledWithEveryProcessItStarted() throws Exception {
        ActorRef p = app.probe("cmd", "path = \"data\", allowed_commands = [\"sh\"], command_timeout_ms = 1500");
        long t0 = System.nanoTime();
        assertThat(command(p, "exec", ".", "sh", "-c", "sleep 300 & echo $! > child.pid; sleep 300")).containsExactly(
                "execute-command ok error command \"sh\" did not finish within command_timeout_ms = 1500 and was killed,"
                        + " with 2 processes it started");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(20_000);
        long child = Long.parseLong(Files.readString(data.resolve("child.pid")).strip());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).as("the background sleep").isNotEqualTo(Optional.of(true));
        // the actor goes on
        assertThat(command(p, "exec", ".", "sh", "-c", "echo still here")).containsExactly("execute-command ok exit 0",
                "stdout still here\n", "stderr ");
    }

    @Test
    void aCommandThatCannotStartIsACommandError() throws Exception {
        Path notExecutable = Files.writeString(folder.resolve("plain.txt"), "not a program");
        // (a file without "#!" would be run by /bin/sh: the JDK falls back to it on ENOEXEC, as execvp does)
        Path badBinary = Files.writeString(folder.resolve("bad-binary"), "#!/no/such/interpreter\n");
        Files.setPosixFilePermissions(badBinary, PosixFilePermissions.fromString("rwxr-xr-x"));
        ActorRef p = app.probe("cmd", "path = \"data\", allowed_commands = [\"no-such-tool-xyz\", \"" + notExecutable
                + "\", \"" + badBinary + "\"]");
        assertThat(one(p, "exec", ".", "no-such-tool-xyz")).isEqualTo("execute-command ok error command"
                + " \"no-such-tool-xyz\" was not found in " + FilesystemConfig.COMMAND_PATH);
        assertThat(one(p, "exec", ".", notExecutable.toString())).isEqualTo("execute-command ok error command "
                + RelativePath.quote(notExecutable.toString()) + " was not found");
        assertThat(one(p, "exec", ".", badBinary.toString())).isEqualTo("execute-command ok error command "
                + RelativePath.quote(badBinary.toString()) + " could not start: error: 2 (No such file or directory)");
        assertThat(one(p, "exec", ".", "no-such-tool-xyz", "a\0b")).isEqualTo("execute-command err execute-command"
                + " \"no-such-tool-xyz\": refused: argument 1 contains a NUL byte");
    }
}
