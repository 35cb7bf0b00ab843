package dev.theater.cli;

import static dev.theater.cli.Scaffolded.read;
import static dev.theater.cli.Scaffolded.theater;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.chain.ChainStore;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
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
