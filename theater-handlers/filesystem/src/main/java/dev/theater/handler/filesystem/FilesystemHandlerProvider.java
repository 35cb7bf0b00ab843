package dev.theater.handler.filesystem;

import dev.theater.api.handler.Handler;
import dev.theater.api.handler.HandlerConfig;
import dev.theater.api.handler.HandlerContext;
import dev.theater.api.handler.HandlerException;
import dev.theater.api.handler.HandlerProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** The {@code filesystem} handler type: {@code theater:simple/filesystem}, no exports called. */
public final class FilesystemHandlerProvider implements HandlerProvider {

    /** The type manifests name. */
    public static final String TYPE = "filesystem";

    /** The WIT interface this handler implements. */
    public static final String INTERFACE = "theater:simple/filesystem";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> imports() {
        return Set.of(INTERFACE);
    }

    @Override
    public Set<String> exports() {
        return Set.of();
    }

    /**
     * A child's folder is its parent's or one inside it; it is read_only when its parent is, may run only commands its
     * parent may, and has limits no larger than its parent's.
     */
    @Override
    public Optional<String> widens(HandlerConfig parent, HandlerConfig child) {
        FilesystemConfig granted = FilesystemConfig.from(parent);
        FilesystemConfig asked = FilesystemConfig.from(child);
        if (!asked.normalPath().startsWith(granted.normalPath())) {
            return Optional.of("config key 'path' = \"" + asked.path() + "\" is not the parent's folder \""
                    + granted.path() + "\" nor inside it");
        }
        if (granted.readOnly() && !asked.readOnly()) {
            return Optional.of("config key 'read_only' = false, but the parent's folder is read_only");
        }
        if (granted.readOnly() && asked.newDir()) {
            return Optional.of("config key 'new_dir' = true, but the parent's folder is read_only");
        }
        for (String command : asked.allowedCommands()) {
            if (!granted.allowedCommands().contains(command)) {
                return Optional.of("config key 'allowed_commands' holds \"" + command + "\", which the parent may not"
                        + " run (the parent's: " + granted.allowedCommands() + ")");
            }
        }
        if (asked.maxFileBytes() > granted.maxFileBytes()) {
            return Optional.of(child.moreThanParent(FilesystemConfig.MAX_FILE_BYTES, asked.maxFileBytes(), granted.maxFileBytes()));
        }
        if (asked.commandTimeoutMs() > granted.commandTimeoutMs()) {
            return Optional.of(child.moreThanParent(FilesystemConfig.COMMAND_TIMEOUT_MS, asked.commandTimeoutMs(), granted.commandTimeoutMs()));
        }
        if (asked.maxOutputBytes() > granted.maxOutputBytes()) {
            return Optional.of(child.moreThanParent(FilesystemConfig.MAX_OUTPUT_BYTES, asked.maxOutputBytes(), granted.maxOutputBytes()));
        }
        return Optional.empty();
    }


    @Override
    public Handler create(HandlerContext context) {
        HandlerConfig raw = context.config();
        FilesystemConfig config = FilesystemConfig.from(raw);
        Path root = context.manifestDirectory().resolve(config.path()).toAbsolutePath().normalize();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(root)) {
            if (!config.newDir()) {
                throw raw.error(FilesystemConfig.PATH, "names the folder " + root + ", which does not exist; create it"
                        + " or set new_dir = true");
            }
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                throw raw.error(FilesystemConfig.NEW_DIR, "could not create the folder " + root + ": " + e);
            }
        }
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw raw.error(FilesystemConfig.PATH, "names " + root + ", which is not a folder");
            }
            return new FilesystemHandler(config, Sandbox.open(real));
        } catch (IOException e) {
            throw new HandlerException(raw.source() + ": handler 'filesystem': cannot open the folder " + root + ": " + e);
        }
    }
}
