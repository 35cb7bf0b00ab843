package dev.theater.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How {@link ActorGuideTest} makes each mistake of the guide's error table: a change to the worked example's C
 * source or manifest (each change must find the text it replaces, so the example and these stay in step), extra
 * clang flags, the messages to send, or a module made by hand. Keyed by the table's first column.
 */
final class GuideMistakes {

    /** One mistake: the changed source and manifest, flags added to the guide's clang command, the sends. */
    record Mistake(UnaryOperator<String> source, UnaryOperator<String> manifest, List<String> clangFlags,
                   List<String> sends, Optional<byte[]> module) {

        Mistake withManifest(UnaryOperator<String> change) {
            return new Mistake(source, change, clangFlags, sends, module);
        }

        Mistake sending(String... messages) {
            return new Mistake(source, manifest, clangFlags, List.of(messages), module);
        }
    }

    static final String SEND_INSERT_AT = "  host_log(line, n);\n  return return_count(count);";

    private GuideMistakes() {
    }

    /** Every mistake, in the table's order; {@code errorResult} is the guide's own err variant of handle-send. */
    static Map<String, Mistake> all(String errorResult) {
        Map<String, Mistake> m = new LinkedHashMap<>();
        m.put("wrong import signature", source(
                replace("void host_log(const u8 *msg, u32 len);", "void host_log(const u8 *msg);"),
                replace("host_log(line, n);", "host_log(line);")));
        m.put("wrong export signature", source(replace(
                "u32 counter_handle_send(u32 has_state, const u8 *state, u32 state_len, const u8 *msg, u32 msg_len) {",
                "u32 counter_handle_send(const u8 *state, u32 state_len, const u8 *msg, u32 msg_len) {\n  u32 has_state = 1;")));
        m.put("no `init` export", source(replace("EXPORT(\"theater:simple/actor#init\")\n", "")));
        m.put("export name misspelled", source(replace("EXPORT(\"theater:simple/actor#init\")",
                "EXPORT(\"theater:simple/actors#init\")")));
        m.put("version suffix on an export name", source(replace("EXPORT(\"theater:simple/actor#init\")",
                "EXPORT(\"theater:simple/actor@0.1.0#init\")")));
        m.put("unknown function in a known interface", source(replace(
                "EXPORT(\"theater:simple/message-server-client#handle-send\")",
                "EXPORT(\"theater:simple/message-server-client#handle-message\")")));
        m.put("no `cabi_realloc`", source(replace("EXPORT(\"cabi_realloc\")\n", "")));
        m.put("no memory", new Mistake(s -> s, t -> t, List.of(), List.of("counter=hello"), Optional.of(noMemory())));
        m.put("imported memory", new Mistake(s -> s, t -> t, List.of("-Wl,--import-memory"), List.of("counter=hello"),
                Optional.empty()));
        m.put("unknown interface", source(replace("IMPORT(\"theater:simple/runtime\", \"log\")",
                "IMPORT(\"theater:simple/logging\", \"log\")")));
        m.put("unknown function in an imported interface", source(replace("IMPORT(\"theater:simple/runtime\", \"log\")",
                "IMPORT(\"theater:simple/runtime\", \"print\")")));
        m.put("handler for an import not in the manifest", source().withManifest(replace(
                "[[handlers]]\ntype = \"runtime\"                  # provides theater:simple/runtime (log)\n\n", "")));
        m.put("handler for messages not in the manifest", source().withManifest(replace(
                "[[handlers]]\ntype = \"message-server\"           # delivers messages to handle-send\n", "")));
        m.put("no export for a message", source(replace(
                "EXPORT(\"theater:simple/message-server-client#handle-send\")\n", "")));
        m.put("trap in `init`", source(replace("  host_log(line, n);\n  return return_count(read_count",
                "  host_log(line, n);\n  __builtin_trap();\n  return return_count(read_count")));
        m.put("`init` returns an error", source(replace("  host_log(line, n);\n  return return_count(read_count",
                "  host_log(line, n);\n  ret_area[0] = 1; ret_area[1] = (u32)\"not today\"; ret_area[2] = 9;\n"
                        + "  return (u32)ret_area;\n  return return_count(read_count")));
        m.put("bad discriminant", source(replace("ret_area[0] = 0; ", "ret_area[0] = 2; ")));
        m.put("out-of-bounds pointer in a result", source(replace("ret_area[2] = (u32)json;", "ret_area[2] = 0xfffffff0;")));
        m.put("a log line that is not UTF-8", source(replace("  n += put(line + n, \": \");",
                "  n += put(line + n, \": \");\n  line[0] = 0xc3;")));
        String big = "counter=" + "x".repeat(20000);
        m.put("forgetting `cabi_post_*`", source(replace(
                "EXPORT(\"cabi_post_theater:simple/message-server-client#handle-send\")\n", ""))
                .withManifest(t -> t + "\n[limits]\nmax_memory_pages = 2\n").sending(big, big));
        m.put("an export returns an error", source(replace(SEND_INSERT_AT,
                "  host_log(line, n);\n" + errorResult + "  return return_count(count);")).sending("counter=fail"));
        m.put("a call past its deadline", source(replace(SEND_INSERT_AT,
                "  host_log(line, n);\n  if (msg_len == 4 && msg[0] == 's') for (volatile u32 i = 0;; i++) { }\n"
                        + "  return return_count(count);"))
                .withManifest(t -> t + "\n[limits]\ncall_timeout_ms = 500\n").sending("counter=spin"));
        return m;
    }

    @SafeVarargs
    private static Mistake source(UnaryOperator<String>... changes) {
        return new Mistake(s -> {
            for (UnaryOperator<String> change : changes) {
                s = change.apply(s);
            }
            return s;
        }, t -> t, List.of(), List.of("counter=hello"), Optional.empty());
    }

    /** Replaces every {@code from}; fails if there is none, so a change to the example shows up here. */
    static UnaryOperator<String> replace(String from, String to) {
        return s -> {
            if (!s.contains(from)) {
                throw new AssertionError("the guide's example no longer contains: " + from);
            }
            return s.replace(from, to);
        };
    }

    /**
     * A module without memory, which clang cannot make: {@code cabi_realloc} returns 16, {@code init} returns 0.
     * Written out byte by byte (type, function, export and code sections).
     */
    static byte[] noMemory() {
        Wasm w = new Wasm();
        w.bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
        w.section(1, new Wasm().bytes(2, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f));
        w.section(3, new Wasm().bytes(2, 0, 1));
        w.section(7, new Wasm().bytes(2).name("cabi_realloc").bytes(0, 0).name("theater:simple/actor#init").bytes(0, 1));
        w.section(10, new Wasm().bytes(2, 4, 0, 0x41, 16, 0x0b, 4, 0, 0x41, 0, 0x0b));
        return w.out.toByteArray();
    }

    /** Just enough of the wasm binary format for {@link #noMemory}: bytes, names, sections (sizes < 128). */
    private static final class Wasm {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Wasm bytes(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Wasm name(String name) {
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            out.write(utf8.length);
            out.writeBytes(utf8);
            return this;
        }

        void section(int id, Wasm content) {
            byte[] body = content.out.toByteArray();
            if (body.length > 127) {
                throw new IllegalStateException("a section this small encoder cannot size");
            }
            out.write(id);
            out.write(body.length);
            out.writeBytes(body);
        }
    }
}
