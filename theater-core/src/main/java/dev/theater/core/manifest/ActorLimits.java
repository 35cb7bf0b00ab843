package dev.theater.core.manifest;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-actor limits, from a manifest's {@code [limits]} table; each key left out takes its default.
 *
 * @param maxMemoryPages {@code max_memory_pages}: linear memory cap in 64 KiB pages, 1..65536
 *     (default {@value #DEFAULT_MAX_MEMORY_PAGES}, i.e. 64 MiB)
 * @param callTimeout {@code call_timeout_ms}: longest one export call may run, 1 ms..24 h (default
 *     {@value #DEFAULT_CALL_TIMEOUT_MS} ms)
 * @param mailboxCapacity {@code mailbox_capacity}: messages that may wait for the actor, 1..2147483647 (default
 *     {@value #DEFAULT_MAILBOX_CAPACITY})
 * @param mailboxWait {@code mailbox_wait_ms}: how long a sender waits for room in a full mailbox before
 *     its call fails, 0..24 h (default {@value #DEFAULT_MAILBOX_WAIT_MS} ms; a manifest asks for at least 1 ms):
 *     backpressure, not unbounded growth
 */
public record ActorLimits(int maxMemoryPages, Duration callTimeout, int mailboxCapacity, Duration mailboxWait) {

    public static final int DEFAULT_MAX_MEMORY_PAGES = 1024;
    public static final long DEFAULT_CALL_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_MAILBOX_CAPACITY = 1024;
    public static final long DEFAULT_MAILBOX_WAIT_MS = 5_000;
    /** The most pages a 32-bit linear memory can have (4 GiB). */
    public static final int MAX_MEMORY_PAGES = 65536;
    /**
     * The longest call timeout and mailbox wait: 24 h. A call or a wait past a day is a hang, not a workload; the
     * cap also keeps deadlines (nanosecond clocks, 292 years to overflow) far from overflowing, which a timeout
     * near {@code Long.MAX_VALUE} ms did.
     */
    public static final long MAX_DURATION_MS = 86_400_000;
    /** The most messages a mailbox may hold: it counts them with an {@code int}. */
    public static final int MAX_MAILBOX_CAPACITY = Integer.MAX_VALUE;

    private static final Duration MAX_DURATION = Duration.ofMillis(MAX_DURATION_MS);

    /** The limits of a manifest without a {@code [limits]} table. */
    public static final ActorLimits DEFAULTS = new ActorLimits(
            DEFAULT_MAX_MEMORY_PAGES, Duration.ofMillis(DEFAULT_CALL_TIMEOUT_MS), DEFAULT_MAILBOX_CAPACITY,
            Duration.ofMillis(DEFAULT_MAILBOX_WAIT_MS));

    /** Limits with the default mailbox wait. */
    public ActorLimits(int maxMemoryPages, Duration callTimeout, int mailboxCapacity) {
        this(maxMemoryPages, callTimeout, mailboxCapacity, Duration.ofMillis(DEFAULT_MAILBOX_WAIT_MS));
    }

    public ActorLimits {
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (maxMemoryPages < 1 || maxMemoryPages > MAX_MEMORY_PAGES) {
            throw new IllegalArgumentException("maxMemoryPages must be within 1.." + MAX_MEMORY_PAGES + ", was " + maxMemoryPages);
        }
        if (callTimeout.isNegative() || callTimeout.isZero() || callTimeout.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("callTimeout must be positive and at most " + MAX_DURATION + ", was "
                    + callTimeout);
        }
        Objects.requireNonNull(mailboxWait, "mailboxWait");
        if (mailboxWait.isNegative() || mailboxWait.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("mailboxWait must be within 0.." + MAX_DURATION + ", was " + mailboxWait);
        }
        if (mailboxCapacity < 1) {
            throw new IllegalArgumentException("mailboxCapacity must be positive, was " + mailboxCapacity);
        }
    }
}
