package dev.theater.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A folder {@code theater new} writes: its name checked, the folder created (never one that exists), then its files
 * in order (relative path to text), shell scripts made executable.
 */
final class Scaffold {

    /** Lower-case words of letters and digits joined by '-', each starting with a letter: valid in WIT, TOML and files. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");
    private static final int MAX_NAME = 64;

    private final Map<String, String> files = new LinkedHashMap<>();

    /**
     * @throws CliError naming the rule if {@code name} (the value of {@code what}) breaks it
     */
    static String checkName(String command, String what, String name) {
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw new CliError(command + ": " + what + " '" + name + "' is not a valid name: use lower-case letters,"
                    + " digits and '-', each '-'-separated word starting with a letter, at most " + MAX_NAME
                    + " characters (e.g. hello-actor)");
        }
        return name;
    }

    /** {@code hello-world} as {@code HelloWorld}. */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("-")) {
            out.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return out.toString();
    }

    /** {@code text} for a double-quoted POSIX shell word: {@code \ " $ `} escaped. */
    static String shellQuoted(String text) {
        return text.replaceAll("([\\\\\"$`])", "\\\\$1");
    }

    Scaffold file(String relativePath, String text) {
        files.put(relativePath, text);
        return this;
    }

    /**
     * Creates {@code parent/name} and writes the files into it.
     *
     * @throws CliError if {@code parent} is not a folder or {@code parent/name} already exists
     */
    Path writeInto(String command, Path parent, String name) {
        if (!Files.isDirectory(parent)) {
            throw new CliError(command + ": --dir " + parent + ": no such folder");
        }
        Path folder = parent.resolve(name).toAbsolutePath().normalize();
        try {
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw new CliError(command + ": " + folder + " already exists; choose another NAME or --dir"
                    + " (nothing was written)");
        } catch (IOException e) {
            throw new CliError(command + ": cannot create " + folder + ": " + e);
        }
        try {
            for (var file : files.entrySet()) {
                Path path = folder.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                if (file.getKey().endsWith(".sh") && Files.getFileStore(path).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing into " + folder, e);
        }
        return folder;
    }

    /** The files' relative paths, in the order written. */
    Iterable<String> paths() {
        return files.keySet();
    }
}
