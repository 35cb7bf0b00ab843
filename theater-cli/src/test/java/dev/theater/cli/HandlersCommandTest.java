package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HandlersCommandTest {

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
        assertThat(out.toString().lines().filter(l -> !l.startsWith("problem: ")))
                .anySatisfy(l -> assertThat(l).startsWith("message-server  imports [theater:simple/message-server-host]"
                        + "  exports [theater:simple/message-server-client]  from plugin theater-handler-message-server ("))
                .anySatisfy(l -> assertThat(l).startsWith("runtime  imports [theater:simple/runtime]  exports []"
                        + "  from plugin theater-handler-runtime ("));
    }

    @Test
    void reportsABrokenPluginAndExitsWithTwo(@TempDir Path plugins) throws Exception {
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");

        int exit = theater("handlers", "--plugins", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains("problem: ").contains("broken.jar");
    }
}
