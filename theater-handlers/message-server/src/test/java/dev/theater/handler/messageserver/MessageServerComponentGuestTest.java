package dev.theater.handler.messageserver;

/**
 * Every message-server guest test with ms-echo in its component form (its core module wrapped by jco embed + jco
 * new), talking to the other guests as core modules: the only ms-* guest that exports the whole
 * message-server-client interface, which a component must.
 */
class MessageServerComponentGuestTest extends MessageServerGuestTest {

    @Override
    String wasm(String guest) {
        return guest.equals("ms-echo") ? "ms-echo.component.wasm" : guest + ".wasm";
    }
}
