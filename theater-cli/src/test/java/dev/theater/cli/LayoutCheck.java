package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.abi.AbiContext;
import dev.theater.core.abi.CanonicalAbi;
import dev.theater.core.engine.GuestMemory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one documented result area against the runtime's canonical ABI ({@link CanonicalAbi}), not against a
 * second implementation of the layout rules: the type's size and alignment; that the rows name every leaf of the
 * type exactly once; and, for every row, that the runtime's own {@code store} of a value chosen for that row puts
 * the documented number at the documented offset with the documented width, in a memory poisoned beforehand so
 * that a wrong offset reads poison. A discriminant row is checked for every case, and its "n = name" pairs
 * against the case names; a pointer row by reading what it points to.
 */
final class LayoutCheck {

    private static final int BASE = 0x100;        // where the area is stored (aligned to 8)
    private static final int HEAP = 0x1000;       // where the allocator starts
    private static final byte POISON = (byte) 0xA5;
    private static final String MARKER = "probe-bytes-0123456789";
    private static final int LIST_LENGTH = 3;
    private static final Pattern CASE = Pattern.compile("(\\d+) = ([a-z][a-z0-9-]*)");

    private final WitType root;
    private final String where;

    private LayoutCheck(WitType root, String where) {
        this.root = root;
        this.where = where;
    }

    /** Checks {@code layout} as the layout of {@code type}; {@code where} names it in failures. */
    static void check(GuideDoc.Layout layout, WitType type, String where) {
        new LayoutCheck(type, where).check(layout);
    }

    /** The leaf fields of a type as the guide names them: {@code disc}, {@code ok.0.some.ptr}, ... */
    static List<String> leaves(WitType type) {
        List<String> out = new ArrayList<>();
        leaves(type, "", out);
        return out;
    }

    /** Every list element type (but u8) a value of {@code type} may hold, inside other elements too. */
    static List<WitType> listElements(WitType type) {
        List<WitType> out = new ArrayList<>();
        listElements(type, out);
        return out;
    }

    private void check(GuideDoc.Layout layout) {
        assertThat(CanonicalAbi.size(root)).as(where + ": size").isEqualTo(layout.size());
        assertThat(CanonicalAbi.alignment(root)).as(where + ": alignment").isEqualTo(layout.align());
        List<String> fields = layout.rows().stream().map(r -> GuideDoc.code(r.get(2))).toList();
        assertThat(fields).as(where + ": the fields of the table").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(leaves(root));
        for (List<String> row : layout.rows()) {
            checkRow(row, layout.size());
        }
    }

    private void checkRow(List<String> row, int areaSize) {
        int offset = Integer.parseInt(row.get(0));
        int width = Integer.parseInt(row.get(1));
        String field = GuideDoc.code(row.get(2));
        String as = where + ": field " + field;
        assertThat(offset + width).as(as + " ends inside the area").isLessThanOrEqualTo(areaSize);
        List<String> steps = List.of(field.split("\\."));
        List<String> up = steps.subList(0, steps.size() - 1);
        String last = steps.getLast();
        if (last.equals("disc")) {
            WitType t = typeAt(up);
            List<String> names = caseNames(t);
            assertThat(width).as(as + " width").isEqualTo(CanonicalAbi.size(new WitType.Enum("discriminant", names)));
            for (int i = 0; i < names.size(); i++) {
                int index = i;
                Memory m = store(build(root, up, 0, x -> caseValue(x, index)));
                assertThat(m.unsigned(BASE + offset, width)).as(as + " for case " + names.get(i)).isEqualTo(i);
            }
            Matcher pairs = CASE.matcher(row.get(3));
            List<String> documented = new ArrayList<>(Collections.nCopies(names.size(), (String) null));
            while (pairs.find()) {
                documented.set(Integer.parseInt(pairs.group(1)), pairs.group(2));
            }
            assertThat(documented).as(as + ": the cases in '" + row.get(3) + "'").isEqualTo(names);
        } else if (last.equals("ptr") || last.equals("len")) {
            WitType t = typeAt(up);
            assertThat(width).as(as + " width").isEqualTo(4);
            Memory m = store(build(root, up, 0, LayoutCheck::marker));
            long read = m.unsigned(BASE + offset, 4);
            if (last.equals("len")) {
                assertThat(read).as(as).isEqualTo(markerLength(t));
            } else if (t instanceof WitType.ListOf list && list.element() != WitType.Primitive.U8) {
                WitValue first;
                try {
                    first = CanonicalAbi.load(m.context(), list.element(), (int) read);
                } catch (RuntimeException e) {
                    throw new AssertionError(as + " does not point at the first element: " + e.getMessage(), e);
                }
                assertThat(first).as(as + " points at the first element").isEqualTo(defaultValue(list.element()));
            } else {
                assertThat(new String(m.readBytes((int) read, MARKER.length()), StandardCharsets.UTF_8))
                        .as(as + " points at the bytes").isEqualTo(MARKER);
            }
        } else {
            WitType t = typeAt(steps);
            assertThat(width).as(as + " width").isEqualTo(CanonicalAbi.size(t));
            Memory m = store(build(root, steps, 0, LayoutCheck::marker));
            assertThat(m.unsigned(BASE + offset, width)).as(as).isEqualTo(markerBits(t, width));
        }
    }

