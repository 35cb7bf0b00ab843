package dev.theater.handler.messageserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.MessageEndpoint;
import dev.theater.wit.TheaterWit;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MessageServerHandlerProviderTest {

    /** The functions of {@code interface message-server-host} in wit/message-server.wit, in declaration order. */
    private static final List<String> HOST_FUNCTIONS = List.of("send", "request", "open-channel", "send-on-channel",
            "close-channel", "list-outstanding-requests", "respond-to-request", "cancel-request");

    @Test
    void isFoundByServiceLoaderAndNamesItsInterfaces() {
        HandlerProvider provider = ServiceLoader.load(HandlerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("message-server")).findFirst().orElseThrow();
        assertThat(provider).isInstanceOf(MessageServerHandlerProvider.class);
        assertThat(provider.imports()).containsExactly("theater:simple/message-server-host");
        assertThat(provider.exports()).containsExactly("theater:simple/message-server-client");
    }

    @Test
    void theFunctionListIsTheWits() {
        assertThat(TheaterWit.load().requireInterface("message-server-host").functions().keySet())
                .containsExactlyElementsOf(HOST_FUNCTIONS);
    }

    @Test
    void definesEveryFunctionOfTheHostInterfaceAndNothingElseAndIsTheActorsEndpoint() {
        FakeActor actor = new FakeActor.Runtime().start("a", Map.of(), Map.of());
        assertThat(actor.host.keySet()).containsExactlyInAnyOrderElementsOf(HOST_FUNCTIONS.stream()
                .map(function -> new FakeActor.Import("theater:simple/message-server-host", function)).toList());
        assertThat(actor.handler).isInstanceOf(MessageEndpoint.class);
        actor.mailbox.shutdownNow();
    }
}
