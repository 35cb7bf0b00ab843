package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainStore;
import dev.theater.core.abi.CanonicalAbi;
import dev.theater.core.abi.FunctionAbi;
import dev.theater.core.engine.CoreSignature;
import dev.theater.core.engine.CoreType;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitPackage;
import dev.theater.wit.WitWorld;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/actors.md, checked: its signature and result-area tables against the runtime's canonical-ABI code for the
 * bundled theater:simple WIT, its two worked examples built with clang and run with {@code theater run} as written
 * (their output compared whole), its chain excerpts, and every row of its error table provoked for real. Building
 * needs clang and wasm-ld (CI installs them, see .ci/run); without them those tests are skipped, saying so.
 */
class ActorGuideTest {

    static final Path ROOT = RunCommandTest.ROOT.toAbsolutePath().normalize();
    static final GuideDoc DOC = GuideDoc.read(ROOT.resolve("docs/actors.md"));
    static final WitPackage SIMPLE = TheaterWit.load();
    /** The --home of the guide's commands; the tests use a temporary one and print it as this. */
    static final String HOME = "/tmp/counter-home";
    /** How the guide writes the folder of a module in the messages it quotes. */
    static final String FOLDER = "…/";

    @TempDir
    Path tmp;

    // --- the tables, against the runtime's ABI -------------------------------------------------------------

    @Test
    void everyExportIsListedWithTheCoreSignatureTheRuntimeChecks() {
        Map<String, String> documented = rowsNamed("#");
        Map<String, String> runtime = new LinkedHashMap<>();
        exported().forEach((name, fn) -> runtime.put(name, "`" + exportSignature(fn) + "`"));
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(runtime);
    }

    @Test
    void everyImportIsListedWithItsCoreSignatureAndReturnArea() {
        Map<String, List<String>> documented = new LinkedHashMap<>();
        DOC.tableRows().stream().filter(r -> r.size() == 3 && GuideDoc.code(r.get(0)).matches("theater:simple/[a-z-]+\\.[a-z-]+"))
                .forEach(r -> documented.put(GuideDoc.code(r.get(0)), List.of(r.get(1), r.get(2))));
        Map<String, List<String>> runtime = new LinkedHashMap<>();
        imported().forEach((name, fn) -> {
            FunctionAbi abi = FunctionAbi.of(fn);
            String area = fn.result().isPresent() && abi.importResults().isEmpty()
                    ? CanonicalAbi.size(fn.result().get()) + " bytes, align " + CanonicalAbi.alignment(fn.result().get())
                    : "—";
            runtime.put(name, List.of("`" + CoreSignature.of(abi.importParams(), abi.importResults()) + "`", area));
        });
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(runtime);
    }

