/**
 * Actor manifests: {@link dev.theater.core.manifest.ManifestParser} reads the TOML that names an
 * actor, its Wasm component, its handlers and its limits into an immutable
 * {@link dev.theater.core.manifest.ActorManifest}. Both the seed format ({@code component_path},
 * {@code [[handlers]]} with a {@code config} table) and the classic Rust Theater format
 * ({@code component}, {@code [[handler]]} with the config keys beside {@code type}) are accepted.
 * Every {@link dev.theater.core.manifest.ManifestException} names the file and the line.
 */
package dev.theater.core.manifest;
