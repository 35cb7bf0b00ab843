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
