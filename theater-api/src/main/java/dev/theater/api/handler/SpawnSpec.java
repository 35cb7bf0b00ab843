package dev.theater.api.handler;

import java.util.Objects;
import java.util.Optional;

/**
 * How to start a child actor ({@link Supervision#spawn}).
 *
 * @param parentId     the parent, a running actor
 * @param manifest     a manifest file's path relative to the parent's manifest folder, or manifest TOML text
 *                     (anything with a line break or an {@code =} is taken as text)
 * @param initialState the state the child's {@code init} receives; when empty, the manifest's {@code init_state}
 *                     unless {@code replaceManifestState}
 * @param replaceManifestState when true, {@code initialState} replaces the manifest's {@code init_state} even
 *                     when empty ({@code resume}); when false, an empty one falls back to it ({@code spawn})
 */
public record SpawnSpec(String parentId, String manifest, Optional<byte[]> initialState, boolean replaceManifestState) {

    public SpawnSpec {
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(initialState, "initialState");
    }
}
