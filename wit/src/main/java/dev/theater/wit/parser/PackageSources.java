package dev.theater.wit.parser;

import dev.theater.api.TheaterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The WIT texts of a root package and of its dependencies, laid out as the Rust {@code wit-parser} crate lays out a
 * folder: the root's {@code *.wit} files, and in {@code deps/} one package per entry, a folder
 * ({@code deps/<name>/*.wit}) or a single file ({@code deps/<name>.wit}). Dependencies have no {@code deps/} of their
 * own: every package any of them uses sits in the root's {@code deps/}. The entry's name is free; packages are found
 * by the name they declare.
 *
 * @param root the root package's files: name (used in error messages) to text
 * @param deps the dependency packages, each its files, in entry-name order
 */
public record PackageSources(Map<String, String> root, List<Map<String, String>> deps) {

    private static final String DEPS = "deps/";

    public PackageSources {
        root = new LinkedHashMap<>(root);
        deps = deps.stream().map(d -> (Map<String, String>) new LinkedHashMap<>(d)).toList();
    }

    /**
     * Splits a map of files: keys {@code deps/<name>.wit} and {@code deps/<name>/<file>.wit} are dependencies (other
     * keys under {@code deps/} are ignored, as the folder form ignores other files and sub-folders), every other key
     * is a file of the root package, in the map's order.
     */
    public static PackageSources split(Map<String, String> files) {
        Map<String, String> root = new LinkedHashMap<>();
        Map<String, Map<String, String>> deps = new TreeMap<>();
        files.forEach((name, text) -> {
            if (!name.startsWith(DEPS)) {
                root.put(name, text);
                return;
            }
            String rest = name.substring(DEPS.length());
            int slash = rest.indexOf('/');
            if (slash < 0 && rest.endsWith(".wit")) {
                deps.computeIfAbsent(rest, k -> new TreeMap<>()).put(name, text);
            } else if (slash > 0 && rest.indexOf('/', slash + 1) < 0 && rest.endsWith(".wit")) {
                deps.computeIfAbsent(rest.substring(0, slash) + "/", k -> new TreeMap<>()).put(name, text);
            }
        });
        if (root.isEmpty()) {
            throw new TheaterException(TheaterException.Phase.WIT, files.isEmpty() ? "no WIT files to parse"
                    : "no WIT files to parse outside deps/; the root package needs at least one, found only "
                    + files.keySet().stream().sorted().toList());
        }
        return new PackageSources(root, List.copyOf(deps.values()));
    }

    /** Reads {@code dir}: its {@code *.wit} files (sorted by name) and its {@code deps/} folder, if any. */
    public static PackageSources read(Path dir) {
        Map<String, String> root = witFiles(dir);
        List<Map<String, String>> deps = new ArrayList<>();
        Path depsDir = dir.resolve("deps");
        if (Files.isDirectory(depsDir)) {
            for (Path entry : list(depsDir)) {
                if (Files.isDirectory(entry)) {
                    deps.add(witFiles(entry));
                } else if (isWit(entry)) {
                    deps.add(Map.of(entry.toString(), readText(entry)));
                }
            }
        }
        return new PackageSources(root, deps);
    }

    private static Map<String, String> witFiles(Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Path p : list(dir)) {
            if (isWit(p)) {
                files.put(p.toString(), readText(p));
            }
        }
        if (files.isEmpty()) {
            throw new TheaterException(TheaterException.Phase.WIT, "no *.wit files in " + dir);
        }
        return files;
    }

    private static boolean isWit(Path p) {
        return p.getFileName().toString().endsWith(".wit") && Files.isRegularFile(p);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new TheaterException(TheaterException.Phase.WIT, "reading WIT files in " + dir + " failed: " + e, e);
        }
    }

    private static String readText(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TheaterException(TheaterException.Phase.WIT, "reading WIT file " + p + " failed: " + e, e);
        }
    }
}
