/**
 * The {@code http-framework} handler: {@code theater:simple/http-framework}, HTTP and WebSocket servers run for
 * actors on Jetty 12 (core, no servlets), calling their {@code theater:simple/http-handlers} exports: routes with
 * parameters, middleware on whole path segments, WebSockets, TLS from PEM files, and limits on bodies, time and
 * connections.
 */
module dev.theater.handler.httpframework {
    requires dev.theater.api;
    requires org.eclipse.jetty.server;
    requires org.eclipse.jetty.websocket.server;
    requires org.eclipse.jetty.websocket.api;

    // Jetty calls the WebSocket listener (WsConnection) through method handles
    exports dev.theater.handler.httpframework to org.eclipse.jetty.websocket.common;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.httpframework.HttpFrameworkHandlerProvider;
}
