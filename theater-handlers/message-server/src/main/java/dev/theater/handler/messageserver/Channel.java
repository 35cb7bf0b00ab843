package dev.theater.handler.messageserver;

/**
 * A channel between the actor that opened it and the one that accepted it. It is opening until the
 * acceptor's {@code handle-channel-open} returns accepted; messages are refused until then.
 */
final class Channel {

    private final String id;
    private final String opener;
    private final String acceptor;
    private volatile boolean open;

    Channel(String id, String opener, String acceptor) {
        this.id = id;
        this.opener = opener;
        this.acceptor = acceptor;
    }

    String id() {
        return id;
    }

    String opener() {
        return opener;
    }

    String acceptor() {
        return acceptor;
    }

    boolean isOpen() {
        return open;
    }

    void markOpen() {
        open = true;
    }

    boolean hasParticipant(String actorId) {
        return opener.equals(actorId) || acceptor.equals(actorId);
    }

    /** The side that is not {@code actorId}. */
    String other(String actorId) {
        return opener.equals(actorId) ? acceptor : opener;
    }
}
