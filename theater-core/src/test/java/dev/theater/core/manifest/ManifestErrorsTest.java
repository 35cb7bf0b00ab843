package dev.theater.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error names the file and the line; these tests assert whole messages. */
class ManifestErrorsTest {

    private static final String HEAD = "name = \"a\"\ncomponent_path = \"a.wasm\"\n";

    @TempDir
    Path dir;

    private ManifestException fails(String text) throws IOException {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, text);
        return catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(file));
    }

    private String at(int line, String detail) {
        return dir.resolve("bad.toml") + ":" + line + ": " + detail;
    }

    @Test
    void wrongTypeForName() throws IOException {
        ManifestException e = fails("# an actor\n\ncomponent_path = \"a.wasm\"\nname = 3\n");

        assertThat(e).hasMessage(at(4, "'name' must be a string, found integer 3"));
        assertThat(e.file()).isEqualTo(dir.resolve("bad.toml").toString());
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.detail()).isEqualTo("'name' must be a string, found integer 3");
    }

    @Test
    void malformedTomlNamesTheLine() throws IOException {
        assertThat(fails(HEAD + "\nversion = = 3\ndescription = \"x\"\n"))
                .hasMessage(at(4, "malformed TOML: Invalid integer: = 3"));
        assertThat(fails(HEAD + "description = \"unterminated\n\n\nversion = \"1\"\n"))
                .hasMessage(at(3, "malformed TOML: Invalid newline in basic string, you should use a multiline string"
                        + " or escape the newline by writing \\n. The string begins with: \"unterminated\""));
        assertThat(fails(HEAD + "name = \"b\"\n"))
                .hasMessage(at(3, "malformed TOML: Invalid TOML data: entry \"[name]\" defined twice in its table."));
        assertThat(fails(HEAD + "[limits]\nmailbox_capacity = 1\n[limits]\n"))
                .hasMessage(at(5, "malformed TOML: Table with path [limits] has been declared twice."));
    }

    @Test
    void malformedStringManifestIsNamedByItsSourceName() {
        assertThat(catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(HEAD + "[x] junk\n")))
                .hasMessage("<string>:3: malformed TOML: Invalid character 'j' after a table declaration.");
        assertThat(catchThrowableOfType(ManifestException.class,
                () -> ManifestParser.parse("name = 3\n", "inline", dir)))
                .hasMessage("inline:1: 'name' must be a string, found integer 3");
    }

    @Test
    void missingRequiredKeys() throws IOException {
        assertThat(fails("component_path = \"a.wasm\"\n")).hasMessage(at(1, "missing required key 'name'"));
        assertThat(fails("")).hasMessage(at(1, "missing required key 'name'"));
        assertThat(fails("name = \"a\"\nversion = \"1\"\n"))
                .hasMessage(at(1, "missing required key 'component_path' (or 'component')"));
        assertThat(fails(HEAD + "[[handlers]]\ntype = \"runtime\"\n\n[[handlers]]\nconfig = { a = 1 }\n"))
                .hasMessage(at(6, "[[handlers]] entry 2: missing required key 'type'"));
        assertThat(fails("name = \"a\"\ncomponent = \"a.wasm\"\n[[handler]]\nport = 80\n"))
                .hasMessage(at(3, "[[handler]] entry 1: missing required key 'type'"));
    }

    @Test
    void wrongTypes() throws IOException {
        assertThat(fails("name = \"a\"\ncomponent_path = 7\n"))
                .hasMessage(at(2, "'component_path' must be a string, found integer 7"));
        assertThat(fails("name = \"a\"\ncomponent = [\"a.wasm\"]\n"))
                .hasMessage(at(2, "'component' must be a string, found array"));
        assertThat(fails(HEAD + "description = true\n"))
                .hasMessage(at(3, "'description' must be a string, found boolean true"));
        assertThat(fails(HEAD + "save_chain = \"yes\"\n"))
                .hasMessage(at(3, "'save_chain' must be a boolean, found string \"yes\""));
        assertThat(fails("name = \"  \"\ncomponent_path = \"a.wasm\"\n"))
                .hasMessage(at(1, "'name' must not be empty"));
        assertThat(fails(HEAD + "version = 1979-05-27\n"))
                .hasMessage(at(3, "'version' must be a string, found date-time 1979-05-27"));
    }

    @Test
    void handlersMustBeAnArrayOfTables() throws IOException {
        assertThat(fails(HEAD + "handlers = 3\n"))
                .hasMessage(at(3, "'handlers' must be an array of tables, found integer 3"));
        assertThat(fails(HEAD + "handlers = [{ type = \"a\" }, \"b\"]\n"))
                .hasMessage(at(3, "'handlers' must be an array of tables, but entry 2 is string \"b\""));
        assertThat(fails(HEAD + "[handlers]\ntype = \"a\"\n"))
                .hasMessage(at(3, "'handlers' must be an array of tables, found table"));
        assertThat(fails("name = \"a\"\ncomponent = \"a.wasm\"\nhandler = \"runtime\"\n"))
                .hasMessage(at(3, "'handler' must be an array of tables, found string \"runtime\""));
    }

    @Test
    void handlerTypeAndConfigMustHaveTheirTypes() throws IOException {
        assertThat(fails(HEAD + "[[handlers]]\ntype = \"a\"\n[[handlers]]\n\ntype = 3\n"))
                .hasMessage(at(7, "[[handlers]] entry 2: 'type' must be a non-empty string, found integer 3"));
        assertThat(fails(HEAD + "[[handlers]]\ntype = \"filesystem\"\nconfig = \"data\"\n"))
                .hasMessage(at(5, "[[handlers]] entry 1: 'config' must be a table, found string \"data\""));
        assertThat(fails(HEAD + "[[handlers]]\ntype = \"filesystem\"\npath = \"data\"\n"))
                .hasMessage(at(5, "[[handlers]] entry 1: unknown key 'path'; known keys: type, config"
                        + " (handler settings go in the 'config' table)"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            max_memory_pages = 0          | 'limits.max_memory_pages' must be a positive integer, found integer 0
            max_memory_pages = 65537      | 'limits.max_memory_pages' must be at most 65536, found 65537
            max_memory_pages = "big"      | 'limits.max_memory_pages' must be a positive integer, found string "big"
            call_timeout_ms = -5          | 'limits.call_timeout_ms' must be a positive integer, found integer -5
            mailbox_capacity = 1.5        | 'limits.mailbox_capacity' must be a positive integer, found float 1.5
            mailbox_capacity = 3000000000 | 'limits.mailbox_capacity' must be at most 2147483647, found 3000000000
            mailbox = 5                   | unknown key 'limits.mailbox'; known keys: max_memory_pages, call_timeout_ms, mailbox_capacity, mailbox_wait_ms
            """)
    void limitsMustBePositiveIntegersWithKnownNames(String line, String detail) throws IOException {
        assertThat(fails(HEAD + "[limits]\n# the limit under test\n" + line + "\n")).hasMessage(at(5, detail));
    }

    @Test
    void limitsMustBeATable() throws IOException {
        assertThat(fails(HEAD + "limits = 3\n")).hasMessage(at(3, "'limits' must be a table, found integer 3"));
        assertThat(fails(HEAD + "limits.call_timeout_ms = 0\n"))
                .hasMessage(at(3, "'limits.call_timeout_ms' must be a positive integer, found integer 0"));
    }

    @Test
    void unknownTopLevelKeyListsTheKnownOnes() throws IOException {
        assertThat(fails(HEAD + "\ncomponnet = \"x\"\n")).hasMessage(at(4, "unknown key 'componnet'; known keys: name,"
                + " component_path, component, version, description, long_description, save_chain, init_state,"
                + " handlers, handler, limits"));
        assertThat(fails(HEAD + "[limit]\nmailbox_capacity = 1\n")).hasMessage(at(3, "unknown key 'limit'; known keys: name,"
                + " component_path, component, version, description, long_description, save_chain, init_state,"
                + " handlers, handler, limits"));
    }

    @Test
    void bothFormatsOfTheSameKey() throws IOException {
        assertThat(fails("name = \"a\"\ncomponent = \"b.wasm\"\ncomponent_path = \"a.wasm\"\n"))
                .hasMessage(at(3, "both 'component_path' (seed format) and 'component' (classic format) are set; keep one"));
        assertThat(fails(HEAD + "[[handler]]\ntype = \"a\"\n[[handlers]]\ntype = \"b\"\n"))
                .hasMessage(at(5, "both [[handlers]] (seed format) and [[handler]] (classic format) are used; keep one"));
    }

    @Test
    void unreadableInitStateIsNamed() throws IOException {
        Files.createDirectory(dir.resolve("state"));
        assertThat(fails(HEAD + "init_state = \"missing.json\"\n")).hasMessage(at(3,
                "cannot read init_state file " + dir.toAbsolutePath().resolve("missing.json") + ": no such file"));
        assertThat(fails(HEAD + "init_state = \"state\"\n")).hasMessage(at(3,
                "cannot read init_state file " + dir.toAbsolutePath().resolve("state") + ": is a directory"));
        assertThat(fails(HEAD + "init_state = 5\n")).hasMessage(at(3, "'init_state' must be a string, found integer 5"));
    }

    @Test
    void invalidPathIsNamed() throws IOException {
        assertThat(fails("name = \"a\"\ncomponent_path = \"a\\u0000.wasm\"\n"))
                .hasMessage(at(2, "'component_path' is not a valid path: Nul character not allowed"));
    }

    @Test
    void unreadableManifestHasNoLine() {
        Path missing = dir.resolve("nope.toml");
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(missing));

        assertThat(e).hasMessage(missing + ": cannot read manifest: no such file");
        assertThat(e.line()).isZero();
    }

    @Test
    void manifestThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("latin1.toml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', '=', '"', (byte) 0xe9, '"'});

        assertThat(catchThrowableOfType(ManifestException.class, () -> ManifestParser.parse(file)))
                .hasMessage(file + ": cannot read manifest: not valid UTF-8");
    }
}
