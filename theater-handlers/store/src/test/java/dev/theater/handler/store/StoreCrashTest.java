package dev.theater.handler.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.core.ActorRef;
import dev.theater.testing.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a separate JVM ({@link StoreCrashChild}) writes to a store through a real store-writer
 * actor and is killed with SIGKILL {@value #KILLS} times, mostly while it writes, sometimes while it starts. After
 * every kill: every store opens, every content's bytes hash to its name, every label is whole and names only content
 * that is there, nothing holds bytes no step wrote, and every step acknowledged before the kill is there. At the end a
 * real runtime reads the store back through a guest.
 */
class StoreCrashTest {

    static final int KILLS = 24;
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path folder;
    @TempDir
    Path home;

    /** Step {@code i} of run {@code run} of the writer (its content as test-actors/README.md "store-writer" defines it). */
    record Step(int run, int i) {
        byte[] content() {
            int x = (run * 1000003 + i) * (int) 2654435761L;
            int n = 64 + (x >>> 16) % 8192;
            if (i % 16 == 15) {
                n += 262144;
            }
            byte[] header = ("run " + run + " item " + i + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[n];
            System.arraycopy(header, 0, bytes, 0, header.length);
            for (int k = header.length; k < n; k++) {
                bytes[k] = (byte) (x + k * 31);
            }
            return bytes;
        }

        String hash() {
            return Names.sha256Hex(content());
        }

        /** 0 store, 1 store-at-label "log", 2 replace-content-at-label "latest", 3 new store + "origin". */
        int op() {
            return i % 4;
        }

        boolean after(Step other) {
            return run > other.run || (run == other.run && i > other.i);
        }
    }

    private final List<Step> acked = new ArrayList<>();
    private final Map<Step, String> madeStores = new HashMap<>();
    private final List<Step> inFlight = new ArrayList<>();
    private final Map<Step, String> hashes = new HashMap<>();

    private String hash(Step s) {
        return hashes.computeIfAbsent(s, Step::hash);
    }

    @Test
    @Timeout(400)
    void killNineAtRandomMomentsLosesNothingAcknowledgedAndCorruptsNothing() throws Exception {
        for (String guest : new String[] {"store-writer", "store-probe"}) {
            Files.copy(StoreApp.TEST_ACTORS.resolve(guest).resolve(guest + ".wasm"), folder.resolve(guest + ".wasm"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Random random = new Random(Long.getLong("theater.crashSeed", 11));
        String store = null;
        int tempFilesLeft = 0;
        int earlyKills = 0;
        for (int run = 0; run < KILLS; run++) {
            boolean early = run % 6 == 5; // killed while the JVM and the runtime start, not waiting for the store line
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    StoreCrashChild.class.getName(), folder.toString(), home.toString(), Integer.toString(run)));
            if (store != null) {
                command.add(store);
            }
            List<String> printed;
            try (ChildProcess child = ChildProcess.start("the store crash child (run " + run + ")",
                    new ProcessBuilder(command).redirectErrorStream(true))) {
                if (early) {
                    earlyKills++;
                    Thread.sleep(200 + random.nextInt(1500));
                } else {
                    String line = child.awaitLine("its store line", l -> l.startsWith("store "), WAIT);
                    if (store == null) {
                        store = line.substring("store ".length());
                    }
                    Thread.sleep(20 + random.nextInt(900));
                }
                child.kill(); // SIGKILL; not Process.destroyForcibly, which drops the acks not read yet
                assertThat(child.awaitExit(WAIT)).as("run %d ends by the kill (128 + 9): %s", run, child.printed())
                        .isEqualTo(137);
                printed = child.printed();
            }
            readAcks(run, printed);
            tempFilesLeft += countTempFiles();
            checkEveryInvariant(run, store);
        }
        assertThat(store).isNotNull();
        readBackThroughARealRuntime(store);
        long stepsAcked = acked.size();
        System.out.println("store crash test: " + KILLS + " kills (" + earlyKills + " during start), " + stepsAcked
                + " steps acknowledged, " + madeStores.size() + " stores made by steps, " + inFlight.size()
                + " steps in flight at a kill, " + tempFilesLeft + " temporary files left by kills (removed on open)");
        assertThat(stepsAcked).isGreaterThan(KILLS); // the kills landed while it wrote
    }

    private void readAcks(int run, List<String> printed) {
        int last = -1;
        boolean stepping = false;
        for (String line : printed) {
            assertThat(line).as("run %d printed", run).doesNotStartWith("failed");
            if (line.startsWith("store ")) {
                stepping = true;
            } else if (line.startsWith("ack ")) {
                String[] parts = line.split(" ");
                Step s = new Step(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                assertThat(s).isEqualTo(new Step(run, last + 1));
                acked.add(s);
                if (s.op() == 3) {
                    madeStores.put(s, parts[3]);
                }
                last = s.i();
            }
        }
        if (stepping) {
            inFlight.add(new Step(run, last + 1)); // sent, perhaps done, never acknowledged
        }
    }

    private int countTempFiles() throws IOException {
        Path root = home.resolve("store");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int n = 0;
        for (String id : StoreCheck.storesUnder(root)) {
            try (Stream<Path> files = Files.list(root.resolve(id).resolve("tmp"))) {
                n += (int) files.count();
            }
        }
        return n;
    }

    private void checkEveryInvariant(int run, String store) {
        if (store == null) {
            return; // run 0 always waits for its store
        }
        Path root = home.resolve("store");
        Map<String, StoreCheck> checks = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String id : StoreCheck.storesUnder(root)) {
            StoreCheck c = StoreCheck.of(root, id);
            checks.put(id, c);
            c.problems().forEach(p -> problems.add(id + ": " + p));
        }
        StoreCheck main = checks.get(store);
        assertThat(main).as("after kill %d the store opens", run).isNotNull();

        Set<Step> written = new HashSet<>(acked);
        written.addAll(inFlight);
        Set<String> mayHold = new HashSet<>();
        Set<String> mayLog = new HashSet<>();
        for (Step s : written) {
            if (s.op() != 3) {
                mayHold.add(hash(s));
            }
            if (s.op() == 1) {
                mayLog.add(hash(s));
            }
        }
        for (Step s : acked) {
            if (s.op() == 3) {
                StoreCheck made = checks.get(madeStores.get(s));
                if (made == null) {
                    problems.add("store " + madeStores.get(s) + " made by acknowledged step " + s + " is gone");
                } else if (!List.of(hash(s)).equals(made.labels().get("origin"))) {
                    problems.add("store " + made.id() + ": label origin is " + made.labels().get("origin") + ", not ["
                            + hash(s) + "] of acknowledged step " + s);
                }
                continue;
            }
            if (!main.contents().contains(hash(s))) {
                problems.add("content of acknowledged step " + s + " is lost");
            }
            if (s.op() == 1 && !main.labels().getOrDefault("log", List.of()).contains(hash(s))) {
                problems.add("label log lost acknowledged step " + s);
            }
        }
        main.contents().stream().filter(h -> !mayHold.contains(h))
                .forEach(h -> problems.add("the store holds " + h + ", which no step wrote"));
        main.labels().getOrDefault("log", List.of()).stream().filter(h -> !mayLog.contains(h))
                .forEach(h -> problems.add("label log names " + h + ", which no log step wrote"));
        assertThat(main.labels().keySet()).as("after kill %d", run).isSubsetOf(Set.of("log", "latest"));
        checkLatest(main, problems);
        // a store no acknowledged step made: one a step in flight made
        Set<String> known = new HashSet<>(madeStores.values());
        known.add(store);
        Set<String> inFlightHashes = new HashSet<>();
        inFlight.stream().filter(s -> s.op() == 3).forEach(s -> inFlightHashes.add(hash(s)));
        for (StoreCheck c : checks.values()) {
            if (!known.contains(c.id()) && !inFlightHashes.containsAll(c.contents())) {
                problems.add("store " + c.id() + " holds " + c.contents() + ", which no step in flight wrote");
            }
        }
        assertThat(problems).as("after kill %d", run).isEmpty();
    }

    /** {@code latest} names one content: the last acknowledged replace's, or a later one's that was in flight. */
    private void checkLatest(StoreCheck main, List<String> problems) {
        Optional<Step> last = acked.stream().filter(s -> s.op() == 2).reduce((a, b) -> b);
        Set<String> allowed = new HashSet<>();
        last.ifPresent(s -> allowed.add(hash(s)));
        inFlight.stream().filter(s -> s.op() == 2 && (last.isEmpty() || s.after(last.get())))
                .forEach(s -> allowed.add(hash(s)));
        List<String> latest = main.labels().get("latest");
        if (latest == null) {
            if (last.isPresent()) {
                problems.add("label latest is gone, but step " + last.get() + " was acknowledged");
            }
        } else if (latest.size() != 1 || !allowed.contains(latest.getFirst())) {
            problems.add("label latest names " + latest + "; it may name one of " + allowed);
        }
    }

    /** The store as a guest sees it through a new runtime on the same home. */
    private void readBackThroughARealRuntime(String store) throws IOException {
        StoreCheck main = StoreCheck.of(home.resolve("store"), store);
        Path app = Files.createDirectories(folder.resolve("final"));
        try (StoreApp runtime = new StoreApp(app, home)) {
            ActorRef probe = runtime.probe("reader", "");
            assertThat(StoreApp.one(probe, "calculate-total-size", store)).isEqualTo("calculate-total-size ok " + main.bytes());
            assertThat(StoreApp.command(probe, "list-all-content", store).getFirst())
                    .isEqualTo("list-all-content ok " + main.contents().size());
            Optional<Step> last = acked.stream().filter(s -> s.op() == 2).reduce((a, b) -> b);
            if (main.labels().containsKey("latest")) {
                assertThat(StoreApp.ok(probe, "get-by-label", store, "latest")).isEqualTo(main.labels().get("latest").getFirst());
            }
            for (Step s : acked) {
                if (s.op() != 3) {
                    assertThat(StoreApp.one(probe, "exists", store, hash(s))).as("step %s", s).isEqualTo("exists ok true");
                }
            }
            for (String made : new HashSet<>(madeStores.values())) {
                assertThat(StoreApp.command(probe, "list-labels", made)).containsExactly("list-labels ok 1", "  origin");
            }
            assertThat(last).isPresent();
        }
    }
}
