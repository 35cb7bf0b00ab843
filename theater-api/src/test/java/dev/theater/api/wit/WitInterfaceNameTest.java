package dev.theater.api.wit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitInterfaceNameTest {

    @Test
    void parsesTheQualifiedFormWithAndWithoutAVersion() {
        assertThat(WitInterfaceName.parse("theater:simple/message-server-host@0.1.0")).contains(
                new WitInterfaceName("theater", "simple", "message-server-host", Optional.of("0.1.0")));
        WitInterfaceName plain = WitInterfaceName.parse("my-org:tools2/greeter").orElseThrow();
        assertThat(plain.version()).isEmpty();
        assertThat(plain.packageId()).isEqualTo("my-org:tools2");
        assertThat(plain).hasToString("my-org:tools2/greeter");
        assertThat(WitInterfaceName.parse("a:b/c@1.2.3-rc.1+build").orElseThrow()).hasToString("a:b/c@1.2.3-rc.1+build");
    }

    @Test
    void refusesWhatIsNotAQualifiedInterfaceName() {
        for (String bad : new String[] {"env", "runtime", "theater:simple", "theater/simple/runtime", "Theater:simple/x",
                "theater:simple/run time", "theater:simple/-x", "theater:simple/x@", "", "theater:simple/x@1 "}) {
            assertThat(WitInterfaceName.parse(bad)).as(bad).isEmpty();
        }
        assertThat(WitInterfaceName.parse(null)).isEmpty();
    }

    @Test
    void unversionedDropsOnlyTheVersionOfAQualifiedName() {
        assertThat(WitInterfaceName.unversioned("theater:simple/runtime@0.1.0")).isEqualTo("theater:simple/runtime");
        assertThat(WitInterfaceName.unversioned("theater:simple/runtime")).isEqualTo("theater:simple/runtime");
        assertThat(WitInterfaceName.unversioned("env")).isEqualTo("env"); // a core import module, matched as written
        assertThat(WitInterfaceName.unversioned("not a name@1")).isEqualTo("not a name@1");
    }
}
