package dev.theater.core.runtime;

import dev.theater.api.handler.ActorHandle;
import dev.theater.api.handler.ChainEntry;
import dev.theater.api.handler.EventData;
import dev.theater.api.handler.HandlerException;
import dev.theater.chain.ChainEvent;
import dev.theater.chain.ChainException;
import dev.theater.chain.json.WitJson;
import java.util.List;
import java.util.Optional;

/**
 * What a handler sees of its actor ({@link ActorHandle}): its id, state and chain, recording events through the
 * runtime's one JSON writer, and asking it to stop. Nothing of the mailbox, the instance or the other handlers.
 */
final class HandlerView implements ActorHandle {

    private final Actor actor;

    HandlerView(Actor actor) {
        this.actor = actor;
    }

    @Override
    public String id() {
        return actor.id();
    }

    @Override
    public Optional<byte[]> state() {
        return actor.currentState();
    }

    @Override
    public List<ChainEntry> chain() {
        return actor.chainEvents().stream().map(HandlerView::entry).toList();
    }

    private static ChainEntry entry(ChainEvent e) {
        return new ChainEntry(e.hash().bytes(), e.parentHash().map(h -> h.bytes()), e.eventType(), e.data(),
                e.timestamp(), e.description());
    }

    @Override
    public boolean isRunning() {
        return actor.isRunning();
    }

    @Override
    public void record(String eventType, EventData data) {
        append(eventType, data, Optional.empty());
    }

    @Override
    public void record(String eventType, EventData data, String description) {
        append(eventType, data, Optional.of(description));
    }

    private void append(String eventType, EventData data, Optional<String> description) {
        try {
            actor.record(eventType, WitJson.record(data.type(), data.value(), actor.chainPayloadLimit()), description);
        } catch (ChainException e) {
            throw new HandlerException("cannot record '" + eventType + "': " + e.describe(), e);
        }
    }

    @Override
    public void requestStop(String reason) {
        actor.requestStop(reason);
    }

    @Override
    public void requestExit(String reason, Optional<byte[]> exitData) {
        actor.requestExit(reason, exitData);
    }

    @Override
    public long chainLength() {
        return actor.chainLength();
    }
}
