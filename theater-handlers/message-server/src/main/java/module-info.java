/**
 * The {@code message-server} handler: actors message each other ({@code theater:simple/message-server-host})
 * with one-way sends, requests and channels, and receive through {@code theater:simple/message-server-client}.
 */
module dev.theater.handler.messageserver {
    requires dev.theater.api;

    provides dev.theater.api.handler.HandlerProvider
            with dev.theater.handler.messageserver.MessageServerHandlerProvider;
}
