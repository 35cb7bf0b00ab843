package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HandlersCommandTest {

    private static final String MESSAGE_SERVER = "message-server  imports [theater:simple/message-server-host]"
            + "  exports [theater:simple/message-server-client]  from ";
    private static final String RUNTIME = "runtime  imports [theater:simple/runtime]  exports []  from ";
    private static final String SUPERVISOR = "supervisor  imports [theater:simple/supervisor]"
            + "  exports [theater:simple/supervisor-handlers]  from ";
    private static final String TIMING = "timing  imports [theater:simple/timers, theater:simple/timing]"
            + "  exports [theater:simple/timer-handlers]  from ";

    private static final String STORE = "store  imports [theater:simple/store]  exports []  from ";
    private static final String FILESYSTEM = "filesystem  imports [theater:simple/filesystem]  exports []  from ";
    private static final String HTTP_CLIENT = "http-client  imports [theater:simple/http-client]  exports []  from ";
    private static final String HTTP_FRAMEWORK = "http-framework  imports [theater:simple/http-framework]"
            + "  exports [theater:simple/http-handlers]  from ";

    private final StringWriter out = new StringWriter();

    private int theater(String... args) {
        CommandLine cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        return cl.execute(args);
    }

    @Test
    void listsTheBuiltInHandlersFromThePluginsFolder() {
        int exit = theater("handlers", "--plugins", RunCommandTest.PLUGINS.toString());

        assertThat(exit).isZero();
        List<String> expected = new ArrayList<>(List.of(
                FILESYSTEM + "plugin theater-handler-filesystem (" + BuiltInHandlers.pluginJar("filesystem") + ")",
                HTTP_CLIENT + "plugin theater-handler-http-client (" + BuiltInHandlers.pluginJar("http-client") + ")",
                HTTP_FRAMEWORK + "plugin theater-handler-http-framework (" + BuiltInHandlers.pluginJar("http-framework") + ")",
                MESSAGE_SERVER + "plugin theater-handler-message-server (" + BuiltInHandlers.pluginJar("message-server") + ")",
                RUNTIME + "plugin theater-handler-runtime (" + BuiltInHandlers.pluginJar("runtime") + ")",
                STORE + "plugin theater-handler-store (" + BuiltInHandlers.pluginJar("store") + ")",
                SUPERVISOR + "plugin theater-handler-supervisor (" + BuiltInHandlers.pluginJar("supervisor") + ")",
                TIMING + "plugin theater-handler-timing (" + BuiltInHandlers.pluginJar("timing") + ")"));
        // the same handlers are on the test class path too: the plugins win, and each duplicate is a warning
        BuiltInHandlers.classPathTypes().forEach(type -> expected.add("problem: " + BuiltInHandlers.duplicateWarning(type)));
        assertThat(out.toString().lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void reportsABrokenPluginAndExitsWithTwo(@TempDir Path plugins) throws Exception {
        Path broken = plugins.resolve("broken.jar");
        Files.writeString(broken, "not a zip");

        int exit = theater("handlers", "--plugins", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString().lines()).containsExactly(
                FILESYSTEM + "class path: " + BuiltInHandlers.classPathLocation("filesystem"),
                HTTP_CLIENT + "class path: " + BuiltInHandlers.classPathLocation("http-client"),
                HTTP_FRAMEWORK + "class path: " + BuiltInHandlers.classPathLocation("http-framework"),
                MESSAGE_SERVER + "class path: " + BuiltInHandlers.classPathLocation("message-server"),
                RUNTIME + "class path: " + BuiltInHandlers.classPathLocation("runtime"),
                STORE + "class path: " + BuiltInHandlers.classPathLocation("store"),
                SUPERVISOR + "class path: " + BuiltInHandlers.classPathLocation("supervisor"),
                TIMING + "class path: " + BuiltInHandlers.classPathLocation("timing"),
                "problem: ERROR " + broken.toAbsolutePath().normalize() + ": plugin jar refused: not a jar (zip) file: "
                        + zipError(broken));
    }

    /** The JDK's own reason for refusing {@code file} as a zip: its wording is the JDK's, not Theater's. */
    private static String zipError(Path file) throws IOException {
        try {
            new JarFile(file.toFile()).close();
        } catch (ZipException e) {
            return e.getMessage();
        }
        throw new AssertionError(file + " opened as a jar");
    }
}
