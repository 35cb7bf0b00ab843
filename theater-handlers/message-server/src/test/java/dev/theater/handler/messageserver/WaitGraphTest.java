package dev.theater.handler.messageserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WaitGraphTest {

    private final WaitGraph graph = new WaitGraph();

    @Test
    void refusesTheEdgeThatClosesACycleAndNamesIt() {
        graph.enter("a", "b", "request");
        graph.enter("b", "c", "request");
        assertThatThrownBy(() -> graph.enter("c", "a", "request")).isInstanceOf(DeliveryException.class)
                .hasMessage("request cycle: a -> b -> c -> a; the request would deadlock (a is busy waiting for b)");
        assertThatThrownBy(() -> graph.enter("c", "b", "open-channel"))
                .hasMessage("request cycle: b -> c -> b; the open-channel would deadlock (b is busy waiting for c)");
        assertThat(graph.waitingFor("c")).isEmpty();
    }

    @Test
    void aDiamondIsNotACycleAndLeavingRemovesOneEdge() {
        graph.enter("a", "b", "request");
        graph.enter("c", "b", "request");
        graph.enter("d", "a", "request");
        graph.enter("d", "c", "request");
        assertThat(graph.waitingFor("d")).containsExactly("a", "c");
        graph.leave("a", "b");
        graph.enter("b", "a", "request");
        assertThat(graph.waitingFor("b")).containsExactly("a");
    }
}
