package dev.theater.wit;

import dev.theater.api.TheaterException;
import dev.theater.wit.parser.PackageResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Parses WIT text into a resolved {@link WitPackage}, in plain Java (no external tool). */
public final class WitParser {

    /**
     * How deep a type may nest: each {@code list}, {@code option}, {@code result}, {@code tuple}, {@code record}
     * and {@code variant} adds a level, and a named type adds its own. The theater:simple package nests at most 7
     * (the result of {@code http-handlers.handle-middleware}); the limit keeps the parser, the resolver and every
     * walk over a {@code WitType} (the canonical ABI, value checks, JSON) far from the stack's end, which 1,000
     * nested tuples reached.
     */
    public static final int MAX_TYPE_DEPTH = 64;
    /** How deep {@code include}s may nest (a world including a world that includes ...); theater:simple's go 1 deep. */
    public static final int MAX_INCLUDE_DEPTH = 64;

    private WitParser() {
    }

    /**
     * Parses the files of one package, in the map's iteration order.
     *
     * @param files file name (used in error messages) to WIT text
     * @throws WitParseException at the first syntax or resolution error
     */
    public static WitPackage parse(Map<String, String> files) {
        return PackageResolver.resolve(files);
    }

    /** Parses every {@code *.wit} file in {@code dir} (sorted by name) as one package; errors name the paths. */
    public static WitPackage parseDirectory(Path dir) {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> paths = s.filter(p -> p.getFileName().toString().endsWith(".wit") && Files.isRegularFile(p))
                    .sorted().toList();
            for (Path p : paths) {
                files.put(p.toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new TheaterException(TheaterException.Phase.WIT, "reading WIT files in " + dir + " failed: " + e, e);
        }
        if (files.isEmpty()) {
            throw new TheaterException(TheaterException.Phase.WIT, "no *.wit files in " + dir);
        }
        return parse(files);
    }
}
