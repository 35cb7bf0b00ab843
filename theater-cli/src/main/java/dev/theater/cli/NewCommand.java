package dev.theater.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code theater new actor|handler NAME}: writes a folder to start from, one that builds and runs as it is. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Writes a new actor (C on the guest SDK, or JavaScript with --lang js) or handler plugin (a Maven"
                + " project) to start from.",
        subcommands = {NewActorCommand.class, NewHandlerCommand.class})
final class NewCommand implements Runnable {

    @ParentCommand
    TheaterCommand theater;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A property of this build ({@code build.properties}: {@code theater.version}, {@code junit.version}). */
    static String build(String key) {
        try (InputStream in = NewCommand.class.getResourceAsStream("build.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            String value = properties.getProperty(key);
            if (value == null || value.contains("${")) {
                throw new IllegalStateException("build.properties has no " + key);
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
