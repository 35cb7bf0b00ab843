package dev.theater.cli;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CallDeadline;
import dev.theater.core.engine.Engine;
import dev.theater.core.engine.EngineMode;
import dev.theater.core.engine.WasmTimeoutException;
import dev.theater.wit.TheaterWit;
import dev.theater.wit.WitPackage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code theater run <wasm>}: runs one actor in-process, calling {@code actor.init} and then
 * {@code message-server-client.handle-send} once per {@code --send}, threading its state and printing
 * what it logs. Manifests, handlers and actor systems arrive with the runtime.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs one actor: init, then handle-send once per --send message, printing its logs and state.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WASM", description = "the actor's core wasm module")
    Path wasm;

    @Option(names = "--id", paramLabel = "ID", description = "the actor id passed to init (default: the file name)")
    String id;

    @Option(names = "--send", paramLabel = "JSON", description = "a message for handle-send; repeatable")
    List<String> messages = new ArrayList<>();

    @Option(names = "--interpreter", description = "run the guest in Chicory's interpreter instead of compiling it")
    boolean interpreter;

    @Option(names = "--timeout-ms", defaultValue = "5000", paramLabel = "MS",
            description = "maximum time per export call (default: ${DEFAULT-VALUE})")
    long timeoutMs;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        String actorId = id != null ? id : wasm.getFileName().toString().replaceFirst("\\.wasm$", "");
        WitPackage simple = TheaterWit.load();
        WitInterface runtime = simple.requireInterface("runtime");
        WitInterface actor = simple.requireInterface("actor");
        WitInterface client = simple.requireInterface("message-server-client");
        State state = new State();

        Engine engine = Engine.create(interpreter ? EngineMode.INTERPRETER : EngineMode.COMPILER);
        WitInstance instance = WitLinker.forModule(engine.load(wasm))
                .define(runtime, "log", (cx, args) -> {
                    out.println("[" + actorId + "] " + ((WitValue.Str) args.getFirst()).value());
                    return Optional.empty();
                })
                .define(runtime, "get-state", (cx, args) -> Optional.of(state.asOption()))
                .withInterface(actor)
                .withInterface(client)
                .instantiate();

        WitExport init = instance.export(actor, "init");
        state.apply(actorId, "init", call(init, state.asOption(), WitValue.TupleValue.of(new WitValue.Str(actorId))));
        if (!messages.isEmpty()) {
            WitExport handleSend = instance.export(client, "handle-send");
            for (String message : messages) {
                state.apply(actorId, "handle-send", call(handleSend, state.asOption(),
                        WitValue.TupleValue.of(WitValue.Bytes.utf8(message))));
            }
        }
        out.println("[" + actorId + "] final state: " + state.describe());
        out.flush();
        return 0;
    }

    private WitValue call(WitExport export, WitValue... args) {
        Duration deadline = Duration.ofMillis(timeoutMs);
        try (CallDeadline ignored = CallDeadline.start(deadline)) {
            return export.call(args).orElseThrow();
        } catch (dev.theater.core.engine.WasmInterruptedException e) {
            throw new WasmTimeoutException(export.coreName() + " exceeded its deadline of " + timeoutMs + " ms", deadline, e);
        }
    }

    /** The actor's state, threaded through every call as {@code option<json>}. */
    private final class State {
        private Optional<byte[]> json = Optional.empty();

        WitValue asOption() {
            return new WitValue.OptionValue(json.map(WitValue.Bytes::new));
        }

        /** Takes the new state from a {@code result<tuple<option<json>, ...>, string>}, or fails with the actor's error. */
        void apply(String actorId, String function, WitValue result) {
            WitValue.ResultValue r = (WitValue.ResultValue) result;
            if (!r.ok()) {
                String error = r.payload().map(p -> ((WitValue.Str) p).value()).orElse("(no message)");
                throw new IllegalStateException("actor '" + actorId + "': " + function + " returned an error: " + error);
            }
            WitValue.TupleValue tuple = (WitValue.TupleValue) r.payload().orElseThrow();
            json = ((WitValue.OptionValue) tuple.elements().getFirst()).value().map(v -> ((WitValue.Bytes) v).value());
            out.println("[" + actorId + "] state after " + function + ": " + describe());
        }

        String describe() {
            return json.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("(none)");
        }
    }
}
