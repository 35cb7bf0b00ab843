package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitType;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WIT written to exhaust the stack: types nested thousands deep, long chains of aliases, uses and includes. Each is
 * refused at a {@code file:line:column} once it nests past {@link WitParser#MAX_TYPE_DEPTH}, or resolved without
 * recursion when it does not nest (a rename chain).
 */
@Timeout(30)
class WitHostileInputTest {

    private static final String PKG = "package a:b;\n";
    private static final String TOO_DEEP = "type nests more than 64 levels deep (each list, option, result, tuple, record"
            + " and variant adds one, and a named type adds its own)";

    private static WitPackage parse(String text) {
        return WitParser.parse(Map.of("t.wit", text));
    }

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private static String lines(int from, int to, String format) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> format.formatted(i, i - 1)).collect(Collectors.joining());
    }

    @Test
    void deeplyNestedTypesAreRefusedWhereTheyPassTheLimit() {
        // column 12 + 6 * 64 = 396: the 65th 'tuple<'
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  type t = " + nested("tuple<", "u8", ">", 1_000) + ";\n}"))
                .isInstanceOf(WitParseException.class)
                .hasMessage("t.wit:3:396: " + TOO_DEEP);
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  type t = " + nested("list<", "u8", ">", 20_000) + ";\n}"))
                .hasMessage("t.wit:3:332: " + TOO_DEEP);
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  f: func() -> " + nested("result<", "u8", ">", 3_000) + ";\n}"))
                .hasMessage("t.wit:3:464: " + TOO_DEEP);
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  variant v { a(" + nested("option<", "u8", ">", 100) + ") }\n}"))
                .hasMessage("t.wit:3:465: " + TOO_DEEP);
    }

    @Test
    void sixtyFourLevelsAreAccepted() {
        WitType t = parse(PKG + "interface i {\n  type t = " + nested("list<", "u8", ">", 64) + ";\n}")
                .requireInterface("i").types().get("t");

        for (int i = 0; i < 64; i++) {
            t = ((WitType.ListOf) t).element();
        }
        assertThat(t).isEqualTo(WitType.Primitive.U8);
    }

    @Test
    void nestingThroughNamedTypesCountsToo() {
        // a0 = u8, a1 = option<a0>, ...: a64 nests 64 levels, a65 one too many, wherever the chain is entered
        String chain = lines(1, 100, "  type a%d = option<a%d>;\n");
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  type a0 = u8;\n" + chain + "}"))
                .hasMessage("t.wit:68:21: " + TOO_DEEP);
        String records = lines(1, 5_000, "  record a%d { x: a%d }\n");
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  type a0 = u8;\n" + records + "}"))
                .hasMessage("t.wit:68:19: " + TOO_DEEP);
        // a type of 40 levels used inside 30 more: the use is refused at its name
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  type big = " + nested("list<", "u8", ">", 40) + ";\n"
                + "  f: func(x: " + nested("option<", "big", ">", 30) + ");\n}"))
                .hasMessage("t.wit:4:224: " + TOO_DEEP);
    }

    @Test
    void longRenameChainsResolveWithoutRecursion() {
        // declared last to first, so resolving a5000 walks the whole chain at once
        String aliases = IntStream.iterate(5_000, i -> i >= 1, i -> i - 1)
                .mapToObj(i -> "  type a" + i + " = a" + (i - 1) + ";\n").collect(Collectors.joining());
        WitPackage p = parse(PKG + "interface i {\n" + aliases + "  type a0 = list<u8>;\n}");

        assertThat(p.requireInterface("i").types().get("a5000")).isEqualTo(new WitType.ListOf(WitType.Primitive.U8));
        assertThat(p.requireInterface("i").types()).hasSize(5_001);

        String uses = IntStream.iterate(3_000, i -> i >= 1, i -> i - 1)
                .mapToObj(i -> "interface i" + i + " { use i" + (i - 1) + ".{t}; }\n").collect(Collectors.joining());
        WitPackage q = parse(PKG + uses + "interface i0 { type t = string; }\n");
        assertThat(q.requireInterface("i3000").types().get("t")).isEqualTo(WitType.Primitive.STRING);
    }

    @Test
    void renameCyclesAreStillNamed() {
        assertThatThrownBy(() -> parse(PKG + "interface i {\n  type a = b;\n  type b = c;\n  type c = a;\n}"))
                .hasMessage("t.wit:3:8: type 'a' refers to itself: a -> b -> c -> a");
        assertThatThrownBy(() -> parse(PKG + "interface i { use j.{t}; }\ninterface j { use i.{t}; }\n"))
                .hasMessage("t.wit:2:22: type 't' refers to itself: t -> t -> t");
    }

    @Test
    void includeChainsPastTheLimitAreRefused() {
        String worlds = IntStream.iterate(5_000, i -> i >= 1, i -> i - 1)
                .mapToObj(i -> "world w" + i + " { include w" + (i - 1) + "; }\n").collect(Collectors.joining());

        assertThatThrownBy(() -> parse(PKG + worlds + "world w0 { }\n"))
                .isInstanceOf(WitParseException.class)
                .hasMessage("t.wit:66:23: includes nest more than 64 levels deep (from world 'w5000' down to 'w4936')");
        String shallow = IntStream.iterate(64, i -> i >= 1, i -> i - 1)
                .mapToObj(i -> "world w" + i + " { include w" + (i - 1) + "; }\n").collect(Collectors.joining());
        assertThat(parse(PKG + "interface x {}\n" + shallow + "world w0 { import x; }\n").worlds().get("w64").imports())
                .hasSize(1);
    }
}
