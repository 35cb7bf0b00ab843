package dev.theater.handler.messageserver;

import dev.theater.api.handler.HandlerConfig;
import java.util.Set;

/**
 * The configuration of one actor's message-server handler.
 *
 * @param requestTimeoutMs how long this actor's {@code request} and {@code open-channel} wait for an answer
 *                         (also the timeout of requests sent to this actor from Java)
 * @param mailboxCapacity  how many messages (sends, requests, channel messages) may wait to be handled by this
 *                         actor before senders get "mailbox full"
 * @param maxChannels      how many channels this actor may have open at once
 */
record MessageServerConfig(long requestTimeoutMs, long mailboxCapacity, long maxChannels) {

    static final String REQUEST_TIMEOUT_MS = "request_timeout_ms";
    static final String MAILBOX_CAPACITY = "mailbox_capacity";
    static final String MAX_CHANNELS = "max_channels";

    static final MessageServerConfig DEFAULTS = new MessageServerConfig(30_000, 10_000, 1_000);

    static MessageServerConfig from(HandlerConfig config) {
        config.allowOnly(Set.of(REQUEST_TIMEOUT_MS, MAILBOX_CAPACITY, MAX_CHANNELS));
        return new MessageServerConfig(
                config.positive(REQUEST_TIMEOUT_MS, DEFAULTS.requestTimeoutMs()),
                config.positive(MAILBOX_CAPACITY, DEFAULTS.mailboxCapacity()),
                config.positive(MAX_CHANNELS, DEFAULTS.maxChannels()));
    }
}
