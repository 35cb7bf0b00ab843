package dev.theater.core.manifest;

import dev.theater.core.io.RegularFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads actor manifests (TOML, see {@code theater-core/MANIFEST.md}) into {@link ActorManifest}s.
 * Every failure is a {@link ManifestException} whose message starts with {@code file:line: }.
 */
public final class ManifestParser {

    /** The display name of a manifest given as a string when the caller names none. */
    public static final String STRING_SOURCE = "<string>";
    /** The largest manifest read: 1 MiB (bytes of a file, characters of a string); real ones are a few hundred bytes. */
    public static final int MAX_MANIFEST_BYTES = 1 << 20;
    /**
     * How deep a manifest's values may nest: each array, inline table, table-header part and dotted-key part opens
     * a level. Real manifests nest 3 or 4 (a handler's config holding a list of tables).
     */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The largest {@code init_state} file read: 16 MiB, a state threaded through every call, not a data store. */
    public static final int MAX_INIT_STATE_BYTES = 16 << 20;

    private ManifestParser() {}

    /**
     * Parses the manifest file {@code file}; relative paths in it resolve against its folder. Only a regular file
     * of at most {@value #MAX_MANIFEST_BYTES} bytes of UTF-8 is read (a FIFO or a device is refused, not opened).
     */
    public static ActorManifest parse(Path file) {
        String display = file.toString();
        String text;
        try {
            text = RegularFiles.readUtf8(file, MAX_MANIFEST_BYTES);
        } catch (IOException e) {
            throw new ManifestException(display, 0, "cannot read manifest: " + RegularFiles.reason(e), e);
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
        if (toml.length() > MAX_MANIFEST_BYTES) {
            throw new ManifestException(sourceName, 0, "larger than the " + RegularFiles.size(MAX_MANIFEST_BYTES)
                    + " limit for a manifest");
        }
        Path base = baseDir.toAbsolutePath().normalize();
        return new ManifestReader(TomlSyntax.parse(toml, sourceName), toml, sourceName, base, Optional.empty()).read();
    }

    /**
     * Parses the manifest a parent hands its supervisor for a child, confined to the parent's folder {@code root}:
     * {@code manifest} is manifest text (anything with a line break or an {@code =}) or a path relative to
     * {@code root}; the file, and every path the manifest names ({@code component_path}, {@code init_state}), must
     * be inside {@code root}, also once links are followed. Errors name {@code sourceName} for text.
     */
    public static ActorManifest parseConfined(String manifest, String sourceName, Path root) {
        Path confinedRoot = root.toAbsolutePath().normalize();
        if (manifest.indexOf('\n') >= 0 || manifest.indexOf('=') >= 0) {
            if (manifest.length() > MAX_MANIFEST_BYTES) {
                throw new ManifestException(sourceName, 0, "larger than the " + RegularFiles.size(MAX_MANIFEST_BYTES)
                        + " limit for a manifest");
            }
            return new ManifestReader(TomlSyntax.parse(manifest, sourceName), manifest, sourceName, confinedRoot,
                    Optional.of(confinedRoot)).read();
        }
        Path file;
        try {
            file = confinedRoot.resolve(manifest).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ManifestException(manifest, 0, "not a valid manifest path: " + e.getReason());
        }
        try {
            if (!file.startsWith(confinedRoot) || (java.nio.file.Files.exists(file)
                    && !file.toRealPath().startsWith(confinedRoot.toRealPath()))) {
                throw new ManifestException(manifest, 0, "resolves to " + file + ", outside " + confinedRoot
                        + " (a child's manifest may not reach outside its parent's folder)");
            }
        } catch (IOException e) {
            throw new ManifestException(manifest, 0, "cannot check " + file + ": " + RegularFiles.reason(e), e);
        }
        String text;
        try {
            text = RegularFiles.readUtf8(file, MAX_MANIFEST_BYTES);
        } catch (IOException e) {
            throw new ManifestException(file.toString(), 0, "cannot read manifest: " + RegularFiles.reason(e), e);
        }
        return new ManifestReader(TomlSyntax.parse(text, file.toString()), text, file.toString(), file.getParent(),
                Optional.of(confinedRoot)).read();
    }

    /** Parses a manifest held in a string, named {@value #STRING_SOURCE}, resolving paths against the current directory. */
    public static ActorManifest parse(String toml) {
        return parse(toml, STRING_SOURCE, Path.of(""));
    }
}
