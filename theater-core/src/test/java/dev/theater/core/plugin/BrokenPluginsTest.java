package dev.theater.core.plugin;

import static dev.theater.core.plugin.PluginProblem.error;
import static dev.theater.core.plugin.PluginProblem.warning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.testing.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of broken plugin jar is reported with its path and cause, and the good plugin beside it still loads. */
class BrokenPluginsTest {

    /** What the registry and PF4J log about the broken jars: captured, not printed into the build log. */
    private final CapturedLogs logs = ProblemLogs.capture();

    @AfterEach
    void restoreLogging() {
        logs.close();
    }

    private static final String SERVICES = "META-INF/services/dev.theater.api.handler.HandlerProvider";
    private static final String NEEDS = "a plugin jar needs the manifest entries Plugin-Id and Plugin-Version";

    @TempDir
    Path temp;
    Path plugins;
    Path good;

    @BeforeEach
    void goodPlugin() {
        plugins = temp.resolve("plugins");
        good = TestJar.named("greet.jar").plugin("greet", "1.0.0")
                .provider("plug.greet.GreetProvider", "greet", "test:greet/greeter").writeTo(plugins);
    }

    private HandlerRegistry registry() {
        return HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false).build();
    }

    private void assertOnly(PluginProblem problem) {
        try (HandlerRegistry registry = registry()) {
            assertThat(registry.problems()).containsExactly(problem);
            assertThat(registry.types()).containsExactly("greet");
            assertThat(logs.lines(ProblemLogs.REGISTRY)).containsExactlyElementsOf(
                    ProblemLogs.lines(registry.problems()));
            assertThat(ProviderDriver.greet(registry.provider("greet").orElseThrow(), "test:greet/greeter", "ada"))
                    .isEqualTo("hi ada from greet");
        }
    }

    @Test
    void aJarThatIsNotAZip() throws Exception {
        Path jar = Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file", StandardCharsets.UTF_8);
        assertOnly(error(jar.toString(), "plugin jar refused: not a jar (zip) file: zip END header not found"));
    }

    @Test
    void aJarWithoutManifest() {
        Path jar = TestJar.named("bare.jar").noManifest().provider("plug.bare.Bare", "bare", "test:bare/b")
                .writeTo(plugins);
        assertOnly(error(jar.toString(), "plugin jar refused: has no META-INF/MANIFEST.MF; " + NEEDS));
    }

    @Test
    void aManifestWithoutPluginId() {
        Path jar = TestJar.named("noid.jar").manifest("Plugin-Version", "1.0.0")
                .provider("plug.noid.NoId", "noid", "test:noid/n").writeTo(plugins);
        assertOnly(error(jar.toString(), "plugin jar refused: its manifest has no Plugin-Id entry; " + NEEDS));
    }

    @Test
    void aManifestWithoutPluginVersion() {
        Path jar = TestJar.named("noversion.jar").manifest("Plugin-Id", "noversion")
                .provider("plug.nov.NoVersion", "noversion", "test:nov/n").writeTo(plugins);
        assertOnly(error(jar.toString(),
                "plugin jar refused: its manifest (Plugin-Id noversion) has no Plugin-Version entry; " + NEEDS));
    }

    @Test
    void aDuplicatePluginId() {
        Path jar = TestJar.named("second-greet.jar").plugin("greet", "2.0.0")
                .provider("plug.second.Greet", "greet2", "test:greet/other").writeTo(plugins);
        assertOnly(error(jar.toString(),
                "Plugin-Id 'greet' is already used by " + good + "; plugin ids must be unique in a plugins folder"));
    }

    @Test
    void aClassListedInTheServiceFileThatIsNotInTheJar() {
        Path jar = TestJar.named("missing.jar").plugin("missing", "1.0.0").service("plug.missing.Gone")
                .writeTo(plugins);
        assertOnly(error(jar.toString(),
                "plugin 'missing': class plug.missing.Gone listed in " + SERVICES + " is not in the jar"));
    }

    @Test
    void aProviderWhoseConstructorThrows() {
        Path jar = TestJar.named("throwing.jar").plugin("throwing", "1.0.0")
                .providerWithConstructor("plug.throwing.Throwing", "throwing",
                        "throw new IllegalStateException(\"no licence key\");", "test:throwing/t")
                .writeTo(plugins);
        assertOnly(error(jar.toString(), "plugin 'throwing': provider plug.throwing.Throwing could not be created:"
                + " IllegalStateException: no licence key"));
    }

    @Test
    void aProviderWithABlankType() {
        Path jar = TestJar.named("blank.jar").plugin("blank", "1.0.0")
                .provider("plug.blank.Blank", " ", "test:blank/b").writeTo(plugins);
        assertOnly(error(jar.toString(), "provider plug.blank.Blank refused: type() is blank"));
    }

    @Test
    void aProviderWhoseImportsAreNotQualified() {
        Path jar = TestJar.named("unqualified.jar").plugin("unqualified", "1.0.0")
                .provider("plug.unq.Unqualified", "timing", "timing").writeTo(plugins);
        assertOnly(error(jar.toString(), "provider plug.unq.Unqualified (type 'timing') refused: imports() lists"
                + " 'timing', which is not a qualified WIT interface name 'namespace:package/interface'"
                + " (e.g. theater:simple/runtime)"));
    }

    @Test
    void aListedClassThatIsNotAProvider() {
        Path jar = TestJar.named("notprovider.jar").plugin("notprovider", "1.0.0")
                .source("plug.np.NotAProvider", "package plug.np; public class NotAProvider {}")
                .service("plug.np.NotAProvider").writeTo(plugins);
        assertOnly(error(jar.toString(), "plugin 'notprovider': class plug.np.NotAProvider listed in " + SERVICES
                + " does not implement dev.theater.api.handler.HandlerProvider"));
    }

    @Test
    void aPluginClassThatIsNotInTheJar() {
        Path jar = TestJar.named("pluginclass.jar").plugin("pluginclass", "1.0.0")
                .manifest("Plugin-Class", "plug.pc.Missing")
                .provider("plug.pc.Provider", "pc", "test:pc/p").writeTo(plugins);
        assertOnly(error(jar.toString(),
                "plugin 'pluginclass': failed to start: Plugin-Class plug.pc.Missing is not in the jar"));
        // PF4J reports the failed start too; the CLI hides that copy (TheaterCommand.quietLogging)
        assertThat(logs.lines(ProblemLogs.PF4J_MANAGER))
                .containsExactly("SEVERE Unable to start plugin 'pluginclass@1.0.0'");
    }

    @Test
    void aPluginWithoutServiceFileIsAWarning() {
        Path jar = TestJar.named("empty.jar").plugin("empty", "1.0.0")
                .source("plug.empty.Nothing", "package plug.empty; public class Nothing {}").writeTo(plugins);
        assertOnly(warning(jar.toString(),
                "plugin 'empty': declares no handler provider: the jar has no " + SERVICES));
    }

    @Test
    void withProblemLoggingOffTheProblemsAreReportedButNotLogged() throws Exception {
        Path jar = Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file", StandardCharsets.UTF_8);
        try (HandlerRegistry registry = HandlerRegistry.builder().pluginsDirectory(plugins).serviceLoader(false)
                .logProblems(false).build()) {
            assertThat(registry.problems()).containsExactly(error(jar.toString(),
                    "plugin jar refused: not a jar (zip) file: zip END header not found"));
            assertThat(registry.types()).containsExactly("greet");
        }
        assertThat(logs.allLines(ProblemLogs.REGISTRY)).isEmpty();
    }

    @Test
    void filesThatAreNotJarsAndSubfoldersAreIgnored() throws Exception {
        Files.writeString(plugins.resolve("README.txt"), "not a plugin");
        TestJar.named("nested.jar").plugin("nested", "1.0.0")
                .provider("plug.nested.Nested", "nested", "test:nested/n").writeTo(plugins.resolve("sub"));
        try (HandlerRegistry registry = registry()) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.types()).containsExactly("greet");
        }
    }

    @Test
    void allBrokenJarsTogetherStillLeaveTheGoodOneLoaded() throws Exception {
        Files.writeString(plugins.resolve("a-broken.jar"), "not a zip");
        TestJar.named("b-missing.jar").plugin("missing", "1.0.0").service("plug.missing.Gone").writeTo(plugins);
        TestJar.named("c-throwing.jar").plugin("throwing", "1.0.0")
                .providerWithConstructor("plug.throwing.Throwing", "throwing", "throw new IllegalStateException();",
                        "test:throwing/t").writeTo(plugins);
        TestJar.named("d-blank.jar").plugin("blank", "1.0.0").provider("plug.blank.Blank", "", "test:b/b")
                .writeTo(plugins);
        try (HandlerRegistry registry = registry()) {
            assertThat(registry.types()).containsExactly("greet");
            assertThat(registry.problems()).hasSize(4)
                    .allMatch(problem -> problem.severity() == PluginProblem.Severity.ERROR)
                    .extracting(problem -> plugins.relativize(Path.of(problem.source())).toString())
                    .containsExactly("a-broken.jar", "b-missing.jar", "c-throwing.jar", "d-blank.jar");
            assertThat(logs.lines(ProblemLogs.REGISTRY)).containsExactlyElementsOf(
                    ProblemLogs.lines(registry.problems()));
        }
    }
}
