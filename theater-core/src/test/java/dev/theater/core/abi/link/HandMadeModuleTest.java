package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.theater.api.wit.WitFunction;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitType;
import dev.theater.api.wit.WitValue;
import dev.theater.core.AbiException;
import dev.theater.core.EngineMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A tiny module assembled here: it imports {@code theater:simple/runtime@0.1.0.log} (a versioned interface), exports
 * {@code run} (logs "hello") and {@code theater:test/plain#greet(string)}, and has no cabi_realloc.
 */
class HandMadeModuleTest {

    private static final String VERSIONED = "theater:simple/runtime@0.1.0";

    static byte[] module() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, bytes(2, 0x60, 2, 0x7f, 0x7f, 0, 0x60, 0, 0));            // (i32, i32) -> (), () -> ()
        section(out, 2, concat(bytes(1), name(VERSIONED), name("log"), bytes(0, 0)));
        section(out, 3, bytes(2, 1, 0));                                          // run: type 1, greet: type 0
        section(out, 5, bytes(1, 0, 1));                                          // one page
        section(out, 7, concat(bytes(3), name("memory"), bytes(2, 0), name("run"), bytes(0, 1),
                name("theater:test/plain#greet"), bytes(0, 2)));
        section(out, 10, bytes(2, 8, 0, 0x41, 0, 0x41, 5, 0x10, 0, 0x0b, 2, 0, 0x0b)); // run: log(0, 5); greet: nothing
        section(out, 11, concat(bytes(1, 0, 0x41, 0, 0x0b), name("hello")));
        return out.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        out.write(content.length); // every section here is shorter than 128 bytes
        out.writeBytes(content);
    }

    private static byte[] name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return concat(bytes(utf8.length), utf8);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void importsOfAVersionedInterfaceAreBound() {
        List<String> logs = new ArrayList<>();
        WitInstance instance = WitLinker.forModule(TestGuests.engine(EngineMode.COMPILER).compile("plain.wasm", module()))
                .define(TestGuests.simple("runtime"), "log", (ctx, args) -> {
                    logs.add(((WitValue.Str) args.getFirst()).value());
                    return Optional.empty();
                })
                .instantiate();
        instance.core().export("run").call();
        assertThat(logs).containsExactly("hello");
    }

    @Test
    void aGuestWithoutCabiReallocCannotReceiveStrings() {
        WitFunction greet = new WitFunction("greet", List.of(new WitFunction.Param("name", WitType.Primitive.STRING)),
                Optional.empty(), "");
        WitInterface plain = new WitInterface("theater:test", Optional.empty(), "plain", Map.of(), Map.of("greet", greet), "");
        WitInstance instance = WitLinker.forModule(TestGuests.engine(EngineMode.COMPILER).compile("plain.wasm", module()))
                .define(TestGuests.simple("runtime"), "log", (ctx, args) -> Optional.empty())
                .instantiate();
        assertThatThrownBy(() -> instance.call(plain, "greet", List.of(new WitValue.Str("hi"))))
                .isInstanceOf(AbiException.class)
                .hasMessage("plain.wasm: export 'theater:test/plain#greet': cannot lower string: plain.wasm does not export "
                        + "cabi_realloc, which is needed to pass this value");
    }
}
