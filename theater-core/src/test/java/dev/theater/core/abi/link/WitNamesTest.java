package dev.theater.core.abi.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Import module and export names with and without an {@code @version} on the interface. */
class WitNamesTest {

    @Test
    void versionsAreIgnoredWhenMatchingInterfaces() {
        assertThat(WitNames.exportInterface("theater:simple/actor@0.1.0#init")).isEqualTo("theater:simple/actor");
        assertThat(WitNames.exportFunction("theater:simple/actor@0.1.0#init")).isEqualTo("init");
        assertThat(WitNames.exportInterface("raw-copy")).isEmpty();
    }
}
