package dev.theater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.wit.WitInterface;
import dev.theater.api.wit.WitInterfaceName;
import dev.theater.wit.TheaterWit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md's first rule, checked: every {@code theater:simple} interface with functions has the built-in handler
 * that imports or exports it, or is listed below as not built yet; and every built handler has a
 * {@code *GuestTest} whose real guests (committed wasm under {@code test-actors/} or {@code examples/}, named in its
 * test sources) import every function the handler implements and export every function it calls. When a handler
 * lands, its interfaces leave {@link #NOT_BUILT_YET} (the test fails until they do).
 */
class HandlerCoverageTest {

    /** Interfaces whose handler is a later issue's work. */
    static final Set<String> NOT_BUILT_YET = Set.of();

    /** Interfaces the runtime itself calls (every actor's {@code init}), not a handler. */
    static final Set<String> RUNTIME_ITSELF = Set.of("theater:simple/actor");

    private static final Path ROOT = Path.of("").toAbsolutePath(); // surefire runs this module from the project root

    private static final Map<String, HandlerProvider> BUILT_IN = builtIn();

    private static Map<String, HandlerProvider> builtIn() {
        Map<String, HandlerProvider> byType = new TreeMap<>();
        ServiceLoader.load(HandlerProvider.class).forEach(p -> byType.put(p.type(), p));
        return byType;
    }

    @Test
    void everyInterfaceHasItsHandlerOrIsListedAsNotBuiltYet() {
        List<String> problems = new ArrayList<>();
        for (WitInterface iface : TheaterWit.load().interfaces().values()) {
            if (iface.functions().isEmpty() || RUNTIME_ITSELF.contains(iface.qualifiedName())) {
                continue; // types only (types, http-types, websocket-types), or the runtime's own
            }
            String name = iface.qualifiedName();
            List<String> owners = BUILT_IN.values().stream()
                    .filter(p -> p.imports().contains(name) || p.exports().contains(name)).map(HandlerProvider::type).toList();
            if (owners.isEmpty() && !NOT_BUILT_YET.contains(name)) {
                problems.add(name + " has no built-in handler and is not listed as not built yet");
            }
            if (!owners.isEmpty() && NOT_BUILT_YET.contains(name)) {
                problems.add(name + " is served by " + owners + ": take it off the not-built-yet list");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(BUILT_IN.keySet()).as("the built-in handlers on this module's class path")
                .containsExactly("filesystem", "http-client", "http-framework", "message-server", "runtime", "store", "supervisor", "timing");
    }

    @Test
    void everyBuiltHandlerHasAGuestTestWhoseGuestsUseEveryFunction() throws IOException {
        Map<String, GuestInterfaces> guests = committedGuests();
        List<String> problems = new ArrayList<>();
        for (HandlerProvider provider : BUILT_IN.values()) {
            Path tests = ROOT.resolve("theater-handlers").resolve(provider.type()).resolve("src/test/java");
            List<Path> sources = javaFiles(tests);
            if (sources.stream().noneMatch(p -> p.getFileName().toString().endsWith("GuestTest.java"))) {
                problems.add("handler '" + provider.type() + "' has no *GuestTest in " + ROOT.relativize(tests));
                continue;
            }
            String testText = read(sources);
            Set<String> imported = new TreeSet<>();
            Set<String> exported = new TreeSet<>();
            guests.forEach((guest, uses) -> {
                if (Pattern.compile("[\"/]" + Pattern.quote(guest) + "(\"|\\.wasm|\\.toml)").matcher(testText).find()) {
                    imported.addAll(uses.imports());
                    exported.addAll(uses.exports());
                }
            });
            for (String iface : provider.imports()) {
                for (String function : TheaterWit.load().requireInterface(iface.substring(iface.indexOf('/') + 1)).functions().keySet()) {
                    if (!imported.contains(iface + "." + function)) {
                        problems.add("handler '" + provider.type() + "': no guest its tests use imports " + iface + "." + function);
                    }
                }
            }
            for (String iface : provider.exports()) {
                for (String function : TheaterWit.load().requireInterface(iface.substring(iface.indexOf('/') + 1)).functions().keySet()) {
                    if (!exported.contains(iface + "#" + function)) {
                        problems.add("handler '" + provider.type() + "': no guest its tests use exports " + iface + "#" + function);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** What one guest imports ({@code iface.function}) and exports ({@code iface#function}), versions dropped. */
    record GuestInterfaces(Set<String> imports, Set<String> exports) {}

    /** Every committed guest by name (its file name without {@code .wasm}). */
    private static Map<String, GuestInterfaces> committedGuests() throws IOException {
        Map<String, GuestInterfaces> guests = new TreeMap<>();
        for (String folder : List.of("test-actors", "examples")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
                // components are skipped: a guest's <g>.component.wasm wraps its <g>.wasm byte for byte (the core module
                // is the one to read), and test-actors/components holds no handler's guest
                for (Path wasm : files.filter(p -> p.toString().endsWith(".wasm")).toList()) {
                    byte[] bytes = Files.readAllBytes(wasm);
                    if (bytes.length >= 8 && bytes[4] == 0x0d) {
                        continue;
                    }
                    String name = wasm.getFileName().toString().replace(".wasm", "");
                    guests.put(name, CoreModuleNames.read(bytes));
                }
            }
        }
        return guests;
    }

    private static List<Path> javaFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static String read(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
        }
        return all.toString();
    }

    /** Reads the function import and export names of a core wasm module (sections 2 and 7 of the binary format). */
    static final class CoreModuleNames {
        private final byte[] b;
        private int p;

        private CoreModuleNames(byte[] bytes) {
            this.b = bytes;
        }

        static GuestInterfaces read(byte[] wasm) {
            CoreModuleNames r = new CoreModuleNames(wasm);
            r.p = 8; // magic and version
            Set<String> imports = new TreeSet<>();
            Set<String> exports = new TreeSet<>();
            while (r.p < wasm.length) {
                int id = wasm[r.p++];
                int size = (int) r.leb();
                int end = r.p + size;
                if (id == 2) {
                    for (long n = r.leb(); n > 0; n--) {
                        String module = r.name();
                        String field = r.name();
                        int kind = wasm[r.p++];
                        r.skipImportDescription(kind);
                        if (kind == 0) {
                            imports.add(WitInterfaceName.unversioned(module) + "." + field);
                        }
                    }
                } else if (id == 7) {
                    for (long n = r.leb(); n > 0; n--) {
                        String field = r.name();
                        int kind = wasm[r.p++];
                        r.leb();
                        int hash = field.indexOf('#');
                        if (kind == 0 && hash > 0) {
                            exports.add(WitInterfaceName.unversioned(field.substring(0, hash)) + field.substring(hash));
                        }
                    }
                }
                r.p = end;
            }
            return new GuestInterfaces(imports, exports);
        }

        private void skipImportDescription(int kind) {
            switch (kind) {
                case 0 -> leb();                             // function: type index
                case 1 -> { p++; limits(); }                 // table: reftype, limits
                case 2 -> limits();                          // memory
                case 3 -> p += 2;                            // global: valtype, mutability
                default -> throw new AssertionError("unknown import kind " + kind);
            }
        }

        private void limits() {
            int flags = b[p++];
            leb();
            if ((flags & 1) != 0) {
                leb();
            }
        }

        private String name() {
            int n = (int) leb();
            String s = new String(b, p, n, StandardCharsets.UTF_8);
            p += n;
            return s;
        }

        private long leb() {
            long result = 0;
            int shift = 0;
            while (true) {
                int v = b[p++] & 0xFF;
                result |= (long) (v & 0x7F) << shift;
                if ((v & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }
    }
}
