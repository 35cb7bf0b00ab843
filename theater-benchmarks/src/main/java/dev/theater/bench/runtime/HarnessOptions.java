package dev.theater.bench.runtime;

import dev.theater.chain.FsyncPolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * The harness's {@code key=value} options, shared by every scenario (a key no scenario reads is ignored), and the
 * parent folder of the temp homes ({@code home=}, default {@code java.io.tmpdir}).
 */
final class HarnessOptions {

    private final Map<String, String> values;
    private final Path homeParent;

    HarnessOptions(Map<String, String> values) {
        this.values = values;
        this.homeParent = Path.of(values.getOrDefault("home", System.getProperty("java.io.tmpdir")));
    }

    /** An integer option; {@code _} may group digits ({@code n=100_000}). */
    int intOpt(String key, int def) {
        return Integer.parseInt(values.getOrDefault(key, Integer.toString(def)).replace("_", ""));
    }

    String get(String key, String def) {
        return values.getOrDefault(key, def);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** The policy of send, request and a2a ({@code fsync=}, default group commit). */
    FsyncPolicy fsync() {
        return FsyncPolicy.valueOf(values.getOrDefault("fsync", "GROUP_COMMIT"));
    }

    /** A fresh temp home under the home parent, deleted when closed. */
    BenchHome newHome() {
        return BenchHome.create(homeParent);
    }

    /** The options as given, in order ({@code {n=2000, runs=2}}), for the harness's first line. */
    @Override
    public String toString() {
        return values.toString();
    }
}