    private Memory store(WitValue value) {
        Memory m = new Memory();
        CanonicalAbi.store(m.context(), root, value, BASE);
        return m;
    }

    private WitType typeAt(List<String> steps) {
        WitType t = root;
        for (String step : steps) {
            t = step(t, step);
        }
        return t;
    }

    private WitType step(WitType t, String step) {
        return switch (t) {
            case WitType.OptionOf o when step.equals("some") -> o.some();
            case WitType.Result r when step.equals("ok") && r.ok().isPresent() -> r.ok().get();
            case WitType.Result r when step.equals("err") && r.err().isPresent() -> r.err().get();
            case WitType.Variant v -> v.cases().stream().filter(c -> c.name().equals(step) && c.payload().isPresent())
                    .findFirst().map(c -> c.payload().get()).orElseThrow(() -> bad(t, step));
            case WitType.Tuple tu when step.matches("\\d+") && Integer.parseInt(step) < tu.elements().size() ->
                    tu.elements().get(Integer.parseInt(step));
            case WitType.Record r -> r.fields().stream().filter(f -> f.name().equals(step)).findFirst()
                    .map(WitType.Field::type).orElseThrow(() -> bad(t, step));
            default -> throw bad(t, step);
        };
    }

    private AssertionError bad(WitType t, String step) {
        return new AssertionError(where + ": '" + step + "' is no part of " + t.wit());
    }

    /** A value of {@code t} that is default everywhere but along {@code steps}, where {@code leaf} makes the end. */
    private WitValue build(WitType t, List<String> steps, int at, java.util.function.Function<WitType, WitValue> leaf) {
        if (at == steps.size()) {
            return leaf.apply(t);
        }
        String s = steps.get(at);
        WitValue inner = build(step(t, s), steps, at + 1, leaf);
        return switch (t) {
            case WitType.OptionOf o -> WitValue.OptionValue.some(inner);
            case WitType.Result r -> new WitValue.ResultValue(s.equals("ok"), Optional.of(inner));
            case WitType.Variant v -> new WitValue.VariantValue(caseNames(v).indexOf(s), Optional.of(inner));
            case WitType.Tuple tu -> {
                List<WitValue> parts = new ArrayList<>(tu.elements().stream().map(LayoutCheck::defaultValue).toList());
                parts.set(Integer.parseInt(s), inner);
                yield new WitValue.TupleValue(parts);
            }
            case WitType.Record r -> {
                List<WitValue> parts = new ArrayList<>(r.fields().stream().map(f -> defaultValue(f.type())).toList());
                parts.set(r.fields().stream().map(WitType.Field::name).toList().indexOf(s), inner);
                yield new WitValue.RecordValue(parts);
            }
            default -> throw bad(t, s);
        };
    }

    private static List<String> caseNames(WitType t) {
        return switch (t) {
            case WitType.OptionOf o -> List.of("none", "some");
            case WitType.Result r -> List.of("ok", "err");
            case WitType.Variant v -> v.cases().stream().map(WitType.Case::name).toList();
            case WitType.Enum e -> e.cases();
            default -> throw new AssertionError(t.wit() + " has no discriminant");
        };
    }

