package dev.theater.api.handler;

import java.nio.file.Path;

/** What a provider knows when it creates the handler of one actor. */
public interface HandlerContext {

    /** The id of the actor this handler serves. */
    String actorId();

    /** The handler's configuration from the actor's manifest. */
    HandlerConfig config();

    /** The folder of the actor's manifest, against which relative paths in the configuration resolve. */
    Path manifestDirectory();

    /** The runtime's services, for handlers that reach beyond their own actor. */
    RuntimeServices runtime();
}
