package dev.theater.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code theater new actor NAME}: {@code NAME/} with {@code NAME.c} (init and handle-send on the C guest SDK, both
 * logging), {@code NAME.toml}, {@code build.sh} (clang {@code --target=wasm32}, the SDK of this distribution) and a
 * README. {@code --handler TYPE} makes the actor call {@code greet} of a handler made by {@code theater new handler}.
 */
@Command(name = "actor", mixinStandardHelpOptions = true,
        description = "Writes NAME/: a C actor on the guest SDK, its manifest, build.sh (clang --target=wasm32) and a"
                + " README.")
final class NewActorCommand implements Callable<Integer> {

    private static final String COMMAND = "new actor";

    @Parameters(paramLabel = "NAME", description = "the actor's name: lower-case words joined by '-', e.g. hello-actor")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "the folder to write NAME/ into (default: the current one)")
    Path dir = Path.of("");

    @Option(names = "--handler", paramLabel = "TYPE",
            description = "also call greet of the handler TYPE made by `theater new handler TYPE` on each message")
    String handler;

    @ParentCommand
    NewCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scaffold.checkName(COMMAND, "NAME", name);
        Optional<String> handlerType = Optional.ofNullable(handler).map(h -> Scaffold.checkName(COMMAND, "--handler", h));
        Path sdk = cSdk(parent.theater.distribution());
        Map<String, String> values = Map.of("name", name, "sdk", Scaffold.shellQuoted(sdk.toString()),
                "handler", handlerType.orElse(""), "handler_c", handlerType.orElse("").replace('-', '_'));
        Set<String> flags = handlerType.isPresent() ? Set.of("handler") : Set.of();
        Scaffold scaffold = new Scaffold()
                .file(name + ".c", Template.render(Template.resource("actor/actor.c"), values, flags))
                .file(name + ".toml", Template.render(Template.resource("actor/actor.toml"), values, flags))
                .file("build.sh", Template.render(Template.resource("actor/build.sh"), values, flags))
                .file("README.md", Template.render(Template.resource("actor/README.md"), values, flags));
        Path folder = scaffold.writeInto(COMMAND, dir, name);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + folder + ": " + String.join(", ", scaffold.paths()));
        out.println("next: cd " + folder + " && ./build.sh && theater run "
                + handlerType.map(h -> "--plugins <" + h + ">/target ").orElse("") + "--send '" + name
                + "=world' --exit-after 1s " + name + ".toml");
        out.flush();
        return 0;
    }

    /** The C SDK of the distribution this runs from, which build.sh compiles against. */
    private static Path cSdk(Optional<Distribution> distribution) {
        Path sdk = distribution.map(Distribution::cSdk).orElseThrow(() -> new CliError(COMMAND
                + ": this theater does not run from a distribution (<dist>/lib/theater-cli.jar), so it has no C SDK"
                + " (<dist>/sdk/c) for build.sh; run the distribution's theater"));
        if (!Files.isRegularFile(sdk.resolve("theater.h"))) {
            throw new CliError(COMMAND + ": the distribution has no C SDK: no " + sdk.resolve("theater.h"));
        }
        return sdk.toAbsolutePath().normalize();
    }
}
