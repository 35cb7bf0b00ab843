package dev.theater.wit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed WIT: each error names the file, line and column, and says what was expected. */
class WitParseErrorTest {

    private static final String PKG = "package a:b;\n";

    static Stream<Arguments> malformed() {
        return Stream.of(
                // syntax
                Arguments.of(PKG + "interface i {\n  type t = list<u8, u8>;\n}",
                        "t.wit:3:19: expected '>' to close 'list<', found ','"),
                Arguments.of(PKG + "interface i {\n  type t = option<u8;\n}",
                        "t.wit:3:21: expected '>' to close 'option<', found ';'"),
                Arguments.of(PKG + "interface i {\n  type t = result<_>;\n}",
                        "t.wit:3:20: expected ',' and an error type after 'result<_', found '>'"),
                Arguments.of(PKG + "interface i {\n  type t = result<u8 string>;\n}",
                        "t.wit:3:22: expected ',' or '>' to close 'result<', found keyword 'string'"),
                Arguments.of(PKG + "interface i {\n  type t = tuple<>;\n}",
                        "t.wit:3:18: expected a type, found '>'"),
                Arguments.of(PKG + "interface i {\n  type t = tuple<u8 u16>;\n}",
                        "t.wit:3:21: expected ',' or '>' to close 'tuple<', found keyword 'u16'"),
                Arguments.of(PKG + "interface i {\n  f: func()\n}",
                        "t.wit:4:1: expected ';' after the function 'f', found '}'"),
                Arguments.of(PKG + "interface i {\n  f: func(a: u8 b: u8);\n}",
                        "t.wit:3:17: expected ',' or ')' to close the parameters of 'f', found 'b'"),
                Arguments.of(PKG + "interface i {\n  f: func(result: u8);\n}",
                        "t.wit:3:11: expected a parameter name or ')', found keyword 'result'"
                                + " (write %result to use it as a name)"),
                Arguments.of(PKG + "interface i {\n  record type { x: u8 }\n}",
                        "t.wit:3:10: expected a record name, found keyword 'type' (write %type to use it as a name)"),
                Arguments.of(PKG + "interface i {\n  my_func: func();\n}",
                        "t.wit:3:3: expected a kebab-case identifier (lowercase words joined by '-', like 'get-state'),"
                                + " found 'my_func'"),
                Arguments.of(PKG + "interface i {\n  getState: func();\n}",
                        "t.wit:3:3: expected a kebab-case identifier (lowercase words joined by '-', like 'get-state'),"
                                + " found 'getState'"),
                Arguments.of(PKG + "interface i {\n  f: func();\n  /* open /* nested */ still open\n}",
                        "t.wit:4:3: expected '*/' to close the comment opened here, found end of file"),
                Arguments.of(PKG + "interface i {\n  f: func() -> $;\n}", "t.wit:3:16: unexpected character '$'"),
                Arguments.of("package a:b@1.0;\n", "t.wit:1:13: expected a semantic version like 0.1.0 after '@', found '1.0'"),
                Arguments.of(PKG + "interface i {\n  f: async func();\n}", "t.wit:3:6: async functions are not supported"),
                Arguments.of(PKG + "interface i\n  f: func();\n}", "t.wit:3:3: expected '{' to open interface 'i', found 'f'"),
                Arguments.of(PKG + "interface i {\n  f: func();\n", "t.wit:4:1: expected '}' to close interface 'i', found end of file"),
                Arguments.of(PKG + "f: func();", "t.wit:2:1: expected 'interface' or 'world', found 'f'"),
                Arguments.of(PKG + "interface i {\n  variant v { a(u8 }\n}",
                        "t.wit:3:20: expected ')' to close the payload of case 'a', found '}'"),
                Arguments.of(PKG + "interface i {\n  record r { x u8 }\n}",
                        "t.wit:3:16: expected ':' after the field name 'x', found keyword 'u8'"),
                Arguments.of(PKG + "interface i {\n  use types{json};\n}",
                        "t.wit:3:12: expected '.' after the interface in 'use types', found '{'"),
                Arguments.of(PKG + "interface i {\n  42: func();\n}",
                        "t.wit:3:3: unexpected character '4'"),
                Arguments.of(PKG + "world w {\n  import f: func()\n}",
                        "t.wit:4:1: expected ';' after the function 'f', found '}'"),
                // unsupported features
                Arguments.of(PKG + "interface i {\n  resource r;\n}",
                        "t.wit:3:3: resources are not supported by Theater's WIT type model"),
                Arguments.of(PKG + "interface i {\n  f: func(x: own<r>);\n}",
                        "t.wit:3:14: 'own' is not supported by Theater's WIT type model"),
                Arguments.of(PKG + "interface i {\n  f: func() -> future<u8>;\n}",
                        "t.wit:3:16: 'future' is not supported by Theater's WIT type model"),
                Arguments.of(PKG + "interface i {\n  type s = stream<u8>;\n}",
                        "t.wit:3:12: 'stream' is not supported by Theater's WIT type model"),
                Arguments.of(PKG + "interface i {\n  use wasi:io/streams.{x};\n}",
                        "t.wit:3:7: unknown package 'wasi:io' in 'wasi:io/streams'; the known packages are [a:b]"
                                + " (a dependency goes in deps/<name>/*.wit or deps/<name>.wit)"),
                // names and resolution
                Arguments.of("interface i {}", "t.wit:1:1: expected a 'package ns:name;' declaration in at least one file"
                        + " of the package, found none"),
                Arguments.of(PKG + "interface i {\n  type json = list<u8>;\n  f: func(x: jsn);\n}",
                        "t.wit:4:14: unknown type 'jsn' in interface 'i'; expected a built-in type or one of [json]"),
                Arguments.of(PKG + "interface i {\n  use typs.{json};\n}",
                        "t.wit:3:7: unknown interface 'typs'; expected one of [i]"),
                Arguments.of(PKG + "interface types { type json = list<u8>; }\ninterface i {\n  use types.{jsn};\n}",
                        "t.wit:4:14: expected a type of interface 'types', found 'jsn'; it has [json]"),
                Arguments.of(PKG + "interface i {\n  type t = u8;\n  record t { x: u8 }\n}",
                        "t.wit:4:10: duplicate name 't' in interface 'i' (first declared at t.wit:3:8)"),
                Arguments.of(PKG + "interface i {\n  type f = u8;\n  f: func();\n}",
                        "t.wit:4:3: duplicate name 'f' in interface 'i' (first declared at t.wit:3:8)"),
                Arguments.of(PKG + "interface i {\n  record r { x: u8, x: u16 }\n}",
                        "t.wit:3:21: duplicate field 'x' in record 'r'"),
                Arguments.of(PKG + "interface i {\n  enum e { a, b, a }\n}", "t.wit:3:18: duplicate case 'a' in enum 'e'"),
                Arguments.of(PKG + "interface i {\n  f: func(a: u8, a: u8);\n}",
                        "t.wit:3:18: duplicate parameter 'a' in function 'f'"),
                Arguments.of(PKG + "interface i {\n  record r {}\n}", "t.wit:3:10: expected at least one field in record 'r'"),
                Arguments.of(PKG + "interface i {\n  enum e {}\n}", "t.wit:3:8: expected at least one case in enum 'e'"),
                Arguments.of(PKG + "interface i {\n  record a { b: b }\n  record b { a: a }\n}",
                        "t.wit:3:10: type 'a' refers to itself: a -> b -> a"),
                Arguments.of(PKG + "interface i {\n  type t = list<t>;\n}", "t.wit:3:8: type 't' refers to itself: t -> t"),
                Arguments.of(PKG + "interface i {\n  type t = u8;\n  f: func(x: f);\n}",
                        "t.wit:4:14: expected a type, found function 'f' of interface 'i'"),
                Arguments.of(PKG + "interface i {\n  flags f { " + flags(33) + " }\n}",
                        "t.wit:3:9: flags 'f' has 33 flags; at most 32 are supported"),
                Arguments.of(PKG + "interface i {}\nworld w {\n  import j;\n}",
                        "t.wit:4:10: unknown interface 'j'; expected one of [i]"),
                Arguments.of(PKG + "interface i {}\nworld w {\n  import i;\n  import i;\n}",
                        "t.wit:5:3: duplicate import 'i' in world 'w' (first at t.wit:4:3)"),
                Arguments.of(PKG + "interface i {}\nworld i {}", "t.wit:3:1: duplicate world name 'i'"
                        + " (the name is already declared at t.wit:2:1)"),
                Arguments.of(PKG + "world w {\n  include v;\n}", "t.wit:3:11: unknown world 'v'; expected one of [w]"),
                Arguments.of(PKG + "world w {\n  include w;\n}", "t.wit:2:1: world 'w' includes itself"));
    }

