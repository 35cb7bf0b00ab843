package dev.theater.chain;

import java.util.Optional;

/** Verifies chains held in memory (for instance imported from JSON). Files are verified by {@link ChainStore#verifyFile}. */
public final class ChainVerifier {
    private ChainVerifier() {
    }

    /**
     * Checks every event in order: the first has no parent, each later one names its predecessor's hash,
     * and each hash is SHA-256 of the event's canonical encoding. Stops at the first bad event.
     */
    public static VerificationReport verify(String source, Iterable<ChainEvent> events) {
        long index = 0;
        Optional<Hash> previous = Optional.empty();
        for (ChainEvent e : events) {
            Optional<ChainFailure> failure = check(index, -1, previous, e);
            if (failure.isPresent()) {
                return new VerificationReport(source, index, previous, failure);
            }
            previous = Optional.of(e.hash());
            index++;
        }
        return new VerificationReport(source, index, previous, Optional.empty());
    }

    /** Checks one event against its expected parent; empty when it is good. */
    public static Optional<ChainFailure> check(long index, long offset, Optional<Hash> expectedParent, ChainEvent e) {
        Optional<ChainFailure> link = checkLink(index, offset, expectedParent, e);
        if (link.isPresent()) {
            return link;
        }
        Hash computed;
        try {
            computed = EventHashing.hash(e.parentHash(), e.eventType(), e.data(), e.timestamp(), e.description());
        } catch (IllegalArgumentException bad) {
            return Optional.of(new ChainFailure(index, offset, Optional.of(e.hash()), FailureReason.UNREADABLE_RECORD,
                    "the event cannot be encoded: " + bad.getMessage()));
        }
        if (!computed.equals(e.hash())) {
            return Optional.of(new ChainFailure(index, offset, Optional.of(e.hash()), FailureReason.HASH_MISMATCH,
                    "SHA-256 of the event is " + computed.hex()));
        }
        return Optional.empty();
    }

    /** Checks only that the event names {@code expectedParent} (none for the first event). */
    public static Optional<ChainFailure> checkLink(long index, long offset, Optional<Hash> expectedParent, ChainEvent e) {
        if (!e.parentHash().equals(expectedParent)) {
            String expected = expectedParent.map(h -> "parent " + h.hex()).orElse("no parent");
            String found = e.parentHash().map(h -> "parent " + h.hex()).orElse("no parent");
            return Optional.of(new ChainFailure(index, offset, Optional.of(e.hash()), FailureReason.BROKEN_PARENT_LINK,
                    "expected " + expected + " but the event names " + found));
        }
        return Optional.empty();
    }
}
