/**
 * The {@code filesystem} handler: {@code theater:simple/filesystem}, files under the folder a manifest grants (opened
 * relative to that folder, never through a symbolic link), and the commands its config allows.
 */
module dev.theater.handler.filesystem {
    requires dev.theater.api;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.filesystem.FilesystemHandlerProvider;
}