    private static WitValue caseValue(WitType t, int i) {
        return switch (t) {
            case WitType.OptionOf o -> i == 0 ? WitValue.OptionValue.none() : WitValue.OptionValue.some(defaultValue(o.some()));
            case WitType.Result r -> new WitValue.ResultValue(i == 0, (i == 0 ? r.ok() : r.err()).map(LayoutCheck::defaultValue));
            case WitType.Variant v -> new WitValue.VariantValue(i, v.cases().get(i).payload().map(LayoutCheck::defaultValue));
            case WitType.Enum e -> new WitValue.EnumValue(i);
            default -> throw new AssertionError(t.wit() + " has no cases");
        };
    }

    /** Zeros, empty strings and lists, none, ok, the first case. */
    static WitValue defaultValue(WitType t) {
        return switch (t) {
            case WitType.Primitive p -> scalar(p, 0);
            case WitType.ListOf l when l.element() == WitType.Primitive.U8 -> new WitValue.Bytes(new byte[0]);
            case WitType.ListOf l -> new WitValue.ListValue(List.of());
            case WitType.OptionOf o -> WitValue.OptionValue.none();
            case WitType.Result r -> caseValue(r, 0);
            case WitType.Variant v -> caseValue(v, 0);
            case WitType.Enum e -> new WitValue.EnumValue(0);
            case WitType.Flags f -> new WitValue.FlagsValue(0);
            case WitType.Tuple tu -> new WitValue.TupleValue(tu.elements().stream().map(LayoutCheck::defaultValue).toList());
            case WitType.Record r -> new WitValue.RecordValue(r.fields().stream().map(f -> defaultValue(f.type())).toList());
        };
    }

    /** The value a row is checked with: the marker text, a list of three, or a number with every byte distinct. */
    private static WitValue marker(WitType t) {
        return switch (t) {
            case WitType.Primitive p when p == WitType.Primitive.STRING -> new WitValue.Str(MARKER);
            case WitType.Primitive p -> scalar(p, markerBits(p, CanonicalAbi.size(p)));
            case WitType.ListOf l when l.element() == WitType.Primitive.U8 -> WitValue.Bytes.utf8(MARKER);
            case WitType.ListOf l -> new WitValue.ListValue(Collections.nCopies(LIST_LENGTH, defaultValue(l.element())));
            case WitType.Flags f -> new WitValue.FlagsValue(1);
            default -> throw new AssertionError(t.wit() + " is not a leaf");
        };
    }

    private static long markerLength(WitType t) {
        return t instanceof WitType.ListOf l && l.element() != WitType.Primitive.U8 ? LIST_LENGTH : MARKER.length();
    }

    private static long markerBits(WitType t, int width) {
        if (t == WitType.Primitive.BOOL || t instanceof WitType.Flags) {
            return 1;
        }
        if (t == WitType.Primitive.CHAR) {
            return 0x1F600; // a scalar value, as a char must be
        }
        long bits = 0x8877665544332211L;
        return width == 8 ? bits : bits & ((1L << (8 * width)) - 1);
    }

    private static WitValue scalar(WitType.Primitive p, long bits) {
        return switch (p) {
            case BOOL -> new WitValue.Bool(bits != 0);
            case S8 -> new WitValue.S8((byte) bits);
            case U8 -> new WitValue.U8((int) (bits & 0xFF));
            case S16 -> new WitValue.S16((short) bits);
            case U16 -> new WitValue.U16((int) (bits & 0xFFFF));
            case S32 -> new WitValue.S32((int) bits);
            case U32 -> new WitValue.U32(bits & 0xFFFF_FFFFL);
            case S64 -> new WitValue.S64(bits);
            case U64 -> new WitValue.U64(bits);
            case F32 -> new WitValue.F32(Float.intBitsToFloat((int) bits));
            case F64 -> new WitValue.F64(Double.longBitsToDouble(bits));
            case CHAR -> new WitValue.Char(bits == 0 ? 'a' : (int) bits);
            case STRING -> new WitValue.Str("");
        };
    }

