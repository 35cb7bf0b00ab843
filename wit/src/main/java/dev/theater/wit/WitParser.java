package dev.theater.wit;

import dev.theater.wit.parser.PackageSources;
import dev.theater.wit.parser.Resolution;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parses WIT text into resolved {@link WitPackage}s, in plain Java (no external tool): one package from a map of files
 * or a folder, with its dependencies ({@code deps/}) and, if given, packages resolved already ({@link WitPackages}).
 */
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
     * Parses the files of one package, in the map's iteration order, with the dependencies among them (keys
     * {@code deps/<name>.wit} and {@code deps/<name>/<file>.wit}, as in a folder); it may use no other package.
     *
     * @param files file name (used in error messages) to WIT text
     * @throws WitParseException at the first syntax or resolution error
     */
    public static WitPackage parse(Map<String, String> files) {
        return parse(files, WitPackages.empty());
    }

    /**
     * Parses the files of one package as {@link #parse(Map)} does; its references to other packages may also name
     * the {@code available} ones, e.g. {@link TheaterWit#packages()} for {@code use theater:simple/types.{json};}.
     *
     * @return the root package, with the types it uses from other packages resolved into its interfaces
     * @throws WitParseException at the first syntax or resolution error
     */
    public static WitPackage parse(Map<String, String> files, WitPackages available) {
        return resolve(files, available).root();
    }

    /** Parses as {@link #parse(Map, WitPackages)} does, and returns the dependency packages it read too. */
    public static WitResolution resolve(Map<String, String> files, WitPackages available) {
        return Resolution.resolve(PackageSources.split(files), available);
    }

    /**
     * Parses a WIT folder, laid out as the Rust {@code wit-parser} crate reads one: the root package's {@code *.wit}
     * files directly in {@code dir} (sorted by name), and its dependencies in {@code dir/deps/}, one package per
     * entry: a folder {@code deps/<name>/} of {@code *.wit} files or a single file {@code deps/<name>.wit}. Errors name
     * the paths.
     */
    public static WitResolution parseFolder(Path dir) {
        return parseFolder(dir, WitPackages.empty());
    }

    /** Parses a WIT folder as {@link #parseFolder(Path)} does; its packages may also use the {@code available} ones. */
    public static WitResolution parseFolder(Path dir, WitPackages available) {
        return Resolution.resolve(PackageSources.read(dir), available);
    }

    /** The root package of the folder {@code dir} ({@link #parseFolder(Path)}). */
    public static WitPackage parseDirectory(Path dir) {
        return parseFolder(dir).root();
    }
}
