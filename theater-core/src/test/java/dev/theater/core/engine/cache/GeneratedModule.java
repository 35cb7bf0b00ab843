package dev.theater.core.engine.cache;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A core module written byte by byte, big enough to exercise the compiler: {@code small} functions
 * {@code (i32) -> i32} returning {@code x + i + 20} (twenty adds each), then {@code huge} functions returning
 * {@code x + HUGE_ADDS}, each too large for a JVM method, so Chicory leaves them to the interpreter. Exports
 * {@code small_<i>} for the first and last small function and {@code huge_<j>} for each huge one; a name section
 * names the huge ones {@code huge_<j>}.
 */
final class GeneratedModule {

    /** Adds in each huge function: about 2 bytes of JVM code each, so far past the 64 KiB method limit. */
    static final int HUGE_ADDS = 40_000;

    private GeneratedModule() {
    }

    static byte[] of(int small, int huge) {
        int count = small + huge;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, concat(leb(1), new byte[] {0x60, 1, 0x7f, 1, 0x7f})); // type 0: (i32) -> i32
        ByteArrayOutputStream functions = new ByteArrayOutputStream();
        functions.writeBytes(leb(count));
        for (int i = 0; i < count; i++) {
            functions.write(0);
        }
        section(out, 3, functions.toByteArray());
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.writeBytes(leb(2 + huge));
        export(exports, "small_0", 0);
        export(exports, "small_" + (small - 1), small - 1);
        for (int j = 0; j < huge; j++) {
            export(exports, "huge_" + j, small + j);
        }
        section(out, 7, exports.toByteArray());
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.writeBytes(leb(count));
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(0); // no locals
            body.writeBytes(new byte[] {0x20, 0}); // local.get 0
            if (i < small) {
                body.write(0x41); // i32.const i
                body.writeBytes(sleb(i));
                body.write(0x6a); // i32.add
                for (int k = 0; k < 20; k++) {
                    body.writeBytes(new byte[] {0x41, 1, 0x6a});
                }
            } else {
                for (int k = 0; k < HUGE_ADDS; k++) {
                    body.writeBytes(new byte[] {0x41, 1, 0x6a});
                }
            }
            body.write(0x0b);
            code.writeBytes(leb(body.size()));
            code.writeBytes(body.toByteArray());
        }
        section(out, 10, code.toByteArray());
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.writeBytes(leb(huge));
        for (int j = 0; j < huge; j++) {
            names.writeBytes(leb(small + j));
            names.writeBytes(name("huge_" + j));
        }
        byte[] functionNames = names.toByteArray();
        section(out, 0, concat(name("name"), new byte[] {1}, leb(functionNames.length), functionNames));
        return out.toByteArray();
    }

    private static void export(ByteArrayOutputStream out, String name, int function) {
        out.writeBytes(name(name));
        out.write(0); // a function
        out.writeBytes(leb(function));
    }

    private static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return concat(leb(utf8.length), utf8);
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        out.writeBytes(leb(content.length));
        out.writeBytes(content);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] leb(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value == 0 ? b : b | 0x80);
        } while (value != 0);
        return out.toByteArray();
    }

    private static byte[] sleb(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = (int) (value & 0x7f);
            value >>= 7;
            boolean done = value == 0 && (b & 0x40) == 0 || value == -1 && (b & 0x40) != 0;
            out.write(done ? b : b | 0x80);
            if (done) {
                return out.toByteArray();
            }
        }
    }
}
