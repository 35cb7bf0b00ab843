/**
 * The {@code http-client} handler: {@code theater:simple/http-client}, outgoing HTTP on the JDK's
 * {@code java.net.http.HttpClient}, behind an allow-list of hosts and methods, with every host's addresses checked
 * against loopback, private and link-local ranges, every redirect hop checked again, a cap on response bodies and a
 * deadline on the whole exchange.
 */
module dev.theater.handler.httpclient {
    requires dev.theater.api;
    requires java.net.http;

    provides dev.theater.api.handler.HandlerProvider with dev.theater.handler.httpclient.HttpClientHandlerProvider;
}
