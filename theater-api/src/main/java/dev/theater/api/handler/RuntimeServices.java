package dev.theater.api.handler;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The narrow part of the runtime that privileged handlers (message routing, supervision) may use. */
public interface RuntimeServices {

    /** A running actor of this runtime. */
    Optional<ActorHandle> actor(String actorId);

    /** The ids of the running actors. */
    Set<String> actorIds();

    /** The runtime's home folder (chains, handler data). */
    Path home();

    /** The actor lifecycle: spawning children, stopping and restarting them, learning how actors end. */
    Supervision supervision();
}
