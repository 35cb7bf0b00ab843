package dev.theater.core.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An actor's manifest, parsed and checked by {@link ManifestParser}. Paths are absolute and
 * normalised, resolved against {@link #baseDir()}. The Wasm file is not opened here: the loader
 * reports a missing component; the {@code init_state} file, if any, has been read.
 *
 * @param name the actor's name ({@code name})
 * @param wasm the component ({@code component_path}, or {@code component} in the classic format)
 * @param version {@code version}, if given
 * @param description {@code description}, if given
 * @param longDescription {@code long_description}, if given (classic format)
 * @param saveChain {@code save_chain}, if given (classic format; the runtime decides what it means)
 * @param initState the file named by {@code init_state} and its bytes, if given
 * @param handlers the handlers in manifest order ({@code [[handlers]]} or {@code [[handler]]})
 * @param limits {@code [limits]}, defaults filled in
 * @param limitLines the {@code [limits]} keys the manifest sets, with their lines (what a child manifest asks for)
 * @param source the display name used in errors: the file as given, or the name of a string manifest
 * @param baseDir the folder relative paths were resolved against
 */
public record ActorManifest(
        String name,
        Path wasm,
        Optional<String> version,
        Optional<String> description,
        Optional<String> longDescription,
        Optional<Boolean> saveChain,
        Optional<InitState> initState,
        List<HandlerSpec> handlers,
        ActorLimits limits,
        Map<String, Integer> limitLines,
        String source,
        Path baseDir) {

    public ActorManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(longDescription, "longDescription");
        Objects.requireNonNull(saveChain, "saveChain");
        Objects.requireNonNull(initState, "initState");
        handlers = List.copyOf(handlers);
        Objects.requireNonNull(limits, "limits");
        limitLines = Map.copyOf(limitLines);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseDir, "baseDir");
    }

    /** The handlers of one type, in manifest order. */
    public List<HandlerSpec> handlers(String type) {
        return handlers.stream().filter(h -> h.type().equals(type)).toList();
    }
}
