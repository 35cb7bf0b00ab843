package dev.theater.core.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.EngineMode;
import dev.theater.core.abi.link.TestGuests;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CompiledModule;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kitchen-sink guest here and under a reference host (its component transpiled by jco, run by Node with a
 * recording kitchen-host) run the same call script, tools/components/conformance/kitchen-sink.calls.json; their
 * transcripts (each call's result and every host call, with arguments and answer, in order) must be equal. Formats,
 * host rules and how to run: tools/components/conformance/README.md.
 *
 * <p>The Node side always runs {@code kitchen-sink.component.wasm}; this side runs the file of the parameter: the
 * core module {@code kitchen-sink.wasm} (the same code, the component's core module byte for byte), and the
 * component itself, which fails until the engine loads components (issue 15, deliverable 1).
 */
class ComponentConformanceTest {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String INSTALL = "install Node 20+ and run: npm ci --prefix tools/components";

    static final WitInterface HOST = TestGuests.wit("kitchen-sink").requireInterface("kitchen-host");
    static final WitInterface KITCHEN = TestGuests.wit("kitchen-sink").requireInterface("kitchen");

    /** The Node transcript, made once per JVM (transpiling and running takes seconds). */
    private static String nodeTranscript;

    static Stream<Arguments> forms() {
        return Stream.of(
                Arguments.of("kitchen-sink.wasm", EngineMode.COMPILER),
                Arguments.of("kitchen-sink.wasm", EngineMode.INTERPRETER),
                Arguments.of("kitchen-sink.component.wasm", EngineMode.COMPILER),
                Arguments.of("kitchen-sink.component.wasm", EngineMode.INTERPRETER));
    }

    @ParameterizedTest(name = "{0} ({1}) vs jco + Node")
    @MethodSource("forms")
    void sameTranscriptAsTheReferenceHost(String file, EngineMode mode) throws Exception {
        Path root = repoRoot();
        Path script = root.resolve("tools/components/conformance/kitchen-sink.calls.json");
        JsonNode calls = MAPPER.readTree(Files.readString(script, StandardCharsets.UTF_8));
        JsonNode reference = MAPPER.readTree(node(root, script));

        byte[] bytes = Files.readAllBytes(TestGuests.folder().resolve("kitchen-sink").resolve(file));
        CompiledModule module = TestGuests.engine(mode).compile(file, bytes);
        String transcript = run(module, calls);
        JsonNode ours = MAPPER.readTree(transcript);
        assertThat(reference.size()).as("calls in the Node transcript").isEqualTo(calls.get("calls").size());
        for (int i = 0; i < Math.max(ours.size(), reference.size()); i++) {
            JsonNode a = i < ours.size() ? ours.get(i) : null;
            JsonNode b = i < reference.size() ? reference.get(i) : null;
            if (a == null || !a.equals(b)) {
                // both transcripts, one call a line, to diff by hand
                Path out = Files.createTempDirectory("kitchen-sink-conformance");
                Files.writeString(out.resolve("java-" + file + "-" + mode + ".json"), transcript, StandardCharsets.UTF_8);
                Files.writeString(out.resolve("node.json"), nodeTranscript, StandardCharsets.UTF_8);
                fail("call " + i + " (" + calls.get("calls").get(i).get("function").asString() + ") differs from the"
                        + " reference host" + firstDifference("", a, b) + "\n  here: " + a + "\n  node: " + b
                        + "\n(transcripts in " + out.toAbsolutePath() + ")");
            }
        }
        List<Integer> failed = new ArrayList<>();
        for (JsonNode e : ours) {
            if (e.has("error")) {
                failed.add(e.get("index").asInt());
            }
        }
        assertThat(failed).as("calls that trapped (on both sides alike)").isEmpty();
        assertThat(ours.size()).isGreaterThanOrEqualTo(100);
    }

    /** Runs the script against this runtime with the recording Java kitchen-host; the transcript, one call a line. */
    private static String run(CompiledModule module, JsonNode script) {
        List<ObjectNode> hostCalls = new ArrayList<>();
        KitchenHostRules rules = new KitchenHostRules(script.get("host-items"));
        WitLinker linker = WitLinker.forModule(module).withInterface(KITCHEN);
        for (WitFunction fn : HOST.functions().values()) {
            linker.define(HOST, fn.name(), (ctx, args) -> {
                ArrayNode json = JSON.arrayNode();
                for (int i = 0; i < args.size(); i++) {
                    json.add(WitJson.encode(fn.params().get(i).type(), args.get(i)));
                }
                JsonNode result = rules.answer(fn.name(), json);
                ObjectNode call = JSON.objectNode();
                call.put("function", fn.name());
                call.set("args", json);
                call.set("result", result);
                hostCalls.add(call);
                return Optional.of(WitJson.decode(fn.result().orElseThrow(), result, fn.name() + " result"));
            });
        }
        WitInstance kitchen = linker.instantiate();
        List<String> lines = new ArrayList<>();
        JsonNode calls = script.get("calls");
        for (int index = 0; index < calls.size(); index++) {
            JsonNode call = calls.get(index);
            String name = call.get("function").asString();
            WitFunction fn = KITCHEN.function(name).orElseThrow(() -> new IllegalArgumentException(
                    "kitchen-sink.calls.json: call has unknown function " + name));
            List<WitValue> args = new ArrayList<>();
            for (int i = 0; i < fn.params().size(); i++) {
                args.add(WitJson.decode(fn.params().get(i).type(), call.get("args").get(i),
                        "call " + index + " (" + name + ")." + fn.params().get(i).name()));
            }
            hostCalls.clear();
            ObjectNode entry = JSON.objectNode();
            entry.put("index", index);
            entry.put("function", name);
            try {
                Optional<WitValue> result = kitchen.call(KITCHEN, name, args);
                entry.set("host", hostArray(hostCalls));
                entry.set("result", WitJson.encode(fn.result().orElseThrow(), result.orElseThrow()));
            } catch (RuntimeException e) {
                // the message is the engine's and is not compared; the trap is
                entry.set("host", hostArray(hostCalls));
                entry.put("error", "trap");
                System.err.println("call " + index + " (" + name + ") failed: " + e);
            }
            lines.add(MAPPER.writeValueAsString(entry));
        }
        return "[\n" + String.join(",\n", lines) + "\n]\n";
    }

    private static ArrayNode hostArray(List<ObjectNode> calls) {
        ArrayNode a = JSON.arrayNode();
        calls.forEach(a::add);
        return a;
    }

    /** The JSON path of the first difference of two entries, e.g. {@code  at .host[1].args[4]}. */
    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            return " at " + (path.isEmpty() ? "the entry" : path) + " (here " + a + ", node " + b + ")";
        }
        if (a.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                JsonNode x = i < a.size() ? a.get(i) : null;
                JsonNode y = i < b.size() ? b.get(i) : null;
                if (x == null || !x.equals(y)) {
                    return firstDifference(path + "[" + i + "]", x, y);
                }
            }
        } else if (a.isObject()) {
            List<String> names = new ArrayList<>(a.propertyNames());
            b.propertyNames().stream().filter(n -> !names.contains(n)).forEach(names::add);
            for (String n : names) {
                if (!a.has(n) || !a.get(n).equals(b.get(n))) {
                    return firstDifference(path + "." + n, a.get(n), b.get(n));
                }
            }
        }
        return " at " + (path.isEmpty() ? "the entry" : path) + " (here " + a + ", node " + b + ")";
    }

    private static Path repoRoot() {
        return TestGuests.folder().toAbsolutePath().normalize().getParent();
    }

    /** Runs the Node reference host once (skipping the test, with how to install it, when node or jco is missing). */
    private static synchronized String node(Path root, Path script) throws IOException, InterruptedException {
        if (nodeTranscript != null) {
            return nodeTranscript;
        }
        Optional<Path> node = onPath("node");
        skipUnless(node.isPresent(), "node is not on the PATH: the conformance test needs it; " + INSTALL);
        Path tools = root.resolve("tools/components");
        skipUnless(Files.isDirectory(tools.resolve("node_modules/@bytecodealliance/jco-transpile")),
                tools.resolve("node_modules") + " lacks the pinned jco: " + INSTALL);
        Path component = TestGuests.folder().resolve("kitchen-sink/kitchen-sink.component.wasm");
        Path out = Files.createTempFile("kitchen-sink-node", ".json");
        Path log = Files.createTempFile("kitchen-sink-node", ".log");
        try {
            Process p = new ProcessBuilder(node.get().toString(), tools.resolve("conformance/run.mjs").toString(),
                    component.toString(), script.toString(), out.toString())
                    .directory(tools.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("the Node reference host did not finish within 5 minutes; its output:\n" + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                fail("the Node reference host (" + tools.resolve("conformance/run.mjs") + ") exited with " + p.exitValue()
                        + ":\n" + Files.readString(log));
            }
            nodeTranscript = Files.readString(out, StandardCharsets.UTF_8);
            return nodeTranscript;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    /** A skip whose reason also reaches the build log (surefire's summary shows only the count of skipped tests). */
    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.err.println("ComponentConformanceTest skipped: " + reason);
        }
        assumeTrue(condition, reason);
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
