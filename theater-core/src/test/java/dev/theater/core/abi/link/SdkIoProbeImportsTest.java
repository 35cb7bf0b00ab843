package dev.theater.core.abi.link;

import static dev.theater.core.abi.link.SdkIoScripts.FILESYSTEM;
import static dev.theater.core.abi.link.SdkIoScripts.HTTP_CLIENT;
import static dev.theater.core.abi.link.SdkIoScripts.HTTP_FRAMEWORK;
import static dev.theater.core.abi.link.SdkIoScripts.bytes;
import static dev.theater.core.abi.link.SdkIoScripts.err;
import static dev.theater.core.abi.link.SdkIoScripts.headers;
import static dev.theater.core.abi.link.SdkIoScripts.ok;
import static dev.theater.core.abi.link.SdkIoScripts.response;
import static dev.theater.core.abi.link.SdkIoScripts.serverInfo;
import static dev.theater.core.abi.link.SdkIoScripts.some;
import static dev.theater.core.abi.link.SdkIoScripts.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.api.wit.WitValue.Bytes;
import dev.theater.api.wit.WitValue.OptionValue;
import dev.theater.api.wit.WitValue.RecordValue;
import dev.theater.api.wit.WitValue.ResultValue;
import dev.theater.api.wit.WitValue.S32;
import dev.theater.api.wit.WitValue.Str;
import dev.theater.api.wit.WitValue.TupleValue;
import dev.theater.api.wit.WitValue.VariantValue;
import dev.theater.core.EngineMode;
import dev.theater.core.abi.link.SdkIoScripts.Exchange;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.FunctionExport;
import dev.theater.core.engine.FunctionImport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The C SDK's import helpers (sdk/c/theater/filesystem.h, http_client.h, http_framework.h) against the runtime's
 * canonical ABI: the sdk-io-probe guest calls every function through the SDK, the real WIT linker lifts what the SDK
 * lowered (each argument is asserted here), and the guest checks every value the host answers (ok, err, none, empty
 * lists, nested records). The runtime's ABI is the independent reference (it matched a JavaScript component 77/77),
 * so a disagreement here is an SDK bug.
 */
class SdkIoProbeImportsTest {

    static final WitInterface RUNTIME = TestGuests.simple("runtime");
    static final WitInterface CLIENT = TestGuests.simple("message-server-client");
    static final WitInterface FS = TestGuests.simple("filesystem");
    static final WitInterface HTTP_CLIENT_IF = TestGuests.simple("http-client");
    static final WitInterface FRAMEWORK = TestGuests.simple("http-framework");
    static final WitInterface HANDLERS = TestGuests.simple("http-handlers");
    static final List<WitInterface> IMPORTED = List.of(FS, HTTP_CLIENT_IF, FRAMEWORK);

    /** The number of checks the guest makes per group (test-actors/README.md, "sdk-io-probe"). */
    static final Map<String, Integer> CHECKS = Map.of("filesystem", 28, "http-client", 9, "http-framework", 46);

    record Call(String function, List<WitValue> args) {}

    private final List<String> logs = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private final Deque<WitValue> replies = new ArrayDeque<>();

    static WitLinker linker(EngineMode mode, List<String> logs, List<Call> calls, Deque<WitValue> replies) {
        WitLinker linker = WitLinker.forModule(TestGuests.module(mode, "sdk-io-probe"))
                .define(RUNTIME, "log", (ctx, args) -> {
                    logs.add(((Str) args.getFirst()).value());
                    return Optional.empty();
                })
                .withInterface(CLIENT).withInterface(HANDLERS);
        for (WitInterface iface : IMPORTED) {
            for (String fn : iface.functions().keySet()) {
                linker.define(iface, fn, (ctx, args) -> {
                    calls.add(new Call(ctx.function().name(), args));
                    if (replies.isEmpty()) {
                        throw new AssertionError("unexpected host call " + ctx.function().name() + args);
                    }
                    return Optional.of(replies.removeFirst());
                });
            }
        }
        return linker;
    }

    private WitInstance start(EngineMode mode) {
        return linker(mode, logs, calls, replies).instantiate();
    }

    static List<Exchange> script(String group) {
        return switch (group) {
            case "filesystem" -> FILESYSTEM;
            case "http-client" -> HTTP_CLIENT;
            case "http-framework" -> HTTP_FRAMEWORK;
            default -> throw new IllegalArgumentException(group);
        };
    }

    /** Runs one group with these answers; returns the state the guest reports. */
    private String run(WitInstance probe, String group, List<WitValue> answers) {
        logs.clear();
        calls.clear();
        replies.clear();
        replies.addAll(answers);
        Optional<WitValue> result = probe.call(CLIENT, "handle-send", List.of(OptionValue.none(), TupleValue.of(Bytes.utf8(group))));
        assertThat(replies).as("answers the guest did not ask for").isEmpty();
        ResultValue r = (ResultValue) result.orElseThrow();
        assertThat(r.ok()).as("handle-send of %s: %s", group, r).isTrue();
        OptionValue state = (OptionValue) ((TupleValue) r.payload().orElseThrow()).elements().getFirst();
        return ((Bytes) state.value().orElseThrow()).asUtf8();
    }

    static String report(String group, int checks, int mismatches) {
        return "{\"group\":\"" + group + "\",\"checks\":" + checks + ",\"mismatches\":" + mismatches + "}";
    }

    static Stream<Arguments> groups() {
        return Stream.of(EngineMode.values()).flatMap(m -> CHECKS.keySet().stream().sorted().map(g -> Arguments.of(m, g)));
    }

