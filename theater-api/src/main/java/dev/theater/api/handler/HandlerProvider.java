package dev.theater.api.handler;

import java.util.Map;
import java.util.Set;

/**
 * A kind of handler, found by {@link java.util.ServiceLoader} (a jar on the class path or module path)
 * or by PF4J in a plugins folder (the same jar, with a plugin descriptor). One provider instance serves
 * one Theater runtime, so state it shares between the actors of a runtime (a message router, say) lives here.
 */
public interface HandlerProvider {

    /** The type manifests name, e.g. {@code runtime} or {@code message-server}. */
    String type();

    /** Qualified WIT interfaces this handler implements for actors, e.g. {@code theater:simple/runtime}. */
    Set<String> imports();

    /** Qualified WIT interfaces whose functions this handler calls on actors, e.g. {@code theater:simple/actor}. */
    Set<String> exports();

    /**
     * WIT files (name to text) defining the interfaces above when they are not in {@code theater:simple};
     * a custom handler ships its own package here.
     */
    default Map<String, String> witFiles() {
        return Map.of();
    }

    /**
     * Creates the handler of one actor from its manifest entry.
     *
     * @throws HandlerException if the configuration is invalid; the message names the key
     */
    Handler create(HandlerContext context);
}
