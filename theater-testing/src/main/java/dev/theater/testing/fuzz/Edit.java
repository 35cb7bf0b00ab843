package dev.theater.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One change to an input's bytes. Positions are taken modulo the input's length (plus one where the end is a
 * place too), so any edit applies to any input and shrinks toward position 0.
 */
public sealed interface Edit {

    byte[] apply(byte[] in);

    /** Flips one bit of the byte at {@code at}. */
    record Flip(int at, int bit) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at % in.length] ^= (byte) (1 << (bit & 7));
            return out;
        }
    }

    /** Sets the byte at {@code at}. */
    record Set(int at, int value) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at % in.length] = (byte) value;
            return out;
        }
    }

    /** Inserts {@code bytes} (random, or a token of the input's language) before {@code at}. */
    record Insert(int at, byte[] bytes) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            int i = at % (in.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + bytes.length);
            out.write(in, 0, i);
            out.writeBytes(bytes);
            out.write(in, i, in.length - i);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return "Insert[at=" + at + ", bytes=" + show(bytes) + "]";
        }
    }

    /** Removes up to {@code length} bytes from {@code at}. */
    record Delete(int at, int length) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int i = at % in.length;
            int n = Math.min(length, in.length - i);
            byte[] out = new byte[in.length - n];
            System.arraycopy(in, 0, out, 0, i);
            System.arraycopy(in, i + n, out, i, in.length - i - n);
            return out;
        }
    }

    /** Repeats up to {@code length} bytes from {@code at} right after themselves. */
    record Duplicate(int at, int length) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            int i = at % in.length;
            int n = Math.min(length, in.length - i);
            return new Insert(i + n, Arrays.copyOfRange(in, i, i + n)).apply(in);
        }
    }

    /** Cuts the input off at {@code at}. */
    record Truncate(int at) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, at % (in.length + 1));
        }
    }

    /** Writes line {@code line} twice. */
    record DuplicateLine(int line) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            int i = line % lines.size();
            lines.add(i, lines.get(i));
            return join(lines);
        }
    }

    /** Removes line {@code line}. */
    record DeleteLine(int line) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            lines.remove(line % lines.size());
            return join(lines);
        }
    }

    /** Moves line {@code line} to before line {@code to}. */
    record MoveLine(int line, int to) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            byte[] moved = lines.remove(line % lines.size());
            lines.add(to % (lines.size() + 1), moved);
            return join(lines);
        }
    }

    /** Inserts {@code nesting} repeated {@code depth} times before line {@code line}. */
    record Nest(int line, Nesting nesting, int depth) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            lines.add(line % (lines.size() + 1), nesting.text(depth).getBytes(StandardCharsets.UTF_8));
            return join(lines);
        }
    }

    /** Inserts {@code chain} of {@code length} steps before line {@code line}. */
    record Chain(int line, Chaining chaining, int length) implements Edit {
        @Override
        public byte[] apply(byte[] in) {
            List<byte[]> lines = lines(in);
            lines.add(line % (lines.size() + 1), chaining.text(length).getBytes(StandardCharsets.UTF_8));
            return join(lines);
        }
    }

    /**
     * A way to nest a language's values, on a line of its own: {@code prefix}, {@code open} repeated,
     * {@code inner}, {@code close} repeated, {@code suffix}; e.g. TOML's {@code x = [[[1]]]} or WIT's
     * {@code interface z { type t = list<list<u8>>; }}.
     */
    record Nesting(String prefix, String open, String inner, String close, String suffix) {
        public String text(int depth) {
            return prefix + open.repeat(depth) + inner + close.repeat(depth) + suffix;
        }
    }

    /**
     * A chain of declarations, each naming the one before it, on a line of its own: {@code prefix}, then
     * {@code step} formatted with (i, i - 1) for i from the length down to 1, then {@code suffix}; e.g. WIT's
     * {@code type a2 = a1; type a1 = a0;}, declared last to first so that resolving the first walks them all.
     */
    record Chaining(String prefix, String step, String suffix) {
        public String text(int length) {
            StringBuilder out = new StringBuilder(prefix);
            for (int i = length; i >= 1; i--) {
                out.append(step.formatted(i, i - 1));
            }
            return out.append(suffix).toString();
        }
    }

    /** The input's lines, each without its {@code \n}; an input without one is one line. */
    private static List<byte[]> lines(byte[] in) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                out.add(Arrays.copyOfRange(in, start, i));
                start = i + 1;
            }
        }
        out.add(Arrays.copyOfRange(in, start, in.length));
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.writeBytes(lines.get(i));
        }
        return out.toByteArray();
    }

    private static String show(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        boolean printable = text.codePoints().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable ? '"' + text + '"' : HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
