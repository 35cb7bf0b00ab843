package dev.theater.api.handler;

import java.util.Optional;

/** The state-threading exports of an actor, as a handler resolves them before the actor starts. */
public interface ActorExports {

    /** The export {@code <witInterface>#<function>}, if the actor has it with the expected WIT signature. */
    Optional<ActorExport> find(String witInterface, String function);

    /**
     * The export, or a {@link HandlerException} naming it and the handler that needs it.
     */
    ActorExport require(String witInterface, String function);
}
