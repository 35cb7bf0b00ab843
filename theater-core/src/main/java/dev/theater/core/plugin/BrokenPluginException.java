package dev.theater.core.plugin;

/** A plugin jar cannot be loaded; the message says why, without the jar path (the problem's source carries it). */
final class BrokenPluginException extends RuntimeException {

    BrokenPluginException(String message) {
        super(message, null, false, false);
    }
}
