package dev.theater.bench.js;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JavaScript actor harness (issue 15): a componentize-js actor, by default {@code examples/js-tally/tally.wasm}
 * (12 MB: SpiderMonkey in Wasm), measured in fresh child JVMs ({@link JsProbe}) and under Node.
 *
 * <ul>
 *   <li>{@code start}: per round, a fresh empty Theater home; a first start in a fresh JVM, then a second start in
 *       another fresh JVM on the same home (so an on-disk compile cache under the home is cold, then warm). Time from
 *       spawning the JVM to the actor running ({@code init} done), the child's own figures, its peak RSS (VmHWM) and
 *       heap; the count of functions Chicory left to the interpreter (its warnings). The second start of the last
 *       round then sends through the actor's mailbox ({@code ActorRef.send}, chain on).</li>
 *   <li>{@code engine}: a fresh JVM compiling the component with the engine alone, no-op host functions
 *       ({@code log} counts), then {@code handle-send} called many times with the same payload, the state threaded;
 *       median per call. {@code jfr=1} records it and prints JFR's hot methods.</li>
 *   <li>{@code node}: the same component transpiled by {@code jco transpile} and the same calls under Node
 *       ({@code theater-benchmarks/node/handle-send-bench.mjs}).</li>
 * </ul>
 *
 * <pre>
 * java -cp theater-benchmarks/target/benchmarks.jar dev.theater.bench.js.JsActorHarness [start,engine,node] [key=value...]
 *   wasm=examples/js-tally/tally.wasm   rounds=3   runs=5   payload=the quick brown fox jumps over the lazy dog
 *   sends=200 (per run, last round's second start)   calls=300 warmup=30 (engine)   nodecalls=20000 nodewarmup=2000
 *   xmx=  (child -Xmx, default the JVM's)   jfr=0
 *   jco=&lt;wasm folder&gt;/node_modules/.bin/jco   node=node   script=theater-benchmarks/node/handle-send-bench.mjs
 *   home=java.io.tmpdir (parent of the temp homes)   timeout=1800 (seconds per child)
 * </pre>
 */
public final class JsActorHarness {

    private static final List<String> ALL = List.of("start", "engine", "node");

    private JsActorHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> measures = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                opts.put(a.substring(0, eq), a.substring(eq + 1));
            } else {
                measures.addAll(Arrays.asList(a.split(",")));
            }
        }
        if (measures.isEmpty() || measures.contains("all")) {
            measures = ALL;
        }
        for (String m : measures) {
            if (!ALL.contains(m)) {
                throw new IllegalArgumentException("unknown measure '" + m + "'; known: start, engine, node, all");
            }
        }
        Path wasm = Path.of(opts.getOrDefault("wasm", "examples/js-tally/tally.wasm")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(wasm)) {
            System.err.println("JsActorHarness: no " + wasm + "; build it first (examples/js-tally/build.sh), or name"
                    + " another componentize-js actor with wasm=");
            System.exit(2);
        }
        Options o = new Options(opts, wasm);
        System.out.printf(Locale.ROOT, "JsActorHarness: java %s, %d cpus, %s (%,d bytes), options %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), wasm, Files.size(wasm), opts);
        List<String> results = new ArrayList<>();
        if (measures.contains("start")) {
            starts(o, results);
        }
        if (measures.contains("engine")) {
            engine(o, results);
        }
        if (measures.contains("node")) {
            node(o, results);
        }
        System.out.println();
        results.forEach(System.out::println);
    }

    /** The options every measure reads. */
    record Options(Map<String, String> values, Path wasm) {
        int intOpt(String key, int def) {
            return Integer.parseInt(values.getOrDefault(key, Integer.toString(def)).replace("_", ""));
        }

        String get(String key, String def) {
            return values.getOrDefault(key, def);
        }

        /** The child JVM's command up to its main class: this JVM, this class path, {@code xmx=}, extra options. */
        List<String> java(List<String> extra) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (values.containsKey("xmx")) {
                command.add("-Xmx" + values.get("xmx"));
            }
            command.addAll(extra);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), JsProbe.class.getName()));
            return command;
        }

        long timeout() {
            return intOpt("timeout", 1800);
        }

        String payload() {
            return get("payload", "the quick brown fox jumps over the lazy dog");
        }
    }

    private static void starts(Options o, List<String> results) throws IOException {
        int rounds = o.intOpt("rounds", 3);
        int sends = o.intOpt("sends", 200);
        Path parent = Path.of(o.get("home", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(parent);
        System.out.printf(Locale.ROOT, "%n== start: %d rounds of a first and a second start, each in a fresh JVM, the"
                + " second on the first's home%n", rounds);
        double[][] wall = new double[2][rounds];
        double[][] inJvm = new double[2][rounds];
        double[][] hwm = new double[2][rounds];
        double[][] heap = new double[2][rounds];
        int[] interpreted = new int[2];
        String[] engineSays = {"nothing", "nothing"};
        Probe last = null;
        for (int r = 0; r < rounds; r++) {
            Path home = Files.createTempDirectory(parent, "theater-js-bench");
            try {
                for (int which = 0; which < 2; which++) {
                    boolean sendHere = which == 1 && r == rounds - 1 && sends > 0;
                    List<String> command = new ArrayList<>(o.java(List.of()));
                    command.addAll(List.of("start", home.toString(), o.wasm().toString(),
                            Integer.toString(sendHere ? sends : 0), Integer.toString(o.intOpt("warmup", 30)),
                            Integer.toString(o.intOpt("runs", 5)), o.payload()));
                    Probe p = Probe.run("round " + r + (which == 0 ? ", first start (empty home)" : ", second start (same home)"),
                            command, o.timeout());
                    wall[which][r] = p.readyWallMs();
                    inJvm[which][r] = p.number("ready", "sinceJvmStartMs");
                    hwm[which][r] = p.number("ready", "vmHwmKb") / 1024.0;
                    heap[which][r] = p.number("ready", "heapPeakMb");
                    interpreted[which] = p.interpretedWarnings();
                    if (!p.interpretedLines().isEmpty()) {
                        engineSays[which] = String.join(" / ", p.interpretedLines());
                    }
                    System.out.printf(Locale.ROOT, "  round %d %s start: %,d ms from spawn to running (%s ms in the JVM,"
                                    + " theater.start %s ms), VmHWM %,.0f MiB, heap peak %s MiB of %s, %s GCs (%s ms),"
                                    + " %d interpreted-function warnings%s%n",
                            r, which == 0 ? "first" : "second", p.readyWallMs(), p.value("ready", "sinceJvmStartMs"),
                            p.value("ready", "theaterStartMs"), hwm[which][r], p.value("ready", "heapPeakMb"),
                            p.value("ready", "heapMaxMb"), p.value("ready", "gcs"), p.value("ready", "gcMs"),
                            p.interpretedWarnings(), p.interpretedLines().isEmpty() ? "" : "; " + p.interpretedLines());
                    if (sendHere) {
                        last = p;
                    }
                }
            } finally {
                delete(home);
            }
        }
        results.add("first start RESULT: " + summary("ms", wall[0]) + " spawn to running; in the JVM " + summary("ms", inJvm[0]));
        results.add("second start RESULT: " + summary("ms", wall[1]) + " spawn to running; in the JVM " + summary("ms", inJvm[1]));
        results.add("first start peak RSS RESULT: " + summary("MiB", hwm[0]) + "; heap peak " + summary("MiB", heap[0]));
        results.add("second start peak RSS RESULT: " + summary("MiB", hwm[1]) + "; heap peak " + summary("MiB", heap[1]));
        results.add("interpreted functions RESULT: the engine says " + engineSays[0] + " at the first start, "
                + engineSays[1] + " at the second (Chicory's own warnings: " + interpreted[0] + ", " + interpreted[1] + ")");
        if (last != null) {
            results.add("actor send (mailbox + chain) p50 RESULT: " + summary2("µs", last.numbers("sends", "p50Us"))
                    + "; per-run means " + summary2("µs", last.numbers("sends", "meanUs")));
        }
    }

    private static void engine(Options o, List<String> results) throws IOException {
        System.out.printf(Locale.ROOT, "%n== engine: handle-send through the engine alone, %d runs of %,d calls after %,d"
                + " warm-up calls, payload '%s'%n", o.intOpt("runs", 5), o.intOpt("calls", 300), o.intOpt("warmup", 30),
                o.payload());
        List<String> extra = new ArrayList<>();
        Path jfr = null;
        if (o.get("jfr", "0").equals("1")) {
            jfr = Files.createTempFile("theater-js-bench", ".jfr");
            extra.add("-Djsprobe.jfr=" + jfr);
            extra.add("-XX:FlightRecorderOptions:stackdepth=2048"); // deep enough to see the interpreter under the calls
        }
        List<String> command = new ArrayList<>(o.java(extra));
        command.addAll(List.of("engine", o.wasm().toString(), Integer.toString(o.intOpt("calls", 300)),
                Integer.toString(o.intOpt("warmup", 30)), Integer.toString(o.intOpt("runs", 5)), o.payload()));
        Probe p = Probe.run("engine probe", command, o.timeout());
        engineP50 = p.numbers("calls", "p50Us");
        results.add("engine handle-send p50 RESULT: " + summary2("µs", p.numbers("calls", "p50Us")) + "; per-run means "
                + summary2("µs", p.numbers("calls", "meanUs")) + "; compile " + p.value("engine-ready", "loadMs")
                + " ms, VmHWM " + Math.round(p.number("engine-ready", "vmHwmKb") / 1024) + " MiB, "
                + p.interpretedWarnings() + " interpreted-function warnings");
        if (jfr != null) {
            Path tool = Path.of(System.getProperty("java.home"), "bin", "jfr");
            Probe.run("jfr view hot-methods (the measured calls only)", List.of(tool.toString(), "view", "--width",
                    "160", "hot-methods", jfr.toString()), 300);
            results.add("engine handle-send samples RESULT: " + CallProfile.of(jfr));
            System.out.println("  (recording kept: " + jfr + ")");
        }
    }

    /** The engine probe's per-run medians, for the ratio to Node's (null when {@code engine} did not run). */
    private static double[] engineP50;

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void node(Options o, List<String> results) throws IOException {
        Path jco = Path.of(o.get("jco", o.wasm().getParent().resolve("node_modules/.bin/jco").toString()));
        Path script = Path.of(o.get("script", "theater-benchmarks/node/handle-send-bench.mjs")).toAbsolutePath();
        String name = o.wasm().getFileName().toString().replaceFirst("\\.wasm$", "");
        System.out.printf(Locale.ROOT, "%n== node: the same component transpiled by %s, the same calls%n", jco);
        if (!Files.isExecutable(jco) || !Files.isRegularFile(script)) {
            String why = "skipped: " + (!Files.isExecutable(jco) ? "no jco at " + jco + " (build the example, whose"
                    + " node_modules has it, or pass jco=)" : "no " + script + " (run from the repository root or pass script=)");
            System.out.println("  " + why);
            results.add("node handle-send p50 RESULT: " + why);
            return;
        }
        Path out = Files.createTempDirectory("theater-js-bench-node");
        try {
            Probe.run("jco transpile", List.of(jco.toString(), "transpile", o.wasm().toString(), "-o", out.toString(),
                    "--instantiation", "async", "-q"), 600);
            Probe p = Probe.run("node handle-send-bench.mjs", List.of(o.get("node", "node"), script.toString(),
                    out.toString(), name, "calls=" + o.intOpt("nodecalls", 20000), "warmup=" + o.intOpt("nodewarmup", 2000),
                    "runs=" + o.intOpt("runs", 5), "payload=" + o.payload()), o.timeout());
            double[] nodeP50 = p.numbers("calls", "p50Us");
            results.add("node handle-send p50 RESULT: " + summary2("µs", nodeP50) + "; per-run means "
                    + summary2("µs", p.numbers("calls", "meanUs")));
            if (engineP50 != null) {
                results.add(String.format(Locale.ROOT, "engine / node handle-send p50 RESULT: %.0fx (medians of the"
                        + " runs of this session)", median(engineP50) / median(nodeP50)));
            }
        } finally {
            delete(out);
        }
    }

    private static String summary(String unit, double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        StringBuilder runs = new StringBuilder();
        for (double v : values) {
            runs.append(runs.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return String.format(Locale.ROOT, "median %,.0f %s (min %,.0f, max %,.0f; runs [%s])", median, unit, s[0],
                s[s.length - 1], runs);
    }

    private static String summary2(String unit, double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "median %.2f %s (min %.2f, max %.2f)", median, unit, s[0], s[s.length - 1]);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.out.println("  (could not delete " + dir + ": " + e + ")");
        }
    }
}
