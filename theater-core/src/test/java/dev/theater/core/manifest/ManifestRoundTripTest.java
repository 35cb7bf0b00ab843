package dev.theater.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style: random valid manifests in both formats are written as TOML and parsed back; every
 * key, value, order and handler line must survive. Seeded, so a failure names a reproducible case.
 */
class ManifestRoundTripTest {

    private static final String KEY_CHARS = "abcdefghijklmnopqrstuvwxyz_-0123456789";
    private static final String TEXT_CHARS = "abc XYZ 019 \"\\'#[]={}.,\tüλ🎭\n";

    @TempDir
    Path dir;

    /** What a generated manifest should parse into, and the TOML text that says it. */
    private record Case(String toml, String name, String wasm, Optional<String> version, Optional<String> description,
            Optional<Boolean> saveChain, List<HandlerSpec> handlers, ActorLimits limits) {}

    @Test
    void randomValidManifestsRoundTrip() throws IOException {
        for (int seed = 0; seed < 300; seed++) {
            Case c = generate(new Random(seed));
            Path file = dir.resolve("m" + seed + ".toml");
            Files.writeString(file, c.toml);

            ActorManifest m = ManifestParser.parse(file);

            String why = "seed " + seed + ":\n" + c.toml;
            assertThat(m.name()).as(why).isEqualTo(c.name);
            assertThat(m.wasm()).as(why).isEqualTo(dir.toAbsolutePath().resolve(c.wasm));
            assertThat(m.version()).as(why).isEqualTo(c.version);
            assertThat(m.description()).as(why).isEqualTo(c.description);
            assertThat(m.saveChain()).as(why).isEqualTo(c.saveChain);
            assertThat(m.limits()).as(why).isEqualTo(c.limits);
            assertThat(m.handlers()).as(why).isEqualTo(c.handlers);
            for (int i = 0; i < c.handlers.size(); i++) {
                assertThat(List.copyOf(m.handlers().get(i).config().keySet())).as(why)
                        .isEqualTo(List.copyOf(c.handlers.get(i).config().keySet()));
            }
            assertThat(ManifestParser.parse(c.toml, "s", dir)).as(why)
                    .isEqualTo(new ActorManifest(m.name(), m.wasm(), m.version(), m.description(), m.longDescription(),
                            m.saveChain(), m.initState(), m.handlers(), m.limits(), m.limitLines(), "s", m.baseDir()));
        }
    }

