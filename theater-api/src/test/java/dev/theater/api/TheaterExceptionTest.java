package dev.theater.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.theater.api.handler.ActorCallException;
import dev.theater.api.handler.HandlerException;
import org.junit.jupiter.api.Test;

class TheaterExceptionTest {

    @Test
    void theMessageIsMadeFromThePhaseFreeDetailAndTheActor() {
        HandlerException e = new HandlerException("ping.toml:7: handler 'fs': config key 'x' is not a known key");
        assertThat(e.phase()).isEqualTo(TheaterException.Phase.HANDLER);
        assertThat(e.actorId()).isEmpty();
        assertThat(e).hasMessage("ping.toml:7: handler 'fs': config key 'x' is not a known key");

        assertThat(e.forActor("ping")).isSameAs(e);
        assertThat(e.actorId()).contains("ping");
        assertThat(e).hasMessage("actor 'ping': ping.toml:7: handler 'fs': config key 'x' is not a known key");
        assertThat(e.describe()).isEqualTo("ping.toml:7: handler 'fs': config key 'x' is not a known key");
    }

    @Test
    void theInnermostActorWins() {
        TheaterException e = new TheaterException(TheaterException.Phase.CALL, "child", "trapped", null);
        e.forActor("parent");
        assertThat(e).hasMessage("actor 'child': trapped");
    }

    @Test
    void anActorCallAlwaysNamesItsActor() {
        ActorCallException e = new ActorCallException("pong", ActorCallException.Kind.TIMEOUT,
                "handle-send exceeded its deadline of 300 ms", null);
        assertThat(e.phase()).isEqualTo(TheaterException.Phase.CALL);
        assertThat(e.kind()).isEqualTo(ActorCallException.Kind.TIMEOUT);
        assertThat(e).hasMessage("actor 'pong': handle-send exceeded its deadline of 300 ms");
    }
}
