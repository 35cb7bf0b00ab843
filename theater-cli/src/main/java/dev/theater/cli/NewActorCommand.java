package dev.theater.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
 * {@code --lang js} writes a JavaScript actor instead: {@code NAME.js}, its world under {@code wit/} (with the
 * distribution's {@code theater:simple} WIT in {@code wit/deps/theater-simple/}), the pinned componentize-js in
 * {@code package.json} and {@code package-lock.json}, {@code build.mjs}, {@code build.sh}, the manifest and a README.
 */
@Command(name = "actor", mixinStandardHelpOptions = true,
        description = "Writes NAME/: a C actor on the guest SDK (or, with --lang js, a JavaScript actor built into a"
                + " component by componentize-js), its manifest, build.sh and a README.")
final class NewActorCommand implements Callable<Integer> {

    private static final String COMMAND = "new actor";

    /** The languages {@code --lang} takes (lower-case: picocli matches the constants' names). */
    enum Lang { c, js }

    @Parameters(paramLabel = "NAME", description = "the actor's name: lower-case words joined by '-', e.g. hello-actor")
    String name;

    @Option(names = "--dir", paramLabel = "DIR", description = "the folder to write NAME/ into (default: the current one)")
    Path dir = Path.of("");

    @Option(names = "--handler", paramLabel = "TYPE",
            description = "also call greet of the handler TYPE made by `theater new handler TYPE` on each message")
    String handler;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "c",
            description = "the actor's language: c (default; clang and the C guest SDK) or js (JavaScript;"
                    + " componentize-js from npm)")
    Lang lang;

    @ParentCommand
    NewCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Scaffold.checkName(COMMAND, "NAME", name);
        if (lang == Lang.js) {
            return javaScript();
        }
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

    /** {@code --lang js}: the JavaScript actor, its world and the theater:simple WIT, the npm build and a README. */
    private int javaScript() {
        if (handler != null) {
            throw new CliError(COMMAND + ": --handler is for C actors only; a JavaScript actor imports a handler's"
                    + " interface through its world (wit/" + name + ".wit) and the handler's WIT in wit/deps/");
        }
        List<Path> wit = theaterWit(parent.theater.distribution());
        Map<String, String> values = Map.of("name", name);
        Scaffold scaffold = new Scaffold()
                .file(name + ".js", Template.render(Template.resource("actor-js/actor.js"), values, Set.of()))
                .file("wit/" + name + ".wit", Template.render(Template.resource("actor-js/world.wit"), values, Set.of()));
        for (Path file : wit) {
            scaffold.file("wit/deps/theater-simple/" + file.getFileName(), read(file));
        }
        for (String file : List.of("package.json", "package-lock.json", "build.mjs", "build.sh", "README.md")) {
            scaffold.file(file, Template.render(Template.resource("actor-js/" + file), values, Set.of()));
        }
        scaffold.file(name + ".toml", Template.render(Template.resource("actor-js/actor.toml"), values, Set.of()))
                .file(".gitignore", Template.render(Template.resource("actor-js/gitignore"), values, Set.of()));
        Path folder = scaffold.writeInto(COMMAND, dir, name);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + folder + ": " + name + ".js, wit/" + name + ".wit, wit/deps/theater-simple/ ("
                + wit.size() + " files), package.json, package-lock.json, build.mjs, build.sh, README.md, " + name
                + ".toml, .gitignore");
        out.println("next: cd " + folder + " && ./build.sh && theater run --send '" + name + "=world' --request '"
                + name + "=count' --exit-after 1s " + name + ".toml");
        out.flush();
        return 0;
    }

    /** The theater:simple {@code *.wit} files of the distribution this runs from, sorted by name. */
    private static List<Path> theaterWit(Optional<Distribution> distribution) {
        Path wit = distribution.map(Distribution::wit).orElseThrow(() -> new CliError(COMMAND
                + ": this theater does not run from a distribution (<dist>/lib/theater-cli.jar), so it has no"
                + " theater:simple WIT (<dist>/wit) for the JavaScript actor's world; run the distribution's theater"));
        List<Path> files;
        try (Stream<Path> list = Files.isDirectory(wit) ? Files.list(wit) : Stream.empty()) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".wit")).sorted().toList();
        } catch (IOException e) {
            throw new CliError(COMMAND + ": cannot list " + wit + ": " + e);
        }
        if (files.stream().noneMatch(p -> p.getFileName().toString().equals("worlds.wit"))) {
            throw new CliError(COMMAND + ": the distribution has no theater:simple WIT: no " + wit.resolve("worlds.wit"));
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliError(COMMAND + ": cannot read " + file + ": " + e);
        }
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