    private Case generate(Random r) {
        boolean classic = r.nextBoolean();
        StringBuilder toml = new StringBuilder();
        String name = text(r, 1 + r.nextInt(12)).replaceAll("[\\t\\n]", " ").strip() + "x"; // names have no controls
        String wasm = "dir" + r.nextInt(9) + "/actor" + r.nextInt(99) + ".wasm";
        Optional<String> version = r.nextBoolean() ? Optional.of(r.nextInt(9) + "." + r.nextInt(9) + ".0") : Optional.empty();
        Optional<String> description = r.nextBoolean() ? Optional.of(text(r, 1 + r.nextInt(20)) + "d") : Optional.empty();
        Optional<Boolean> saveChain = r.nextBoolean() ? Optional.of(r.nextBoolean()) : Optional.empty();

        List<String> top = new ArrayList<>();
        top.add("name = " + quote(name));
        top.add((classic ? "component" : "component_path") + " = " + quote(wasm));
        version.ifPresent(v -> top.add("version = " + quote(v)));
        if (description.isEmpty() && r.nextInt(3) == 0) { // a multi-line string that looks like TOML inside
            String inside = "[[handlers]]\n[[handler]]\ntype = 'x' # \"q\"\n[limits]\nname = 'n'\n" + key(r);
            String delimiter = r.nextBoolean() ? "'''" : "\"\"\"";
            description = Optional.of(inside);
            top.add("description = " + delimiter + "\n" + inside + delimiter);
        } else {
            description.ifPresent(d -> top.add("description = " + quote(d)));
        }
        saveChain.ifPresent(s -> top.add("save_chain = " + s));
        java.util.Collections.shuffle(top, r);
        top.forEach(line -> toml.append(line).append('\n'));

        int pages = r.nextBoolean() ? 1 + r.nextInt(65536) : ActorLimits.DEFAULT_MAX_MEMORY_PAGES;
        long timeout = r.nextBoolean() ? 1 + r.nextInt(1_000_000) : ActorLimits.DEFAULT_CALL_TIMEOUT_MS;
        int mailbox = r.nextBoolean() ? 1 + r.nextInt(100_000) : ActorLimits.DEFAULT_MAILBOX_CAPACITY;
        if (pages != ActorLimits.DEFAULT_MAX_MEMORY_PAGES || timeout != ActorLimits.DEFAULT_CALL_TIMEOUT_MS
                || mailbox != ActorLimits.DEFAULT_MAILBOX_CAPACITY || r.nextBoolean()) {
            toml.append("\n[limits]\n");
            toml.append("max_memory_pages = ").append(pages).append('\n');
            toml.append("call_timeout_ms = ").append(timeout).append('\n');
            toml.append("mailbox_capacity = ").append(mailbox).append('\n');
        }

        List<HandlerSpec> handlers = new ArrayList<>();
        int count = r.nextInt(5);
        for (int i = 0; i < count; i++) {
            toml.append('\n');
            int line = (int) toml.chars().filter(ch -> ch == '\n').count() + 1;
            String type = key(r) + "t";
            Map<String, Object> config = table(r, 2, classic ? "type" : null);
            toml.append(classic ? "[[handler]]\n" : "[[handlers]]\n");
            toml.append("type = ").append(quote(type)).append('\n');
            if (classic) {
                config.forEach((k, v) -> toml.append(quote(k)).append(" = ").append(toml(v)).append('\n'));
            } else if (r.nextBoolean()) {
                toml.append("config = ").append(toml(config)).append('\n');
            } else if (!config.isEmpty()) {
                toml.append("[handlers.config]\n");
                config.forEach((k, v) -> toml.append(k).append(" = ").append(toml(v)).append('\n'));
            }
            handlers.add(new HandlerSpec(type, config, line));
        }
        return new Case(toml.toString(), name, wasm, version, description, saveChain, handlers,
                new ActorLimits(pages, Duration.ofMillis(timeout), mailbox));
    }

    private Map<String, Object> table(Random r, int depth, String reserved) {
        Map<String, Object> out = new LinkedHashMap<>();
        int size = r.nextInt(5);
        for (int i = 0; i < size; i++) {
            String key = key(r);
            if (!key.equals(reserved)) {
                out.put(key, value(r, depth));
            }
        }
        return out;
    }

    private Object value(Random r, int depth) {
        return switch (r.nextInt(depth > 0 ? 7 : 4)) {
            case 0 -> text(r, r.nextInt(10));
            case 1 -> r.nextLong();
            case 2 -> r.nextInt(2_000_000) / 8.0 - 100_000;
            case 3 -> r.nextBoolean();
            case 4 -> List.of(r.nextLong(), r.nextLong());
            case 5 -> List.of(text(r, 3), value(r, 0));
            default -> table(r, depth - 1, null);
        };
    }

    private static String key(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
            s.append(KEY_CHARS.charAt(r.nextInt(KEY_CHARS.length())));
        }
        return s.toString();
    }

    private static String text(Random r, int length) {
        StringBuilder s = new StringBuilder();
        int[] points = TEXT_CHARS.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(points[r.nextInt(points.length)]);
        }
        return s.toString();
    }

    private static String toml(Object value) {
        return switch (value) {
            case String s -> quote(s);
            case Map<?, ?> m -> {
                List<String> parts = new ArrayList<>();
                m.forEach((k, v) -> parts.add(quote((String) k) + " = " + toml(v)));
                yield "{ " + String.join(", ", parts) + " }";
            }
            case List<?> l -> "[" + String.join(", ", l.stream().map(ManifestRoundTripTest::toml).toList()) + "]";
            default -> value.toString(); // Long, Double, Boolean
        };
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }
}