    private static void leaves(WitType t, String at, List<String> out) {
        switch (t) {
            case WitType.Primitive p when p == WitType.Primitive.STRING -> out.addAll(List.of(join(at, "ptr"), join(at, "len")));
            case WitType.ListOf l -> out.addAll(List.of(join(at, "ptr"), join(at, "len")));
            case WitType.Primitive p -> out.add(at);
            case WitType.Flags f -> out.add(at);
            case WitType.Enum e -> out.add(join(at, "disc"));
            case WitType.Tuple tu -> {
                for (int i = 0; i < tu.elements().size(); i++) {
                    leaves(tu.elements().get(i), join(at, String.valueOf(i)), out);
                }
            }
            case WitType.Record r -> r.fields().forEach(f -> leaves(f.type(), join(at, f.name()), out));
            case WitType.OptionOf o -> {
                out.add(join(at, "disc"));
                leaves(o.some(), join(at, "some"), out);
            }
            case WitType.Result r -> {
                out.add(join(at, "disc"));
                r.ok().ifPresent(ok -> leaves(ok, join(at, "ok"), out));
                r.err().ifPresent(err -> leaves(err, join(at, "err"), out));
            }
            case WitType.Variant v -> {
                out.add(join(at, "disc"));
                v.cases().forEach(c -> c.payload().ifPresent(p -> leaves(p, join(at, c.name()), out)));
            }
        }
    }

    private static void listElements(WitType t, List<WitType> out) {
        switch (t) {
            case WitType.ListOf l when l.element() == WitType.Primitive.U8 -> { }
            case WitType.ListOf l -> {
                if (!out.contains(l.element())) {
                    out.add(l.element());
                }
                listElements(l.element(), out);
            }
            case WitType.Tuple tu -> tu.elements().forEach(e -> listElements(e, out));
            case WitType.Record r -> r.fields().forEach(f -> listElements(f.type(), out));
            case WitType.OptionOf o -> listElements(o.some(), out);
            case WitType.Result r -> {
                r.ok().ifPresent(ok -> listElements(ok, out));
                r.err().ifPresent(err -> listElements(err, out));
            }
            case WitType.Variant v -> v.cases().forEach(c -> c.payload().ifPresent(p -> listElements(p, out)));
            default -> { }
        }
    }

    private static String join(String at, String step) {
        return at.isEmpty() ? step : at + "." + step;
    }

    /** 64 KiB of poisoned memory with a bump allocator: the guest side of a store, without a guest. */
    private static final class Memory implements GuestMemory {
        private final ByteBuffer buf = ByteBuffer.allocate(65536).order(ByteOrder.LITTLE_ENDIAN);
        private int next = HEAP;

        Memory() {
            Arrays.fill(buf.array(), POISON);
        }

        AbiContext context() {
            return new AbiContext(this, (oldPtr, oldSize, align, newSize) -> {
                int ptr = (next + align - 1) & -align;
                next = ptr + newSize;
                return ptr;
            });
        }

        long unsigned(int address, int width) {
            long v = 0;
            for (int i = width - 1; i >= 0; i--) {
                v = (v << 8) | (buf.get(address + i) & 0xFF);
            }
            return v;
        }

        @Override public byte readByte(int a) { return buf.get(a); }
        @Override public short readShort(int a) { return buf.getShort(a); }
        @Override public int readInt(int a) { return buf.getInt(a); }
        @Override public long readLong(int a) { return buf.getLong(a); }
        @Override public float readFloat(int a) { return buf.getFloat(a); }
        @Override public double readDouble(int a) { return buf.getDouble(a); }
        @Override public byte[] readBytes(int a, int length) {
            byte[] out = new byte[length];
            buf.get(a, out);
            return out;
        }
        @Override public void writeByte(int a, byte v) { buf.put(a, v); }
        @Override public void writeShort(int a, short v) { buf.putShort(a, v); }
        @Override public void writeInt(int a, int v) { buf.putInt(a, v); }
        @Override public void writeLong(int a, long v) { buf.putLong(a, v); }
        @Override public void writeFloat(int a, float v) { buf.putFloat(a, v); }
        @Override public void writeDouble(int a, double v) { buf.putDouble(a, v); }
        @Override public void writeBytes(int a, byte[] source, int offset, int length) { buf.put(a, source, offset, length); }
        @Override public long sizeBytes() { return buf.capacity(); }
    }
}
