package dev.theater.chain;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that starts at a fixed time and advances one millisecond per reading. */
final class TestClock implements InstantSource {
    private final AtomicLong next;

    TestClock(long start) {
        this.next = new AtomicLong(start);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(next.getAndIncrement());
    }
}
