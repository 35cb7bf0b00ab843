package dev.theater.bench.js;

import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitValue;
import dev.theater.core.ActorRef;
import dev.theater.core.EngineMode;
import dev.theater.core.StartOptions;
import dev.theater.core.Theater;
import dev.theater.core.abi.link.WitExport;
import dev.theater.core.abi.link.WitInstance;
import dev.theater.core.abi.link.WitLinker;
import dev.theater.core.engine.CompiledModule;
import dev.theater.core.engine.Engine;
import dev.theater.core.engine.FunctionImport;
import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
import dev.theater.wit.TheaterWit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link JsActorHarness}: one fresh process per measure, so that each start is a first start of
 * the JVM and memory peaks are this process's alone. Prints human lines and {@code PROBE key=value...} lines that
 * the harness parses.
 *
 * <pre>
 * JsProbe start  HOME WASM SENDS WARMUP RUNS PAYLOAD   a Theater on HOME starts the actor (init done = running),
 *                                                     then SENDS x RUNS ActorRef.send(PAYLOAD) (0: none)
 * JsProbe engine WASM CALLS WARMUP RUNS PAYLOAD        the engine alone: load, link no-op host functions, init, then
 *                                                     CALLS x RUNS handle-send calls threading the state
 * </pre>
 */
public final class JsProbe {

    private JsProbe() {
    }

    public static void main(String[] args) throws Exception {
        // the runtime handler logs each actor log line at INFO: printing it would be measured with every call
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        // ... but keep the engine's one line per module: "N of M functions run interpreted (too large to compile)"
        java.util.logging.Logger.getLogger("dev.theater.core.engine.cache").setLevel(java.util.logging.Level.INFO);
        switch (args[0]) {
            case "start" -> start(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6].getBytes(StandardCharsets.UTF_8));
            case "engine" -> engine(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args[5].getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("unknown probe '" + args[0] + "'; known: start, engine");
        }
    }

    /** Starts the actor through the embedding API, as {@code theater run} does; then sends through its mailbox. */
    private static void start(Path home, Path wasm, int sends, int warmup, int runs, byte[] payload) {
        long t0 = System.nanoTime();
        try (Theater theater = Theater.builder().home(home).build()) {
            ActorRef actor = theater.start(manifest(wasm), StartOptions.defaults().withId("js-bench"));
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(Locale.ROOT, "PROBE ready sinceJvmStartMs=%d theaterStartMs=%d %s%n",
                    sinceJvmStart(), startMs, memory());
            if (sends > 0) {
                for (int i = 0; i < warmup; i++) {
                    actor.send(payload).join();
                }
                double[] p50 = new double[runs];
                double[] mean = new double[runs];
                long[] lat = new long[sends];
                for (int r = 0; r < runs; r++) {
                    long runStart = System.nanoTime();
                    for (int i = 0; i < sends; i++) {
                        long c0 = System.nanoTime();
                        actor.send(payload).join();
                        lat[i] = System.nanoTime() - c0;
                    }
                    mean[r] = (System.nanoTime() - runStart) / 1000.0 / sends;
                    p50[r] = report("actor send", r, lat, mean[r]);
                }
                System.out.printf(Locale.ROOT, "PROBE sends p50Us=%s meanUs=%s state=%s%n", list(p50), list(mean),
                        actor.state().map(s -> s.length + "B").orElse("none"));
            }
        }
    }

