package dev.theater.bench.runtime;

import dev.theater.core.manifest.ActorManifest;
import dev.theater.core.manifest.ManifestParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Manifests of the bench guests ({@code test-actors/bench-sender}, {@code test-actors/bench-sink}); finds
 * {@code test-actors/} via {@code -Dtheater.testActors} (default {@code ./test-actors}).
 */
final class BenchGuests {

    /** The 100-byte message the Java side sends (a JSON string: 2 quotes + 98 'x'), like bench-sender's. */
    static final byte[] PAYLOAD = ("\"" + "x".repeat(98) + "\"").getBytes(StandardCharsets.UTF_8);

    private BenchGuests() {
    }

    static Path folder() {
        Path p = Path.of(System.getProperty("theater.testActors", "test-actors")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p.resolve("bench-sink").resolve("bench-sink.wasm"))) {
            throw new IllegalStateException("bench guests not found under " + p
                    + "; run from the project root or pass -Dtheater.testActors=/path/to/test-actors");
        }
        return p;
    }

    /**
     * A manifest for guest {@code name} with the runtime and message-server handlers. {@code mailbox} > 0 sets
     * both the runtime's {@code [limits] mailbox_capacity} and the message server's {@code mailbox_capacity};
     * 0 keeps the defaults (runtime 1024 with a 5 s wait for room, message server 10000).
     */
    static ActorManifest manifest(String name, int mailbox) {
        Path wasm = folder().resolve(name).resolve(name + ".wasm");
        StringBuilder toml = new StringBuilder();
        toml.append("name = \"").append(name).append("\"\n");
        toml.append("component_path = \"").append(wasm.toString().replace("\\", "\\\\")).append("\"\n");
        if (mailbox > 0) {
            toml.append("[limits]\nmailbox_capacity = ").append(mailbox).append('\n');
        }
        toml.append("[[handlers]]\ntype = \"runtime\"\n");
        toml.append("[[handlers]]\ntype = \"message-server\"\n");
        if (mailbox > 0) {
            toml.append("config = { mailbox_capacity = ").append(mailbox).append(" }\n");
        }
        return ManifestParser.parse(toml.toString(), name + ".toml", folder());
    }

    /** The sink's count: its state is the decimal count as JSON bytes. */
    static long count(byte[] state) {
        long v = 0;
        for (byte b : state) {
            if (b < '0' || b > '9') {
                break;
            }
            v = v * 10 + (b - '0');
        }
        return v;
    }
}
