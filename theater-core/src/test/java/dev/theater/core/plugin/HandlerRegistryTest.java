package dev.theater.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Lookups by type and by imported interface, and the checks made on providers given in code. */
class HandlerRegistryTest {

    private final CodeProvider runtime = new CodeProvider("runtime", Set.of("theater:simple/runtime"));
    private final CodeProvider timing = new CodeProvider("timing", Set.of("theater:simple/timing@0.1.0"));
    private final HandlerRegistry registry = HandlerRegistry.builder().serviceLoader(false)
            .add(timing).add(runtime).build();

    @Test
    void typesAreSortedAndEachHasItsProviderAndOrigin() {
        assertThat(registry.types()).containsExactly("runtime", "timing");
        assertThat(registry.provider("timing")).containsSame(timing);
        assertThat(registry.provider("http-client")).isEmpty();
        assertThat(registry.origin("runtime")).isEqualTo("built-in (code)");
        assertThat(registry.problems()).isEmpty();
    }

    @Test
    void providerOfImportFindsWhoServesAnInterfaceIgnoringVersions() {
        assertThat(registry.providerOfImport("theater:simple/timing")).containsSame(timing);
        assertThat(registry.providerOfImport("theater:simple/runtime@0.1.0")).containsSame(runtime);
        assertThat(registry.providerOfImport("theater:simple/store")).isEmpty();
    }

    @Test
    void originOfAnUnknownTypeNamesTheKnownOnes() {
        assertThatThrownBy(() -> registry.origin("store"))
                .isInstanceOf(dev.theater.api.TheaterException.class)
                .hasMessage("no handler provider has type 'store'; the known types are [runtime, timing]");
    }

    @Test
    void codeProvidersAreCheckedWhenAdded() {
        var builder = HandlerRegistry.builder();
        assertThatThrownBy(() -> builder.add(new CodeProvider(" ", Set.of())))
                .hasMessage("provider dev.theater.core.plugin.CodeProvider refused: type() is blank");
        assertThatThrownBy(() -> builder.add(new CodeProvider("x", Set.of("theater:simple/Bad Name"))))
                .hasMessage("provider dev.theater.core.plugin.CodeProvider (type 'x') refused: imports() lists"
                        + " 'theater:simple/Bad Name', which is not a qualified WIT interface name"
                        + " 'namespace:package/interface' (e.g. theater:simple/runtime)");
        builder.add(runtime);
        assertThatThrownBy(() -> builder.add(new CodeProvider("runtime", Set.of())))
                .hasMessage("handler type 'runtime' is added twice: dev.theater.core.plugin.CodeProvider and"
                        + " dev.theater.core.plugin.CodeProvider");
    }
}
