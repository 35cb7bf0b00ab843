package dev.theater.bench.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The reference side of {@link HttpFrameworkBench}: a plain Jetty 12 core {@link Handler} answering {@code GET /}
 * with the same 100 bytes as the actor, on a server set up as the http-framework handler's {@code ActorServer} sets
 * up its own (HTTP/1.1, one connector with one acceptor and one selector, a {@link QueuedThreadPool} of at most 16
 * threads, no {@code Server} header, a limit of 256 connections), bound to 127.0.0.1 on a port the system picks.
 */
final class PlainJetty {

    private PlainJetty() {
    }

    /** A started server; its port is {@code ((ServerConnector) server.getConnectors()[0]).getLocalPort()}. */
    static Server start(byte[] body) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("plain-jetty");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(256, connector));
        server.setHandler(new Hello(body));
        server.setStopTimeout(2000);
        server.start();
        return server;
    }

    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** {@code GET /}: 200, {@code text/plain}, the body; anything else 404 (as the actor's one route does). */
    private static final class Hello extends Handler.Abstract.NonBlocking {
        private final byte[] body;

        Hello(byte[] body) {
            this.body = body;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!request.getMethod().equals("GET") || !Request.getPathInContext(request).equals("/")) {
                response.setStatus(404);
                callback.succeeded();
                return true;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
