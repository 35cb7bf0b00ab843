package dev.theater.bench.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The runtime benchmarks of issue 4, as a plain harness (each measure is one long operation, or a latency
 * distribution, which JMH's per-op model fits badly): the entry point that parses the arguments and runs the
 * chosen {@link Scenario}s in order. Chain on, temp Theater home on the real disk, fsync group commit unless
 * said otherwise. See {@code theater-benchmarks/README.md}, "Runtime harness".
 *
 * <pre>
 * java -cp theater-benchmarks/target/benchmarks.jar dev.theater.bench.runtime.RuntimeHarness [measures] [key=value...]
 *   measures   comma-separated: send, request, a2a, start, chainopen, handoff, fairness, supervision, store, all (default all but handoff, fairness, supervision and store)
 *   n=100000        messages per send run            runs=5     measured runs of every measure
 *   warmup=2        warm-up runs (send, a2a)         mailbox=auto  sink mailbox: auto (n + 1000), 0 (defaults) or a number
 *   samples=20000   request samples per run          reqwarmup=20000  request warm-up samples
 *   a2an=20000      actor-to-actor requests per run  k=2000    starts per start run
 *   startwarmup=300 warm-up starts (+ stops) per Theater  fsync=GROUP_COMMIT  policy of send/request/a2a
 *   startfsync=GROUP_COMMIT,NEVER  policies of start
 *   home=/path      parent folder of the temp homes (default java.io.tmpdir; /dev/shm takes the disk out)
 *   wallprofile=1   start: sample the starting thread's stack every 200 µs (waits included) and print the top frames
 * </pre>
 */
public final class RuntimeHarness {

    private static final List<String> ALL = List.of("send", "request", "a2a", "start", "chainopen");

    private RuntimeHarness() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        List<String> measures = new ArrayList<>();
        for (String a : args) {
            String s = a.startsWith("--") ? a.substring(2) : a;
            int eq = s.indexOf('=');
            if (eq > 0) {
                opts.put(s.substring(0, eq), s.substring(eq + 1));
            } else {
                measures.addAll(Arrays.asList(s.split(",")));
            }
        }
        if (measures.isEmpty() || measures.contains("all")) {
            measures = ALL;
        }
        List<Scenario> scenarios = measures.stream().map(RuntimeHarness::scenario).toList();
        HarnessOptions options = new HarnessOptions(opts);
        System.out.printf(Locale.ROOT, "RuntimeHarness: java %s, %d cpus, options %s, test-actors %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), options, BenchGuests.folder());
        for (Scenario scenario : scenarios) {
            scenario.run(options);
        }
    }

    private static Scenario scenario(String measure) {
        return switch (measure) {
            case "send" -> new SendScenario();
            case "request" -> new RequestScenario();
            case "a2a" -> new ActorToActorScenario();
            case "start" -> new StartScenario();
            case "chainopen" -> new ChainOpenScenario();
            case "handoff" -> new HandoffScenario();
            case "fairness" -> new FairnessScenario();
            case "supervision" -> new SupervisionScenario();
            case "store" -> new StoreScenario();
            default -> throw new IllegalArgumentException("unknown measure '" + measure
                    + "'; known: send, request, a2a, start, chainopen, handoff, fairness, supervision, store, all");
        };
    }
}
