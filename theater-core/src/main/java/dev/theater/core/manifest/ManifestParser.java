package dev.theater.core.manifest;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads actor manifests (TOML, see {@code theater-core/MANIFEST.md}) into {@link ActorManifest}s.
 * Every failure is a {@link ManifestException} whose message starts with {@code file:line: }.
 */
public final class ManifestParser {

    /** The display name of a manifest given as a string when the caller names none. */
    public static final String STRING_SOURCE = "<string>";

    private ManifestParser() {}

    /** Parses the manifest file {@code file}; relative paths in it resolve against its folder. */
    public static ActorManifest parse(Path file) {
        String display = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ManifestException(display, 0, "cannot read manifest: " + reason(e), e);
        }
        return parse(text, display, file.toAbsolutePath().normalize().getParent());
    }

    /**
     * Parses a manifest held in a string. Errors name it {@code sourceName} (e.g. {@value #STRING_SOURCE});
     * relative paths resolve against {@code baseDir}.
     */
    public static ActorManifest parse(String toml, String sourceName, Path baseDir) {
        Objects.requireNonNull(toml, "toml");
        Objects.requireNonNull(sourceName, "sourceName");
        Path base = baseDir.toAbsolutePath().normalize();
        return new ManifestReader(TomlSyntax.parse(toml, sourceName), toml, sourceName, base).read();
    }

    /** Parses a manifest held in a string, named {@value #STRING_SOURCE}, resolving paths against the current directory. */
    public static ActorManifest parse(String toml) {
        return parse(toml, STRING_SOURCE, Path.of(""));
    }

    /** A short, stable reason for an I/O failure, for messages. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "no such file";
            case AccessDeniedException x -> "permission denied";
            case MalformedInputException x -> "not valid UTF-8";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
