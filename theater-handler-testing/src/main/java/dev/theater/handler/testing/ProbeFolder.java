package dev.theater.handler.testing;

import dev.theater.core.ActorRef;
import dev.theater.core.Theater;
import java.nio.file.Path;

/** A {@link GuestFolder} of one probe guest that runs with the runtime, message-server and one handler under test. */
public class ProbeFolder extends GuestFolder {

    private final String guest;
    private final String handler;

    /** Copies {@code guest} into {@code folder}; its manifests add the handler {@code handler} to runtime and message-server. */
    public ProbeFolder(Path folder, Theater.Builder theater, String guest, String handler) {
        super(folder, theater, guest);
        this.guest = guest;
        this.handler = handler;
    }

    /** A manifest of {@code guest} with runtime, message-server and {@code handler} with {@code config} unless empty. */
    public static String manifest(String name, String guest, String handler, String config) {
        return manifestStart(name, guest) + handler(handler, config);
    }

    /** Starts the probe named {@code name} from {@code <name>.toml}, its handler's config {@code config}. */
    public ActorRef probe(String name, String config) {
        return theater.start(write(name + ".toml", manifest(name, guest, handler, config)));
    }
}
