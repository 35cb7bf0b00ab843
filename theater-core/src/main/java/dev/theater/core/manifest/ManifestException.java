package dev.theater.core.manifest;

import dev.theater.api.TheaterException;

/**
 * A manifest could not be read or is invalid. The message reads {@code file:line: detail}, e.g.
 * {@code manifests/bad.toml:4: 'name' must be a string, found integer 3}. {@link #line()} is 1-based;
 * it is 0 only when the file itself could not be read or is too large (the message is then {@code file: detail}).
 */
public class ManifestException extends TheaterException {

    private final String file;
    private final int line;
    private final String detail;

    public ManifestException(String file, int line, String detail) {
        this(file, line, detail, null);
    }

    public ManifestException(String file, int line, String detail, Throwable cause) {
        super(Phase.MANIFEST, detail, cause);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The manifest's display name: the path as given, or the name passed with a string manifest. */
    public String file() {
        return file;
    }

    /** The 1-based line the error is about, or 0 if the file could not be read at all (or is too large). */
    public int line() {
        return line;
    }

    /** The message without the {@code file:line: } prefix. */
    public String detail() {
        return detail;
    }

    @Override
    public String describe() {
        return line > 0 ? file + ":" + line + ": " + detail : file + ": " + detail;
    }
}