    @ParameterizedTest(name = "{1} ({0})")
    @MethodSource("groups")
    void everyFunctionRoundTripsItsArgumentsAndEveryAnswer(EngineMode mode, String group) {
        WitInstance probe = start(mode);
        List<Exchange> script = script(group);

        String state = run(probe, group, script.stream().map(Exchange::reply).toList());

        assertThat(logs).isEmpty();
        assertThat(state).isEqualTo(report(group, CHECKS.get(group), 0));
        assertThat(calls).containsExactlyElementsOf(script.stream().map(e -> new Call(e.function(), e.args())).toList());
    }

    @ParameterizedTest(name = "{1} ({0})")
    @MethodSource("groups")
    void aWrongAnswerToAnyCallIsCaughtUnderItsLabel(EngineMode mode, String group) {
        WitInstance probe = start(mode);
        List<Exchange> script = script(group);
        for (int i = 0; i < script.size(); i++) {
            Exchange e = script.get(i);
            ResultValue answer = (ResultValue) e.reply();
            // ok becomes err, err gets another message: either way the guest must notice this call
            ResultValue wrong = answer.ok() ? err("wrong") : err(((Str) answer.payload().orElseThrow()).value() + "?");
            List<WitValue> answers = new ArrayList<>(script.stream().map(Exchange::reply).toList());
            answers.set(i, wrong);

            String state = run(probe, group, answers);

            assertThat(state).as(e.label()).isNotEqualTo(report(group, CHECKS.get(group), 0));
            assertThat(logs).as(e.label()).isNotEmpty()
                    .allMatch(l -> l.startsWith("mismatch: " + e.label() + " ") || l.startsWith("  host said: "));
        }
    }

    /** Values inside ok answers, changed one field at a time. */
    static Stream<Arguments> wrongPayloads() {
        Map<String, WitValue> wrong = new LinkedHashMap<>();
        wrong.put("F1", ok(bytes(0x00, 0xfe, 'h', 'i')));
        wrong.put("F6", ok(strings("a.txt", "x", "ü")));
        wrong.put("F15", ok(new WitValue.Bool(false)));
        wrong.put("F18", ok(new VariantValue(0, Optional.of(RecordValue.of(new Str("a  b c\n"), new Str("warn ✓"), new S32(1))))));
        wrong.put("F19", ok(new VariantValue(0, Optional.of(RecordValue.of(new Str("not allowed: ls"), new Str(""), new S32(0))))));
        wrong.put("C1", ok(response(200, headers("content-type", "text/plain", "set-cookie", "a=1", "set-cookie", "b=3"),
                some(Bytes.utf8("hello")))));
        wrong.put("C2", ok(response(204, headers(), some(bytes()))));
        wrong.put("H4", ok(serverInfo(1, 8080, "0.0.0.0", false, 2, 1, true)));
        wrong.put("H5", ok(serverInfo(-1L, 65535, "", false, 0, 4294967294L, false)));
        wrong.put("H8", ok(new WitValue.U16(65534)));
        wrong.put("H20", ok(new WitValue.U64(Long.MAX_VALUE)));
        return wrong.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongPayloads")
    void aWrongFieldInsideAnOkAnswerIsCaught(String label, WitValue answer) {
        String group = label.startsWith("F") ? "filesystem" : label.startsWith("C") ? "http-client" : "http-framework";
        List<Exchange> script = script(group);
        List<WitValue> answers = script.stream().map(e -> e.label().equals(label) ? answer : e.reply()).toList();

        String state = run(start(EngineMode.COMPILER), group, answers);

        assertThat(state).isEqualTo(report(group, CHECKS.get(group), 1));
        assertThat(logs).hasSize(1).first().asString().startsWith("mismatch: " + label + " ").doesNotEndWith(" ok");
    }

    @Test
    void anUnknownGroupIsLoggedAndKeepsTheState() {
        WitInstance probe = start(EngineMode.COMPILER);
        OptionValue state = OptionValue.some(Bytes.utf8("{\"kept\":1}"));
        Optional<WitValue> result = probe.call(CLIENT, "handle-send", List.of(state, TupleValue.of(Bytes.utf8("disk"))));
        assertThat(result).contains(ResultValue.ok(TupleValue.of(state)));
        assertThat(logs).containsExactly("unknown group: disk");
        assertThat(calls).isEmpty();
    }

    @Test
    void signatureCheckAcceptsEveryImportAndExportAndTheyCoverTheInterfaces() {
        CompiledModule module = TestGuests.module(EngineMode.COMPILER, "sdk-io-probe");
        Map<String, WitInterface> known = new LinkedHashMap<>();
        Stream.of(RUNTIME, CLIENT, FS, HTTP_CLIENT_IF, FRAMEWORK, HANDLERS).forEach(i -> known.put(i.qualifiedName(), i));

        assertThat(SignatureCheck.problems(module, known, new FunctionAbis())).isEmpty();

        List<String> imports = module.functionImports().stream().map(FunctionImport::qualifiedName).sorted().toList();
        List<String> wanted = new ArrayList<>(List.of("theater:simple/runtime.log"));
        IMPORTED.forEach(i -> i.functions().keySet().forEach(f -> wanted.add(i.qualifiedName() + "." + f)));
        assertThat(imports).containsExactlyInAnyOrderElementsOf(wanted);

        List<String> exports = module.functionExports().stream().map(FunctionExport::name).toList();
        for (String f : HANDLERS.functions().keySet()) {
            String name = HANDLERS.qualifiedName() + "#" + f;
            assertThat(exports).contains(name, "cabi_post_" + name);
        }
        assertThat(exports).filteredOn(n -> n.startsWith(HANDLERS.qualifiedName() + "#")).hasSize(HANDLERS.functions().size());
    }
}
