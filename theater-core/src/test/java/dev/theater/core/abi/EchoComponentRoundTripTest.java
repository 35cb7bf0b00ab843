package dev.theater.core.abi;

/** Every echo round-trip property, on the guest's component form (its core module wrapped by jco embed + jco new). */
class EchoComponentRoundTripTest extends EchoRoundTripTest {

    @Override
    boolean component() {
        return true;
    }
}
