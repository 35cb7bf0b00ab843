package dev.theater.cli;

import static dev.theater.cli.Scaffolded.read;
import static dev.theater.cli.Scaffolded.theater;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainStore;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.wit.WitParser;
import dev.theater.wit.WitWorld;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code theater new actor} and {@code theater new handler}: what they write, that it builds and runs, what they refuse. */
class NewCommandTest {

    @TempDir
    Path dir;

    private static List<String> files(Path folder) throws Exception {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void newActorWritesTheSourceTheManifestABuildScriptOnTheDistributionsSdkAndAReadme() throws Exception {
        Scaffolded.Run run = theater("new", "actor", "hello-actor", "--dir", dir.toString());

        Path folder = dir.resolve("hello-actor");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsExactly("wrote " + folder + ": hello-actor.c, hello-actor.toml, build.sh, README.md",
                "next: cd " + folder + " && ./build.sh && theater run --send 'hello-actor=world' --exit-after 1s"
                        + " hello-actor.toml");
        assertThat(files(folder)).containsExactly("README.md", "build.sh", "hello-actor.c", "hello-actor.toml");
        assertThat(Files.isExecutable(folder.resolve("build.sh"))).isTrue();
        Path sdk = Scaffolded.DISTRIBUTION.resolve("sdk/c").toAbsolutePath().normalize();
        assertThat(Files.isRegularFile(sdk.resolve("theater.h"))).as("the distribution carries the C SDK").isTrue();
        assertThat(read(folder.resolve("build.sh"))).contains("sdk=\"${THEATER_SDK:-" + sdk + "}\"")
                .contains("\"$clang\" --target=wasm32 -O2 -ffreestanding -fno-builtin -nostdlib -g0 -fno-ident \\\n"
                        + "  -Wall -Werror -Wno-unused-function -I \"$sdk\" \\\n"
                        + "  -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=16384 -Wl,--initial-memory=65536 \\\n"
                        + "  hello-actor.c -o hello-actor.wasm");
        assertThat(read(folder.resolve("hello-actor.c"))).contains("#include \"theater.h\"")
                .contains("THEATER_EXPORT_ACTOR_INIT(init)").contains("THEATER_EXPORT_HANDLE_SEND(handle_send)")
                .doesNotContain("greet");
        ActorManifest manifest = ManifestParser.parse(folder.resolve("hello-actor.toml"));
        assertThat(manifest.name()).isEqualTo("hello-actor");
        assertThat(manifest.handlers()).extracting(h -> h.type()).containsExactly("runtime", "message-server");
        for (String file : files(folder)) {
            assertThat(read(folder.resolve(file))).as(file).doesNotContain("{{").doesNotContain("}}");
        }
    }

    @Test
    void theNewActorBuildsWithClangAndRuns() throws Exception {
        Scaffolded.assumeClang();
        assertThat(theater("new", "actor", "hello-actor", "--dir", dir.toString()).exit()).isZero();
        Path folder = dir.resolve("hello-actor");

        assertThat(Scaffolded.build(folder)).contains("build.sh: built hello-actor.wasm");
        Path home = dir.resolve("home");
        Scaffolded.Run run = theater("run", "--home", home.toString(), "--no-builtin-handlers", "--plugins",
                RunCommandTest.PLUGINS.toString(), "--send", "hello-actor=world", "--exit-after", "0ms",
                folder.resolve("hello-actor.toml").toString());

        assertThat(run.exit()).as(run.err().toString()).isZero();
        Path chain = home.resolve("chains/hello-actor.chain");
        assertThat(run.out()).containsExactly("hello-actor: hello-actor started as hello-actor",
                "hello-actor: hello-actor got: world",
                "chain of hello-actor: " + chain + ": " + ChainStore.readFile(chain).size() + " events verified");
    }

    @Test
    void newActorLangJsWritesTheScriptItsWorldTheTheaterWitAPinnedNpmBuildAndAReadme() throws Exception {
        Scaffolded.Run run = theater("new", "actor", "hello-js", "--lang", "js", "--dir", dir.toString());

        Path folder = dir.resolve("hello-js");
        Path distributionWit = Scaffolded.DISTRIBUTION.resolve("wit");
        List<String> wit = files(distributionWit);
        assertThat(wit).as("the distribution carries the *.wit files of wit/, and only those")
                .isEqualTo(files(RunCommandTest.ROOT.resolve("wit")).stream().filter(f -> f.endsWith(".wit"))
                        .filter(f -> !f.contains("/")).toList())
                .contains("worlds.wit", "actor.wit", "message-server.wit", "runtime.wit", "types.wit");
        assertThat(run.exit()).as(run.err().toString()).isZero();
        assertThat(run.out()).containsExactly("wrote " + folder + ": hello-js.js, wit/hello-js.wit,"
                        + " wit/deps/theater-simple/ (" + wit.size() + " files), package.json, package-lock.json,"
                        + " build.mjs, build.sh, README.md, hello-js.toml, .gitignore",
                "next: cd " + folder + " && ./build.sh && theater run --send 'hello-js=world' --request"
                        + " 'hello-js=count' --exit-after 1s hello-js.toml");
        List<String> expected = new java.util.ArrayList<>(List.of(".gitignore", "README.md", "build.mjs", "build.sh",
                "hello-js.js", "hello-js.toml", "package-lock.json", "package.json", "wit/hello-js.wit"));
        wit.forEach(f -> expected.add("wit/deps/theater-simple/" + f));
        assertThat(files(folder)).containsExactlyInAnyOrderElementsOf(expected);
        for (String f : wit) {
            assertThat(read(folder.resolve("wit/deps/theater-simple/" + f))).as(f)
                    .isEqualTo(read(RunCommandTest.ROOT.resolve("wit/" + f)));
        }
        assertThat(Files.isExecutable(folder.resolve("build.sh"))).isTrue();

        // the world resolves against its deps/ and names what the runtime gives and calls
        WitWorld world = WitParser.parseFolder(folder.resolve("wit")).root().requireWorld("hello-js");
        assertThat(world.imports()).extracting(i -> i.qualifiedName())
                .containsExactly("theater:simple/runtime", "theater:simple/message-server-host");
        assertThat(world.exports()).extracting(i -> i.qualifiedName())
                .containsExactly("theater:simple/actor", "theater:simple/message-server-client");
        // a component exports every function of an exported interface: the script defines each, in camelCase
        String js = read(folder.resolve("hello-js.js"));
        assertThat(js).contains("import { log } from 'theater:simple/runtime';", "export const actor = {",
                "export const messageServerClient = {");
        for (var exported : world.exports()) {
            for (String function : exported.functions().keySet()) {
                assertThat(js).as(exported.qualifiedName() + "." + function).contains("  " + camel(function) + "(state, [");
            }
        }
        assertThat(read(folder.resolve("package.json")))
                .contains("\"@bytecodealliance/componentize-js\": \"0.23.0\"",
                        "\"@bytecodealliance/preview2-shim\": \"0.26.1\"", "\"name\": \"hello-js\"");
        assertThat(read(folder.resolve("package-lock.json"))).startsWith("{\n  \"name\": \"hello-js\",\n")
                .contains("\"node_modules/@bytecodealliance/componentize-js\": {\n      \"version\": \"0.23.0\"",
                        "\"node_modules/@bytecodealliance/preview2-shim\": {\n      \"version\": \"0.26.1\"");
        assertThat(read(folder.resolve("build.mjs"))).contains("_setPreopens({ '/': '/' });",
                "witPath: join(here, 'wit')", "worldName: 'hello-js'",
                "disableFeatures: ['stdio', 'random', 'clocks', 'http', 'fetch-event']");
        assertThat(read(folder.resolve("build.sh"))).contains("npm ci ").contains("node build.mjs");
        assertThat(read(folder.resolve(".gitignore"))).isEqualTo("node_modules/\nhello-js.wasm\n");
        ActorManifest manifest = ManifestParser.parse(folder.resolve("hello-js.toml"));
        assertThat(manifest.name()).isEqualTo("hello-js");
        assertThat(manifest.handlers()).extracting(h -> h.type()).containsExactly("runtime", "message-server");
        assertThat(read(folder.resolve("hello-js.toml"))).contains("component_path = \"hello-js.wasm\"");
        for (String file : files(folder)) {
            assertThat(read(folder.resolve(file))).as(file).doesNotContain("{{").doesNotContain("}}");
        }
    }

    /** {@code handle-channel-open} as componentize-js names it: {@code handleChannelOpen}. */
    private static String camel(String witName) {
        String pascal = Scaffold.pascal(witName);
        return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    @Test
    void aJsActorTakesNoHandlerAndNeedsTheWitOfADistribution() {
        Scaffolded.Run withHandler = theater("new", "actor", "hello-js", "--lang", "js", "--handler", "greeter",
                "--dir", dir.toString());
        Scaffolded.Run noDistribution = theater(Optional.empty(), "new", "actor", "hello-js", "--lang", "js",
                "--dir", dir.toString());
        Scaffolded.Run badLang = theater("new", "actor", "hello-js", "--lang", "py", "--dir", dir.toString());

        assertThat(withHandler.exit()).isEqualTo(1);
        assertThat(withHandler.err()).containsExactly("theater: new actor: --handler is for C actors only; a"
                + " JavaScript actor imports a handler's interface through its world (wit/hello-js.wit) and the"
                + " handler's WIT in wit/deps/");
        assertThat(noDistribution.exit()).isEqualTo(1);
        assertThat(noDistribution.err()).containsExactly("theater: new actor: this theater does not run from a"
                + " distribution (<dist>/lib/theater-cli.jar), so it has no theater:simple WIT (<dist>/wit) for the"
                + " JavaScript actor's world; run the distribution's theater");
        assertThat(badLang.exit()).isEqualTo(2);
        assertThat(badLang.err()).first().asString().isEqualTo("Invalid value for option '--lang': expected one of"
                + " [c, js] (case-sensitive) but was 'py'");
        assertThat(Files.exists(dir.resolve("hello-js"))).isFalse();
    }

    @Test
    void aJsActorIsRefusedABadNameAndAnExistingFolderAsACActorIs() throws Exception {
        Scaffolded.Run badName = theater("new", "actor", "Hello", "--lang", "js", "--dir", dir.toString());
        Path existing = Files.createDirectories(dir.resolve("hello"));
        Scaffolded.Run exists = theater("new", "actor", "hello", "--lang", "js", "--dir", dir.toString());

        assertThat(badName.exit()).isEqualTo(1);
        assertThat(badName.err()).containsExactly("theater: new actor: NAME 'Hello' is not a valid name: use"
                + " lower-case letters, digits and '-', each '-'-separated word starting with a letter, at most 64"
                + " characters (e.g. hello-actor)");
        assertThat(exists.exit()).isEqualTo(1);
        assertThat(exists.err()).containsExactly("theater: new actor: " + existing + " already exists; choose"
                + " another NAME or --dir (nothing was written)");
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void newHandlerWritesAMavenProjectOnThisBuildsApiInProvidedScope() throws Exception {
        Scaffolded.Run run = theater("new", "handler", "hello-handler", "--dir", dir.toString());

        Path folder = dir.resolve("hello-handler");
        assertThat(run.exit()).isZero();
        String java = "src/main/java/com/example/hellohandler/";
        assertThat(files(folder)).containsExactlyInAnyOrder(".gitignore", "README.md", "pom.xml",
                "src/main/resources/wit/hello-handler.wit",
                "src/main/resources/META-INF/services/dev.theater.api.handler.HandlerProvider",
                java + "HelloHandlerProvider.java", java + "HelloHandler.java", java + "HelloConfig.java",
                "src/test/java/com/example/hellohandler/HelloHandlerTest.java");
        String pom = read(folder.resolve("pom.xml"));
        assertThat(pom).contains("<theater.version>" + NewCommand.build("theater.version") + "</theater.version>")
                .contains("<artifactId>theater-api</artifactId>\n      <version>${theater.version}</version>\n"
                        + "      <scope>provided</scope>")
                .contains("<Plugin-Id>hello-handler</Plugin-Id>");
        assertThat(NewCommand.build("theater.version")).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(read(folder.resolve("src/main/resources/wit/hello-handler.wit")))
                .startsWith("package acme:hello-handler;\n").contains("use theater:simple/types.{json};")
                .contains("greet: func(name: string) -> result<json, string>;");
        assertThat(read(folder.resolve("src/main/resources/META-INF/services/dev.theater.api.handler.HandlerProvider")))
                .endsWith("\ncom.example.hellohandler.HelloHandlerProvider\n");
        for (String file : files(folder)) {
            assertThat(read(folder.resolve(file))).as(file).doesNotContain("{{");
        }
    }

    @Test
    void theNewHandlerCompilesAgainstTheApiAndLoadsAsAPlugin() throws Exception {
        Path jars = Scaffolded.handlerPlugin(dir, "hello-handler");

        Scaffolded.Run run = theater("handlers", "--no-builtin-handlers", "--plugins", jars.toString());

        assertThat(run.out()).contains("hello-handler  imports [acme:hello-handler/greeter]  exports []  from plugin"
                + " hello-handler (" + jars.resolve("hello-handler.jar").toAbsolutePath().normalize() + ")");
        assertThat(run.out()).noneMatch(line -> line.startsWith("problem:"));
        assertThat(run.exit()).isZero();
    }

    @Test
    void anActorMadeWithHandlerCallsTheNewHandlerThroughThePlugin() throws Exception {
        Scaffolded.assumeClang();
        Path jars = Scaffolded.handlerPlugin(dir, "hello-handler");
        assertThat(theater("new", "actor", "hello-actor", "--handler", "hello-handler", "--dir", dir.toString()).exit())
                .isZero();
        Path folder = dir.resolve("hello-actor");
        Scaffolded.build(folder);
        assertThat(ManifestParser.parse(folder.resolve("hello-actor.toml")).handlers()).extracting(h -> h.type())
                .containsExactly("runtime", "message-server", "hello-handler");

        Path home = dir.resolve("home");
        Scaffolded.Run run = theater("run", "--home", home.toString(), "--no-builtin-handlers",
                "--plugins", jars.toString(), "--plugins", RunCommandTest.PLUGINS.toString(),
                "--send", "hello-actor=world", "--send", "hello-actor=", "--exit-after", "0ms",
                folder.resolve("hello-actor.toml").toString());

        assertThat(run.exit()).as(run.err().toString()).isZero();
        Path chain = home.resolve("chains/hello-actor.chain");
        assertThat(run.out()).containsExactly("hello-actor: hello-actor started as hello-actor",
                "hello-actor: hello-actor got: world",
                "hello-actor: hello-handler answered {\"greeting\":\"hello, world\"}",
                "hello-actor: hello-actor got: ",
                "hello-actor: hello-handler refused: the name is empty",
                "chain of hello-actor: " + chain + ": " + ChainStore.readFile(chain).size() + " events verified");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "hello_actor", "1actor", "hello-", "-hello", "hello--actor", "hello-1", "a.b", ""})
    void aBadNameIsRefusedAndNothingIsWritten(String name) throws Exception {
        for (String kind : List.of("actor", "handler")) {
            Scaffolded.Run run = theater("new", kind, "--dir", dir.toString(), "--", name); // "--": "-hello" is no option

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).containsExactly("theater: new " + kind + ": NAME '" + name + "' is not a valid name:"
                    + " use lower-case letters, digits and '-', each '-'-separated word starting with a letter, at most"
                    + " 64 characters (e.g. hello-actor)");
        }
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aBadHandlerNameForAnActorIsRefused() {
        Scaffolded.Run run = theater("new", "actor", "hello-actor", "--handler", "Greeter", "--dir", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).containsExactly("theater: new actor: --handler 'Greeter' is not a valid name: use"
                + " lower-case letters, digits and '-', each '-'-separated word starting with a letter, at most 64"
                + " characters (e.g. hello-actor)");
        assertThat(Files.exists(dir.resolve("hello-actor"))).isFalse();
    }

    @Test
    void anExistingFolderIsRefusedAndLeftAsItWas() throws Exception {
        Path existing = Files.createDirectories(dir.resolve("hello"));
        Files.writeString(existing.resolve("notes.txt"), "mine");

        for (String kind : List.of("actor", "handler")) {
            Scaffolded.Run run = theater("new", kind, "hello", "--dir", dir.toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).containsExactly("theater: new " + kind + ": " + existing + " already exists; choose"
                    + " another NAME or --dir (nothing was written)");
        }
        assertThat(files(existing)).containsExactly("notes.txt");
        assertThat(read(existing.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void aHandlerWhoseJavaPackageWouldBeAKeywordIsRefused() {
        Scaffolded.Run run = theater("new", "handler", "int", "--dir", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).containsExactly("theater: new handler: NAME 'int' would make the Java package"
                + " com.example.int, and 'int' is a Java keyword; choose another NAME");
    }

    @Test
    void aMissingDirIsRefused() {
        Path missing = dir.resolve("nowhere");

        Scaffolded.Run run = theater("new", "handler", "hello", "--dir", missing.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).containsExactly("theater: new handler: --dir " + missing + ": no such folder");
    }

    @Test
    void anActorNeedsTheSdkOfADistribution() {
        Scaffolded.Run run = theater(Optional.empty(), "new", "actor", "hello-actor", "--dir", dir.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).containsExactly("theater: new actor: this theater does not run from a distribution"
                + " (<dist>/lib/theater-cli.jar), so it has no C SDK (<dist>/sdk/c) for build.sh; run the"
                + " distribution's theater");
        assertThat(Files.exists(dir.resolve("hello-actor"))).isFalse();
    }
}
