package dev.theater.core.abi.link;

import dev.theater.core.EngineMode;
import dev.theater.core.engine.CompiledModule;

/** Every wide-guest test, on the guest's component form (its core module wrapped by jco embed + jco new). */
class WideGuestComponentTest extends WideGuestTest {

    @Override
    CompiledModule guest(EngineMode mode) {
        return TestGuests.component(mode, "wide");
    }
}