    /** The engine alone, as the Node side runs the component: no mailbox, no chain, no handlers. */
    private static void engine(Path wasm, int calls, int warmup, int runs, byte[] payload) {
        long t0 = System.nanoTime();
        CompiledModule module = Engine.create(EngineMode.COMPILER).load(wasm);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        AtomicLong logged = new AtomicLong();
        WitLinker linker = WitLinker.forModule(module);
        Set<String> defined = new HashSet<>();
        for (FunctionImport imported : module.functionImports()) {
            String iface = imported.module().replaceFirst("^theater:simple/", "").replaceFirst("@.*$", "");
            if (!defined.add(iface + "." + imported.name())) {
                continue;
            }
            WitInterface wit = TheaterWit.load().requireInterface(iface);
            if (iface.equals("runtime") && imported.name().equals("log")) {
                linker.define(wit, "log", (ctx, a) -> {
                    logged.incrementAndGet();
                    return Optional.empty();
                });
            } else {
                String name = imported.qualifiedName();
                linker.define(wit, imported.name(), (ctx, a) -> {
                    throw new IllegalStateException("the benchmark does not expect " + name + " to be called");
                });
            }
        }
        WitInstance instance = linker.instantiate();
        WitInterface actorIface = TheaterWit.load().requireInterface("actor");
        WitInterface client = TheaterWit.load().requireInterface("message-server-client");
        WitValue state = stateOf(instance.call(actorIface, "init",
                List.of(WitValue.OptionValue.none(), WitValue.TupleValue.of(new WitValue.Str("js-bench")))));
        System.out.printf(Locale.ROOT, "PROBE engine-ready loadMs=%d sinceJvmStartMs=%d %s%n", loadMs, sinceJvmStart(),
                memory());
        WitExport handleSend = instance.export(client, "handle-send");
        WitValue message = WitValue.TupleValue.of(new WitValue.Bytes(payload));
        for (int i = 0; i < warmup; i++) {
            state = stateOf(handleSend.call(List.of(state, message)));
        }
        // -Djsprobe.jfr=FILE: a profile of the measured calls alone (the compile before would swamp it)
        String jfrFile = System.getProperty("jsprobe.jfr");
        jdk.jfr.Recording recording = null;
        if (jfrFile != null) {
            try {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            } catch (IOException | java.text.ParseException e) {
                throw new IllegalStateException("cannot read JFR's 'profile' settings", e);
            }
            recording.start();
        }
        double[] p50 = new double[runs];
        double[] mean = new double[runs];
        long[] lat = new long[calls];
        for (int r = 0; r < runs; r++) {
            long runStart = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                long c0 = System.nanoTime();
                state = stateOf(handleSend.call(List.of(state, message)));
                lat[i] = System.nanoTime() - c0;
            }
            mean[r] = (System.nanoTime() - runStart) / 1000.0 / calls;
            p50[r] = report("engine handle-send", r, lat, mean[r]);
        }
        if (recording != null) {
            recording.stop();
            try {
                recording.dump(Path.of(jfrFile));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + jfrFile, e);
            }
            recording.close();
        }
        System.out.printf(Locale.ROOT, "PROBE calls p50Us=%s meanUs=%s logged=%d%n", list(p50), list(mean), logged.get());
    }

    /** The new state of a state-threading export's result; fails on an error result, naming it. */
    private static WitValue stateOf(Optional<WitValue> result) {
        WitValue.ResultValue r = (WitValue.ResultValue) result.orElseThrow();
        if (!r.ok()) {
            throw new IllegalStateException("the export returned an error: " + r.payload());
        }
        return ((WitValue.TupleValue) r.payload().orElseThrow()).elements().getFirst();
    }

    private static double report(String what, int run, long[] lat, double mean) {
        long[] sorted = lat.clone();
        Arrays.sort(sorted);
        double p50 = sorted[sorted.length / 2] / 1000.0;
        System.out.printf(Locale.ROOT, "  %s run %d: p50 %.2f µs, p99 %.2f µs, mean %.2f µs%n", what, run, p50,
                sorted[(int) (sorted.length * 0.99)] / 1000.0, mean);
        return p50;
    }

    private static ActorManifest manifest(Path wasm) {
        String toml = "name = \"js-bench\"\ncomponent_path = \"" + wasm.toAbsolutePath().toString().replace("\\", "\\\\")
                + "\"\n[[handlers]]\ntype = \"runtime\"\n[[handlers]]\ntype = \"message-server\"\n"
                + "[limits]\ncall_timeout_ms = 60000\n";
        return ManifestParser.parse(toml, "js-bench.toml", wasm.toAbsolutePath().getParent());
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** {@code vmHwmKb=... heapPeakMb=... gcs=... gcMs=...}: the process's peak RSS and the heap pools' peaks. */
    private static String memory() {
        long hwm = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: left at -1
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long gcs = 0;
        long gcMs = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs += Math.max(0, gc.getCollectionCount());
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        return String.format(Locale.ROOT, "vmHwmKb=%d heapPeakMb=%d heapMaxMb=%d gcs=%d gcMs=%d", hwm,
                heapPeak >> 20, Runtime.getRuntime().maxMemory() >> 20, gcs, gcMs);
    }

    private static String list(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return sb.toString();
    }
}
