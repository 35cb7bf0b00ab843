package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitInterface;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitParser;
import dev.theater.wit.WitWorld;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The C guest SDK (sdk/c) against the WIT it binds (sdk/c/README.md, "Versions" and "Names"): its
 * {@code THEATER_SDK_VERSION} is the version the project declares for the theater:simple package, and every function
 * of every theater:simple interface (wit/*.wit, parsed with the project's WIT parser) has its SDK helper: an import
 * {@code iface.func} the function {@code theater_<iface>_<func>}, an export the macro {@code THEATER_EXPORT_<FUNC>}
 * ({@code -} becomes {@code _}, macros upper-cased), defined in a header of sdk/c.
 */
class CSdkCoverageTest {

    private static final Path ROOT = Path.of("").toAbsolutePath(); // surefire runs this module from the project root
    private static final Path SDK = ROOT.resolve("sdk/c");

    /**
     * Interfaces whose SDK header is still to come (each arrives with its handler's guests): their functions are not
     * checked yet. Take an interface off when its header lands (the test fails until you do).
     */
    static final Set<String> STILL_TO_COME = Set.of(
            "timing");          // theater/timing.h

    /**
     * Export macros whose derived name would be ambiguous: {@code init} alone says nothing, and http-handlers'
     * {@code handle-request} would collide with message-server-client's.
     */
    static final Map<String, String> EXPORT_NAME_EXCEPTIONS = Map.of(
            "actor.init", "THEATER_EXPORT_ACTOR_INIT",
            "http-handlers.handle-request", "THEATER_EXPORT_HANDLE_HTTP_REQUEST");

    private static final WitPackage SIMPLE = WitParser.parseDirectory(ROOT.resolve("wit"));

    @Test
    void theSdkVersionIsTheVersionOfTheWitPackage() throws IOException {
        Matcher defined = Pattern.compile("(?m)^#define THEATER_SDK_VERSION \"([^\"]*)\"$").matcher(header("base.h"));
        assertThat(defined.find()).as("sdk/c/theater/base.h defines THEATER_SDK_VERSION \"<version>\"").isTrue();
        assertThat(defined.group(1)).as("THEATER_SDK_VERSION in sdk/c/theater/base.h against " + declaredWitVersion().source())
                .isEqualTo(declaredWitVersion().version());
    }

    @Test
    void everyTheaterSimpleFunctionHasItsSdkHelper() throws IOException {
        String sdk = allHeaders();
        Map<String, String> derived = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> exported = exportedInterfaces();
        for (WitInterface iface : SIMPLE.interfaces().values()) {
            if (iface.functions().isEmpty()) {
                continue; // types only: types, http-types, websocket-types
            }
            List<String> missing = new ArrayList<>();
            for (String function : iface.functions().keySet()) {
                String key = iface.name() + "." + function;
                boolean export = exported.contains(iface.name());
                String name = export ? exportMacro(iface.name(), function) : importHelper(iface.name(), function);
                String before = derived.put(name, key);
                if (before != null) {
                    problems.add(key + " and " + before + " both derive " + name + ": add one to EXPORT_NAME_EXCEPTIONS");
                }
                boolean found = export ? Pattern.compile("(?m)^#define " + name + "\\(").matcher(sdk).find()
                        : Pattern.compile("(?m)^static [^;{=]*\\b" + name + "\\(").matcher(sdk).find();
                if (!found) {
                    missing.add((export ? "export " : "import ") + key + " -> " + name);
                }
            }
            boolean toCome = STILL_TO_COME.contains(iface.name());
            if (!toCome && !missing.isEmpty()) {
                problems.addAll(missing.stream().map(m -> m + " has no definition in sdk/c").toList());
            }
            if (toCome && missing.isEmpty()) {
                problems.add(iface.name() + " has every helper in sdk/c now: take it off STILL_TO_COME");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(STILL_TO_COME).allMatch(name -> SIMPLE.findInterface(name).isPresent(), "names a theater:simple interface");
    }

    @Test
    void theUmbrellaHeaderIncludesEveryHeader() throws IOException {
        String umbrella = Files.readString(SDK.resolve("theater.h"), StandardCharsets.UTF_8);
        try (Stream<Path> headers = Files.list(SDK.resolve("theater"))) {
            assertThat(headers.map(h -> h.getFileName().toString()).filter(n -> n.endsWith(".h")).sorted())
                    .allMatch(name -> umbrella.contains("#include \"theater/" + name + "\""), "included by sdk/c/theater.h");
        }
    }

    /** Interfaces some world of the package exports (the others are imported). */
    private static Set<String> exportedInterfaces() {
        return SIMPLE.worlds().values().stream().map(WitWorld::exports).flatMap(List::stream).map(WitInterface::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String importHelper(String iface, String function) {
        return ("theater_" + iface + "_" + function).replace('-', '_');
    }

    static String exportMacro(String iface, String function) {
        return EXPORT_NAME_EXCEPTIONS.getOrDefault(iface + "." + function,
                "THEATER_EXPORT_" + function.replace('-', '_').toUpperCase(Locale.ROOT));
    }

    /** A version and where it was declared. */
    record Declared(String version, String source) {}

    /**
     * The version the project declares for theater:simple: the {@code @version} of its {@code package} line when the
     * WIT has one, else the version of the Maven module that bundles the package (theater-wit, wit/pom.xml, inherited
     * from its parent when it has none of its own) without {@code -SNAPSHOT}.
     */
    static Declared declaredWitVersion() throws IOException {
        if (SIMPLE.version().isPresent()) {
            return new Declared(SIMPLE.version().get(), "the package line of wit/*.wit");
        }
        String pom = Files.readString(ROOT.resolve("wit/pom.xml"), StandardCharsets.UTF_8);
        Matcher parent = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>.*?</parent>").matcher(pom);
        String own = pom.replaceAll("(?s)<parent>.*?</parent>|<dependencies>.*?</dependencies>|<build>.*?</build>"
                + "|<dependencyManagement>.*?</dependencyManagement>|<profiles>.*?</profiles>", "");
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(own);
        String found = version.find() ? version.group(1) : parent.find() ? parent.group(1) : null;
        assertThat(found).as("a <version> in wit/pom.xml").isNotNull();
        return new Declared(found.replaceFirst("-SNAPSHOT$", ""), "wit/pom.xml (theater:simple has no @version)");
    }

    private static String header(String name) throws IOException {
        return Files.readString(SDK.resolve("theater").resolve(name), StandardCharsets.UTF_8);
    }

    private static String allHeaders() throws IOException {
        try (Stream<Path> files = Files.walk(SDK)) {
            StringBuilder text = new StringBuilder();
            for (Path h : files.filter(p -> p.toString().endsWith(".h")).sorted().toList()) {
                text.append(Files.readString(h, StandardCharsets.UTF_8)).append('\n');
            }
            return text.toString();
        }
    }
}
