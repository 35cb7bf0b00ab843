package dev.theater.handler.messageserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.HandlerProvider;
import dev.theater.api.handler.MessageEndpoint;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MessageServerHandlerProviderTest {

    @Test
    void isFoundByServiceLoaderAndNamesItsInterfaces() {
        HandlerProvider provider = ServiceLoader.load(HandlerProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals("message-server")).findFirst().orElseThrow();
        assertThat(provider).isInstanceOf(MessageServerHandlerProvider.class);
        assertThat(provider.imports()).containsExactly("theater:simple/message-server-host");
        assertThat(provider.exports()).containsExactly("theater:simple/message-server-client");
    }

    @Test
    void linksEveryFunctionOfTheHostInterfaceAndIsTheActorsEndpoint() {
        FakeActor actor = new FakeActor.Runtime().start("a", Map.of(), Map.of());
        assertThat(actor.host).containsOnlyKeys("send", "request", "open-channel", "send-on-channel", "close-channel",
                "list-outstanding-requests", "respond-to-request", "cancel-request");
        assertThat(actor.handler).isInstanceOf(MessageEndpoint.class);
        actor.mailbox.shutdownNow();
    }
}
