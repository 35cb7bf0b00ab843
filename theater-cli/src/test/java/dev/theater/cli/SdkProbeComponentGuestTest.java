package dev.theater.cli;

import java.nio.file.Path;

/**
 * Every SDK probe test on sdk-probe's component form (its core module wrapped by jco embed + jco new), started from a
 * file still named sdk-probe.wasm: the runtime tells a component from a core module by its bytes.
 */
class SdkProbeComponentGuestTest extends SdkProbeGuestTest {

    @Override
    Path probeWasm() {
        return Path.of("test-actors/sdk-probe/sdk-probe.component.wasm");
    }
}
