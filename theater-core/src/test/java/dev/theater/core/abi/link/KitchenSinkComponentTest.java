package dev.theater.core.abi.link;

import dev.theater.core.EngineMode;
import dev.theater.core.engine.CompiledModule;

/** Every kitchen-sink test, on the guest's component form (its core module wrapped by jco embed + jco new). */
class KitchenSinkComponentTest extends KitchenSinkTest {

    @Override
    CompiledModule guest(EngineMode mode) {
        return TestGuests.component(mode, "kitchen-sink");
    }
}
