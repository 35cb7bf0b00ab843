package dev.theater.api.handler;

import java.util.Map;
import java.util.Optional;
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
     * Why a child actor's configuration of this handler would grant more than its parent's does, or empty when it
     * grants no more. The supervisor refuses such a child: a child never gets more than its parent. The default
     * is strict: every key the child sets must be set by the parent to the same value. A handler whose keys are
     * limits or paths says better (a smaller timeout, a folder inside the parent's).
     *
     * @param parent the parent's configuration of this handler
     * @param child  the child's
     */
    default Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        for (Map.Entry<String, Object> e : child.values().entrySet()) {
            Object granted = parent.values().get(e.getKey());
            if (!e.getValue().equals(granted)) {
                return Optional.of("config key '" + e.getKey() + "' = " + e.getValue() + " is not what the parent has ("
                        + (granted == null ? "unset" : granted.toString()) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Creates the handler of one actor from its manifest entry.
     *
     * @throws HandlerException if the configuration is invalid; the message names the key
     */
    Handler create(HandlerContext context);
}