    @Test
    void everyPrimitiveTypeFlattensAndLaysOutAsTheTableSays() {
        List<String> checked = new ArrayList<>();
        for (List<String> row : DOC.tableRows()) {
            Optional<WitType.Primitive> type = primitive(GuideDoc.code(row.get(0)));
            if (row.size() == 3 && type.isPresent()) {
                WitType.Primitive p = type.get();
                List<String> flat = GuideDoc.codeSpans(row.get(1));
                assertThat(flat).as(p.wit() + " core values").isEqualTo(CanonicalAbi.flatten(p).stream().map(CoreType::wat).toList());
                assertThat(row.get(2)).as(p.wit() + " size, align")
                        .startsWith(CanonicalAbi.size(p) + ", " + CanonicalAbi.alignment(p));
                checked.add(p.wit());
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(
                Stream.of(WitType.Primitive.values()).map(WitType.Primitive::wit).toList());
    }

    @Test
    void everyResultAreaIsLaidOutAsTheRuntimeLaysItOut() {
        Map<String, WitFunction> exports = exported();
        List<String> covered = new ArrayList<>();
        List<WitType> elements = new ArrayList<>();
        for (GuideDoc.Layout layout : DOC.layouts()) {
            if (layout.element() != null) {
                continue;
            }
            assertThat(layout.exports()).as("a result area names its exports").isNotEmpty();
            for (String name : layout.exports()) {
                WitFunction fn = exports.get(name);
                assertThat(fn).as(name + " is a theater:simple export").isNotNull();
                WitType result = fn.result().orElseThrow();
                assertThat(layout.type().replace("json", "list<u8>")).as(name + " result type").isEqualTo(result.wit());
                LayoutCheck.check(layout, result, name);
                covered.add(name);
                LayoutCheck.listElements(result).stream().filter(t -> !elements.contains(t)).forEach(elements::add);
            }
        }
        assertThat(covered).as("every export has one result-area table").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(exports.keySet());
        List<String> described = new ArrayList<>();
        for (GuideDoc.Layout layout : DOC.layouts()) {
            if (layout.element() != null) {
                WitType element = elements.stream().filter(t -> t.wit().equals(layout.element())).findFirst()
                        .orElseThrow(() -> new AssertionError(layout.element() + " is no list element of a result"));
                LayoutCheck.check(layout, element, "element " + layout.element());
                described.add(element.wit());
            }
        }
        assertThat(described).as("every list element in a result has a table")
                .containsExactlyInAnyOrderElementsOf(elements.stream().map(WitType::wit).toList());
    }

    // --- the worked examples -------------------------------------------------------------------------------

    @Test
    void thePlainCExampleBuildsRunsAndPrintsWhatTheGuideSays() throws Exception {
        assertRunsAsDocumented("counter");
    }

    @Test
    void theSdkExampleBuildsRunsAndPrintsWhatTheGuideSays() throws Exception {
        copyTree(ROOT.resolve("sdk/c"), tmp.resolve("sdk/c")); // the guide's -I sdk/c, relative to the root
        assertRunsAsDocumented("counter-sdk");
    }

    @Test
    void theLinesTheSdkSavesAreCountedRight() {
        Matcher saved = Pattern.compile("\\((\\d+) lines instead of (\\d+)\\)").matcher(docText());
        assertThat(saved.find()).as("the guide says how many lines the SDK saves").isTrue();
        assertThat(DOC.block("c file=counter-sdk/counter.c").lines().count()).isEqualTo(Long.parseLong(saved.group(1)));
        assertThat(DOC.block("c file=counter/counter.c").lines().count()).isEqualTo(Long.parseLong(saved.group(2)));
    }

    private static String docText() {
        try {
            return Files.readString(ROOT.resolve("docs/actors.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRunsAsDocumented(String example) throws Exception {
        assumeToolchain();
        for (GuideDoc.Block block : DOC.blocks()) {
            if (block.info().matches("(c|toml) file=" + example + "/.*")) {
                Path file = tmp.resolve(block.info().substring(block.info().indexOf('=') + 1));
                Files.createDirectories(file.getParent());
                Files.writeString(file, block.text());
            }
        }
        Path home = tmp.resolve("home");
        Run run = null;
        for (String line : DOC.block("sh run=" + example).lines().toList()) {
            List<String> words = List.of(line.trim().split(" +"));
            switch (words.getFirst()) {
                case "clang" -> clang(tmp, words, List.of());
                case "rm" -> assertThat(line).isEqualTo("rm -rf " + HOME); // the test's home is a fresh folder
                case "./theater" -> run = theater(cliArgs(words, home, tmp, Optional.empty()));
                default -> throw new AssertionError("a command the test does not know: " + line);
            }
        }
        assertThat(run).as("the guide runs ./theater").isNotNull();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().replace(home.toString(), HOME)).isEqualTo(DOC.block("text output=" + example));
    }

    // --- the failure rule's chain excerpts -----------------------------------------------------------------

    @Test
    void anErrorResultIsRecordedAsTheGuideShows() throws Exception {
        List<String> chain = chainOf("error-result", "counter=fail");
        assertThat(chain).containsSequence(DOC.block("text chain=error-result").lines().toList());
        assertThat(chain).as("the actor goes on: it stops only when the runtime closes").endsWith(
                "lifecycle/stopping {\"reason\":\"the runtime is closing\"}",
                "lifecycle/stopped (stopped) {\"reason\":\"the runtime is closing\"}");
    }

    @Test
    void aTrapIsRecordedAsTheGuideShows() throws Exception {
        List<String> chain = chainOf("trap", "counter=crash");
        assertThat(chain).endsWith(DOC.block("text chain=trap").lines().toArray(String[]::new));
    }

    /** The chain of the example with the guide's {@code c variant=<variant>} lines in handle-send, after one send. */
    private List<String> chainOf(String variant, String send) throws Exception {
        assumeToolchain();
        String snippet = DOC.block("c variant=" + variant);
        Path dir = build(variant, GuideMistakes.replace(GuideMistakes.SEND_INSERT_AT,
                "  host_log(line, n);\n" + snippet + "  return return_count(count);").apply(DOC.block("c file=counter/counter.c")),
                DOC.block("toml file=counter/counter.toml"), List.of());
        Path home = tmp.resolve(variant + "-home");
        Run run = theater(cliArgs(guideRunLine(), home, dir, Optional.of(List.of(send))));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        String folder = dir.resolve("counter").toString() + "/";
        return ChainStore.readFile(home.resolve("chains/counter.chain")).stream()
                .map(e -> describe(e).replace(folder, FOLDER)).toList();
    }

    private static String describe(ChainEvent e) {
        return e.eventType() + e.description().map(d -> " (" + d + ")").orElse("") + " " + e.dataAsString();
    }

    // --- the error table -----------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyMistakeInTheTablePrintsTheQuotedMessage() {
        Map<String, String> quoted = new LinkedHashMap<>();
        DOC.tableRows().stream().filter(r -> r.size() == 4 && r.get(1).startsWith("`theater: "))
                .forEach(r -> quoted.put(r.get(0), GuideDoc.code(r.get(1))));
        Map<String, GuideMistakes.Mistake> mistakes = GuideMistakes.all(DOC.block("c variant=error-result"));
        assertThat(quoted.keySet()).as("the table's rows are the mistakes this test makes")
                .containsExactlyElementsOf(mistakes.keySet());
        return quoted.entrySet().stream().map(row -> DynamicTest.dynamicTest(row.getKey(), () -> {
            assumeToolchain();
            GuideMistakes.Mistake mistake = mistakes.get(row.getKey());
            Path dir = build("mistake-" + (List.copyOf(quoted.keySet()).indexOf(row.getKey())),
                    mistake.source().apply(DOC.block("c file=counter/counter.c")),
                    mistake.manifest().apply(DOC.block("toml file=counter/counter.toml")), mistake.clangFlags());
            if (mistake.module().isPresent()) {
                Files.write(dir.resolve("counter/counter.wasm"), mistake.module().get());
            }
            Run run = theater(cliArgs(guideRunLine(), dir.resolve("home"), dir, Optional.of(mistake.sends())));
            String folder = dir.resolve("counter").toString() + "/";
            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
            assertThat(run.err().replace(folder, FOLDER).lines()).contains(row.getValue());
        }));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Writes the example's source and manifest into {@code <tmp>/<name>/counter/} and builds it as the guide does. */
    private Path build(String name, String source, String manifest, List<String> extraFlags) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("counter"));
        Files.writeString(dir.resolve("counter/counter.c"), source);
        Files.writeString(dir.resolve("counter/counter.toml"), manifest);
        String clangLine = DOC.block("sh run=counter").lines().filter(l -> l.startsWith("clang ")).findFirst().orElseThrow();
        clang(dir, List.of(clangLine.split(" +")), extraFlags);
        return dir;
    }

    private static List<String> guideRunLine() {
        return List.of(DOC.block("sh run=counter").lines().filter(l -> l.startsWith("./theater ")).findFirst()
                .orElseThrow().split(" +"));
    }

    /**
     * The guide's {@code ./theater run ...} as in-process arguments: the temporary home for {@value #HOME}, the
     * built-in plugins, manifests resolved in {@code dir}, and, if given, other {@code --send}s instead of the guide's.
     */
    private static List<String> cliArgs(List<String> words, Path home, Path dir, Optional<List<String>> sends) {
        List<String> args = new ArrayList<>(List.of("run", "--plugins", RunCommandTest.PLUGINS.toString()));
        for (int i = 2; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--send") && sends.isPresent()) {
                i++;
            } else if (w.equals(HOME)) {
                args.add(home.toString());
            } else if (w.endsWith(".toml")) {
                sends.ifPresent(list -> list.forEach(s -> args.addAll(List.of("--send", s))));
                args.add(dir.resolve(w).toString());
            } else {
                args.add(w);
            }
        }
        assertThat(words.subList(0, 2)).isEqualTo(List.of("./theater", "run"));
        return args;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private record Run(int exit, String out, String err) {}

    private static Run theater(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = TheaterCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Runs the guide's clang command in {@code dir}, with {@code extra} flags before {@code -o}. */
    private static void clang(Path dir, List<String> words, List<String> extra) throws Exception {
        List<String> command = new ArrayList<>(words);
        command.addAll(command.indexOf("-o"), extra);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done && p.exitValue() == 0).as(String.join(" ", command) + "\n" + output).isTrue();
    }

    private static void assumeToolchain() {
        assumeTrue(runs("clang", "--version") && runs("wasm-ld", "--version"),
                "clang and wasm-ld are needed to build the guide's examples (CI installs them: .ci/run)");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The second cell of every table row whose first cell is one code span containing {@code marker}. */
    private static Map<String, String> rowsNamed(String marker) {
        Map<String, String> rows = new LinkedHashMap<>();
        DOC.tableRows().stream().filter(r -> r.size() == 3 && r.get(0).startsWith("`theater:simple/")
                && GuideDoc.code(r.get(0)).contains(marker)).forEach(r -> rows.put(GuideDoc.code(r.get(0)), r.get(1)));
        return rows;
    }

    private static String exportSignature(WitFunction fn) {
        FunctionAbi abi = FunctionAbi.of(fn);
        return CoreSignature.of(abi.exportParams(), abi.exportResults()).toString();
    }

    /** Every function of every interface a theater:simple world exports, as {@code <interface>#<function>}. */
    private static Map<String, WitFunction> exported() {
        return functions(SIMPLE.worlds().values().stream().flatMap(w -> w.exports().stream()).toList(), "#");
    }

    /** Every function of every interface a theater:simple world imports, as {@code <interface>.<function>}. */
    private static Map<String, WitFunction> imported() {
        return functions(SIMPLE.worlds().values().stream().map(WitWorld::imports).flatMap(List::stream).toList(), ".");
    }

    private static Map<String, WitFunction> functions(List<WitInterface> interfaces, String separator) {
        Map<String, WitFunction> out = new LinkedHashMap<>();
        for (WitInterface iface : interfaces) {
            iface.functions().values().forEach(fn -> out.put(iface.qualifiedName() + separator + fn.name(), fn));
        }
        return out;
    }

    private static Optional<WitType.Primitive> primitive(String name) {
        return Stream.of(WitType.Primitive.values()).filter(p -> p.wit().equals(name)).findFirst();
    }
}