    private static String flags(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("f").append((char) ('a' + i / 26)).append((char) ('a' + i % 26));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void reportsWhereAndWhat(String text, String message) {
        assertThatThrownBy(() -> WitParser.parse(Map.of("t.wit", text)))
                .isInstanceOf(WitParseException.class)
                .hasMessage(message);
    }

    @Test
    void accessorsCarryTheLocation() {
        assertThatThrownBy(() -> WitParser.parse(Map.of("dir/t.wit", PKG + "interface i {\n  type t = list<u8;\n}")))
                .isInstanceOfSatisfying(WitParseException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.file()).isEqualTo("dir/t.wit");
                    org.assertj.core.api.Assertions.assertThat(e.line()).isEqualTo(3);
                    org.assertj.core.api.Assertions.assertThat(e.column()).isEqualTo(19);
                    org.assertj.core.api.Assertions.assertThat(e.detail()).isEqualTo("expected '>' to close 'list<', found ';'");
                });
    }

    @Test
    void filesMustAgreeOnThePackage() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.wit", "package a:b@0.1.0;\ninterface i {}");
        files.put("b.wit", "// other\npackage a:c;\ninterface j {}");
        assertThatThrownBy(() -> WitParser.parse(files)).isInstanceOf(WitParseException.class).hasMessage(
                "b.wit:2:1: expected 'package a:b@0.1.0;' as declared at a.wit:1:1 (all files of a package declare"
                        + " the same package or none), found 'package a:c;'");
    }

    @Test
    void interfacesAreUniqueAcrossFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.wit", "package a:b;\ninterface i {}");
        files.put("b.wit", "\n\n  interface i {}");
        assertThatThrownBy(() -> WitParser.parse(files)).isInstanceOf(WitParseException.class)
                .hasMessage("b.wit:3:3: duplicate interface name 'i' (the name is already declared at a.wit:2:1)");
    }

    @Test
    void useOfAnotherVersionIsRejected() {
        assertThatThrownBy(() -> WitParser.parse(Map.of("t.wit",
                "package a:b@1.0.0;\ninterface t { type x = u8; }\ninterface i { use a:b/t@2.0.0.{x}; }")))
                .isInstanceOf(WitParseException.class)
                .hasMessage("t.wit:3:19: expected package 'a:b@1.0.0' (declared at t.wit:1:1), found 'a:b/t@2.0.0'");
    }
}
